"""What the bot posts on its own about the rota: the morning announcement and the heads-up.

Everything goes through the outbox with a key per team and day, so a re-run, a restart or a
second replica never posts twice. When they are due is decided by `dialogs.team_tick`.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from dialogs.context import Context
from dialogs.duty import holder_name
from dialogs.holder import Holder, call_instead, not_taken, on_the_phone, take_card
from dialogs.messages import format_day, t
from dialogs.plain import Mention, Reply
from dialogs.planning import available_cover, headsup_key, morning_key
from store.members import leads
from store.models import Member, Team


@dataclass(frozen=True)
class Morning:
    """The morning post and, if nobody holds the day, the leads to tell, before anything is
    queued."""

    post: Reply
    leads: list[Member] = field(default_factory=list)
    lead_note: Callable[[str], Reply] | None = None


async def compose_morning(ctx: Context, team: Team, day: date) -> Morning:
    settings = ctx.team_settings(team)
    lang = settings.post_language
    following = settings.calendar.next_working_day(day)
    found = await on_the_phone(ctx, team, day)
    holder = found.member
    values = {
        "day": format_day(lang, day),
        "next_day": format_day(lang, following),
        "next_holder": await holder_name(ctx, team, following, lang),
        "phone": settings.phone or t(lang, "no_phone"),
    }
    if holder is not None and found.covered:
        mention = Mention(holder.teams_user_id, holder.name)
        post = Reply(t(lang, "announce", holder=mention.tag, **values), mentions=(mention,))
        return Morning(post)
    if holder is None:
        cover = await available_cover(ctx, team, day)
    else:
        cover = found.cover

    def why(lang: str) -> str:
        return t(lang, "why_absent", name=holder.name) if holder else ""

    def suggestion(lang: str) -> str:
        return cover.name if cover else t(lang, "no_suggestion")

    def lead_note(lang: str) -> Reply:
        return Reply(
            t(
                lang,
                "announce_nobody_lead",
                day=format_day(lang, day),
                why=why(lang),
                suggestion=suggestion(lang),
                date=day.isoformat(),
            )
        )

    if holder is None:
        text = t(lang, "announce_nobody", why="", suggestion=suggestion(lang), **values)
    else:
        text = t(
            lang,
            "announce_away",
            not_taken=not_taken(lang, found),
            instead=call_instead(lang, found),
            **values,
        )
    post = Reply(text, card=take_card(lang, found) if found.absent else None)
    told = leads(await ctx.store.members.of_team(team.id))
    return Morning(post, told, lead_note)


async def queue_morning(ctx: Context, team: Team, day: date) -> bool:
    """Queue the day's announcement (and the leads' notices); False if it was queued before.
    The tick asks every minute of the announcement window: the key is checked before the
    post is composed."""
    key = morning_key(team.id, day)
    if await ctx.store.outbox.exists_like(key):
        return False
    morning = await compose_morning(ctx, team, day)
    queued = await ctx.notify(key, team.id, "announce", f"channel:{team.id}", morning.post)
    if queued and morning.lead_note is not None:
        for lead in morning.leads:
            key = f"nobody:{team.id}:{lead.id}:{day.isoformat()}"
            await ctx.tell(team, lead, key, "nobody", morning.lead_note)
    return queued


async def queue_headsup(ctx: Context, team: Team, today: date) -> bool:
    settings = ctx.team_settings(team)
    day = settings.calendar.next_working_day(today)
    found = await on_the_phone(ctx, team, day)
    member = found.member
    if member is None:
        return False
    if found.absent:  # no reminder to someone away: the leads hear the day is not taken
        return await _headsup_away(ctx, team, found)
    return await ctx.tell(
        team,
        member,
        headsup_key(team.id, member.id, day),
        "headsup",
        lambda lang: Reply(
            t(
                lang,
                "headsup",
                day=format_day(lang, day),
                phone=settings.phone or t(lang, "no_phone"),
            )
        ),
    )


async def _headsup_away(ctx: Context, team: Team, found: Holder) -> bool:
    day = found.day

    def note(lang: str) -> Reply:
        suggestion = found.cover.name if found.cover else t(lang, "no_suggestion")
        return Reply(
            t(
                lang,
                "headsup_away",
                day=format_day(lang, day),
                not_taken=not_taken(lang, found),
                suggestion=suggestion,
                date=day.isoformat(),
            )
        )

    told = False
    for lead in found.leads:
        key = f"headsup_away:{team.id}:{lead.id}:{day.isoformat()}"
        told = await ctx.tell(team, lead, key, "headsup", note) or told
    return told
