"""Same-day cover: `jeg er syg` from today's holder (or `syg NAVN` from a lead), a card to pick
who covers, and the correction posted to the channel. The hand-over itself: domain/cover.py."""

from datetime import datetime
from typing import Any

from dialogs import cards
from dialogs.absences import register
from dialogs.commands import Invocation
from dialogs.context import Caller, Context
from dialogs.messages import t
from dialogs.plain import Mention, Reply
from dialogs.planning import able_to_hold, available_cover
from dialogs.targets import target_and_rest
from domain import cover
from domain.absences import check_on_behalf
from store.models import CardFlow, Member, Team


async def holder_at(ctx: Context, team: Team, moment: datetime) -> int | None:
    """Who held the hotline at that moment, hand-overs included."""
    return await cover.holder_at(ctx.store, team.id, moment, ctx.settings.zone)


async def named_holder_at(ctx: Context, team: Team, moment: datetime) -> tuple[int | None, str]:
    """Who held the hotline at that moment, and their name ("" if not known)."""
    return await cover.named_holder_at(ctx.store, team.id, moment, ctx.settings.zone)


async def sick(caller: Caller, inv: Invocation, ctx: Context) -> list[Reply]:
    """`jeg er syg` from today's holder, or `syg NAVN` from a lead on their behalf."""
    team, lang, today = caller.in_team, caller.lang, ctx.today()
    who: Member = caller.member
    if inv.args.strip() or caller.request.mentions or inv.target_id:
        check_on_behalf(caller.role)
        found = await target_and_rest(caller, ctx, inv, "sick", 0)
        who = found[0]
    await register(caller, ctx, who, today, today, "sick", offer=False)
    if await holder_at(ctx, team, ctx.clock.now()) != who.id:
        return [Reply(t(lang, "sick_not_holder"))]
    return [Reply(card=await _cover_card(ctx, team, lang, who))]


async def _cover_card(ctx: Context, team: Team, lang: str, sick_member: Member) -> dict[str, Any]:
    today = ctx.today()
    suggestion = await available_cover(ctx, team, today, exclude=sick_member.id)
    if suggestion is None:
        return cards.card(
            [
                cards.heading(t(lang, "sick_title", name=sick_member.name)),
                cards.text(t(lang, "sick_nobody")),
            ]
        )
    members = await ctx.store.members.of_team(team.id)
    others = [m for m in await able_to_hold(ctx, team, today, members) if m.id != sick_member.id]
    flow = await ctx.store.flows.start("cover", team.id, {"from": sick_member.id}, ctx.clock.now())
    choices = [(m.name, str(m.id)) for m in others]
    return cover_card_for(
        lang, sick_member.name, suggestion.name, str(suggestion.id), choices, flow.id, flow.version
    )


def cover_card_for(
    lang: str,
    sick_name: str,
    suggestion: str,
    suggestion_id: str,
    choices: list[tuple[str, str]],
    flow_id: str,
    version: int,
) -> dict[str, Any]:
    body = [
        cards.heading(t(lang, "sick_title", name=sick_name)),
        cards.text(t(lang, "sick_suggestion", name=suggestion)),
        cards.choice_input("cover", t(lang, "sick_cover"), choices, [suggestion_id]),
    ]
    confirm = cards.submit(t(lang, "sick_confirm"), cards.flow_data(flow_id, version, "cover"))
    return cards.card(body, [confirm])


async def confirm_cover(
    caller: Caller, flow: CardFlow, value: dict[str, Any], ctx: Context
) -> list[Reply]:
    team, lang, today, now = caller.in_team, caller.lang, ctx.today(), ctx.clock.now()
    done = await cover.hand_over(
        ctx.store,
        team.id,
        flow,
        value["v"],
        cards.whole(value, "cover"),
        actor_id=caller.member.id,
        actor_role=caller.role,
        today=today,
        now=now,
    )
    sick_member, covering = done.sick, done.cover
    at = now.astimezone(ctx.settings.zone).strftime("%H:%M")
    settings = ctx.team_settings(team)
    post_lang = settings.post_language

    def phone(in_lang: str) -> str:
        return settings.phone or t(in_lang, "no_phone")

    mention = Mention(covering.teams_user_id, covering.name)
    await ctx.notify(
        f"correction:{team.id}:{today.isoformat()}:{done.count}",
        team.id,
        "correction",
        f"channel:{team.id}",
        Reply(
            t(
                post_lang,
                "sick_correction",
                cover=mention.tag,
                time=at,
                name=sick_member.name,
                phone=phone(post_lang),
            ),
            mentions=(mention,),
        ),
    )
    await ctx.tell(
        team,
        covering,
        f"cover:{team.id}:{today.isoformat()}:{done.count}",
        "cover",
        lambda told: Reply(
            t(told, "sick_told_cover", time=at, name=sick_member.name, phone=phone(told))
        ),
    )
    card = cards.done_card(
        t(lang, "sick_title", name=sick_member.name),
        [t(lang, "sick_done", name=covering.name, time=at)],
    )
    return [Reply(card=card, update=True)]
