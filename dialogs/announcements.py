"""What the bot posts on its own about the rota: the morning announcement and the heads-up.

Everything goes through the outbox with a key per team and day, so a re-run, a restart or a
second replica never posts twice.
"""

from dataclasses import dataclass
from datetime import date, datetime

from dialogs.cases import tick_cases
from dialogs.context import Context, TeamSettings
from dialogs.messages import format_day, t
from dialogs.plain import Mention, Reply
from dialogs.planning import absent_days, available_cover
from dialogs.stats import queue_weekly_report
from dialogs.swaps import tick_swaps
from dialogs.switchboard import queue_briefings
from store.models import Member, Team


@dataclass(frozen=True)
class Morning:
    """The morning post and who else must be told, before anything is queued."""

    post: Reply
    leads: list[tuple[Member, Reply]]


async def compose_morning(ctx: Context, team: Team, day: date) -> Morning:
    settings = ctx.team_settings(team)
    lang = settings.post_language
    following = settings.calendar.next_working_day(day)
    duty = await ctx.store.rota.on(team.id, day)
    holder = await ctx.store.members.get(duty.member_id) if duty and duty.member_id else None
    upcoming = await ctx.store.rota.on(team.id, following)
    next_member = (
        await ctx.store.members.get(upcoming.member_id) if upcoming and upcoming.member_id else None
    )
    values = {
        "day": format_day(lang, day),
        "next_day": format_day(lang, following),
        "next_holder": next_member.name if next_member else t(lang, "nobody"),
        "phone": settings.phone or t(lang, "no_phone"),
    }
    away = await absent_days(ctx, team, day, day)
    if holder is not None and day not in away.get(holder.id, frozenset()):
        mention = Mention(holder.teams_user_id, holder.name)
        return Morning(
            Reply(t(lang, "announce", holder=mention.tag, **values), mentions=(mention,)), []
        )
    cover = await available_cover(ctx, team, day, exclude=holder.id if holder else None)
    why = t(lang, "why_absent", name=holder.name) if holder else ""
    suggestion = cover.name if cover else t(lang, "no_suggestion")
    post = Reply(t(lang, "announce_nobody", why=why, suggestion=suggestion, **values))
    leads = []
    for member, ms in await ctx.store.members.of_team(team.id):
        if ms.role == "lead":
            lead_lang = member.language or lang
            leads.append(
                (
                    member,
                    Reply(
                        t(
                            lead_lang,
                            "announce_nobody_lead",
                            day=format_day(lead_lang, day),
                            why=t(lead_lang, "why_absent", name=holder.name) if holder else "",
                            suggestion=suggestion,
                            date=day.isoformat(),
                        )
                    ),
                )
            )
    return Morning(post, leads)


async def queue_morning(ctx: Context, team: Team, day: date) -> bool:
    """Queue the day's announcement (and the leads' notices); False if it was queued before."""
    morning = await compose_morning(ctx, team, day)
    queued = await ctx.notify(
        f"announce:{team.id}:{day.isoformat()}",
        team.id,
        "announce",
        f"channel:{team.id}",
        morning.post,
    )
    if queued:
        for lead, reply in morning.leads:
            await ctx.notify(
                f"nobody:{team.id}:{lead.id}:{day.isoformat()}",
                team.id,
                "nobody",
                f"member:{lead.id}",
                reply,
            )
    return queued


async def queue_headsup(ctx: Context, team: Team, today: date) -> bool:
    settings = ctx.team_settings(team)
    day = settings.calendar.next_working_day(today)
    duty = await ctx.store.rota.on(team.id, day)
    member = await ctx.store.members.get(duty.member_id) if duty and duty.member_id else None
    if member is None:
        return False
    return await ctx.tell(
        team,
        member,
        f"headsup:{team.id}:{member.id}:{day.isoformat()}",
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


def _hhmm(moment: datetime) -> str:
    return moment.strftime("%H:%M")


async def tick_team(ctx: Context, team_id: int) -> list[str]:
    """Whatever is due for one team at this minute; the names of what was queued."""
    team = await ctx.store.teams.get(team_id)
    if team is None or not team.active:
        return []
    settings: TeamSettings = ctx.team_settings(team)
    now = ctx.local_now()
    today, clock = now.date(), _hhmm(now)
    if not settings.calendar.is_working_day(today):
        return []
    queued = []
    members = await ctx.store.members.of_team(team.id)  # read once for the steps below
    if settings.announce_time <= clock < settings.latest_announce_time:
        if await queue_morning(ctx, team, today):
            queued.append("announce")
        if await queue_briefings(ctx, team, members):
            queued.append("briefing")
    if clock >= settings.headsup_time and await queue_headsup(ctx, team, today):
        queued.append("headsup")
    if clock >= settings.announce_time and await tick_swaps(ctx, team, members):
        queued.append("swaps")
    if clock >= settings.announce_time and await tick_cases(ctx, team, members):
        queued.append("cases")
    if (
        today.weekday() == settings.report_weekday
        and clock >= settings.report_time
        and await queue_weekly_report(ctx, team)
    ):
        queued.append("report")
    return queued
