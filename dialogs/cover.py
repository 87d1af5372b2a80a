"""Same-day cover: today's holder is sick, a colleague takes over from that moment.

Duty is kept as time intervals (hand-overs), so a call before the hand-over belongs to the
first holder and a call after it to the cover.
"""

from datetime import datetime
from typing import Any

from dialogs import cards
from dialogs.absences import register
from dialogs.commands import Invocation
from dialogs.context import Caller, Context
from dialogs.messages import t
from dialogs.plain import Mention, Reply
from dialogs.planning import able_to_hold, available_cover, rota_members
from dialogs.targets import target_and_rest
from store.models import CardFlow, Member, Team


async def holder_at(ctx: Context, team: Team, moment: datetime) -> int | None:
    """Who held the hotline at that moment, hand-overs included."""
    day = moment.astimezone(ctx.settings.zone).date()
    handovers = await ctx.store.swaps.handovers(team.id, day)
    before = [h for h in handovers if h.at <= moment]
    if before:
        return before[-1].to_member
    if handovers:
        return handovers[0].from_member
    duty = await ctx.store.rota.on(team.id, day)
    return duty.member_id if duty else None


async def sick(caller: Caller, inv: Invocation, ctx: Context) -> list[Reply]:
    """`jeg er syg` from today's holder, or `syg NAVN` from a lead on their behalf."""
    assert caller.team is not None
    team, lang, today = caller.team, caller.lang, ctx.today()
    who: Member = caller.member
    if inv.args.strip() or caller.request.mentions or inv.target_id:
        if caller.role != "lead":
            return [Reply(t(lang, "not_allowed", roles=t(lang, "roles.lead")))]
        found = await target_and_rest(caller, ctx, inv, "sick", 0)
        if isinstance(found, list):
            return found
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
    assert caller.team is not None
    team, lang = caller.team, caller.lang
    sick_id = int(flow.state["from"])
    if caller.member.id != sick_id and caller.role != "lead":
        return [Reply(t(lang, "not_allowed", roles=t(lang, "roles.lead")))]
    cover_id = cards.whole(value, "cover")
    cover = await ctx.store.members.get(cover_id)
    if cover is None or cover_id not in {m.id for m, _ in await rota_members(ctx, team)}:
        return [Reply(t(lang, "card_unknown"))]
    now = ctx.clock.now()
    if not await ctx.store.flows.claim(flow, value["v"], caller.member.id, now, done=True):
        return [Reply(t(lang, "card_outdated", name=t(lang, "someone")))]
    sick_member = await ctx.store.members.get(sick_id)
    assert sick_member is not None
    today = ctx.today()
    ctx.store.swaps.hand_over(team.id, today, sick_id, cover_id, now, caller.member.id)
    await ctx.store.rota.set(team.id, today, cover_id, now, kept=True, source="cover")
    ctx.store.audit.record(
        team.id,
        caller.member.id,
        "handover",
        f"day:{today.isoformat()}",
        now,
        {"member": sick_id},
        {"member": cover_id},
    )
    at = now.astimezone(ctx.settings.zone).strftime("%H:%M")
    settings = ctx.team_settings(team)
    post_lang = settings.post_language

    def phone(in_lang: str) -> str:
        return settings.phone or t(in_lang, "no_phone")

    mention = Mention(cover.teams_user_id, cover.name)
    count = len(await ctx.store.swaps.handovers(team.id, today))
    await ctx.notify(
        f"correction:{team.id}:{today.isoformat()}:{count}",
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
        cover,
        f"cover:{team.id}:{today.isoformat()}:{count}",
        "cover",
        lambda told: Reply(
            t(told, "sick_told_cover", time=at, name=sick_member.name, phone=phone(told))
        ),
    )
    done = cards.done_card(
        t(lang, "sick_title", name=sick_member.name),
        [t(lang, "sick_done", name=cover.name, time=at)],
    )
    return [Reply(card=done, update=True)]
