"""`overdrag 12 til Bo`: the owner or a lead passes a case on; the new owner is told and gets
the case card. Someone away today is asked about first."""

from typing import Any

from dialogs import cards
from dialogs.case_cards import case_card
from dialogs.case_texts import coming_lines
from dialogs.commands import Invocation
from dialogs.context import Caller, Context
from dialogs.markdown import Markup
from dialogs.messages import t
from dialogs.plain import Reply
from dialogs.planning import absent_days
from dialogs.targets import target_and_rest
from domain import cases as domain
from rules.text import fold
from store.models import Team

TO = frozenset({"til", "to"})


async def reassign(caller: Caller, inv: Invocation, ctx: Context) -> list[Reply]:
    lang, team = caller.lang, caller.in_team
    words = inv.args.split()
    if not words:
        return [Reply(t(lang, "reassign_usage"))]
    case = await domain.by_number(ctx.store, team.id, words[0])
    domain.may_pass_on(case, caller.member.id, caller.role)
    rest = [w for w in words[1:] if fold(w) not in TO]
    found = await target_and_rest(
        caller,
        ctx,
        Invocation(" ".join(rest), inv.example, inv.target_id),
        "reassign",
        0,
        rerun=inv.args,
    )
    member = found[0]
    away = await absent_days(ctx, team, ctx.today(), ctx.today())
    if ctx.today() in away.get(member.id, ()):
        card = cards.card(
            [cards.text(t(lang, "reassign_absent", name=member.name))],
            [
                cards.submit(
                    t(lang, "reassign_yes"),
                    {"action": "case.reassign", "case": case.id, "member": member.id},
                )
            ],
        )
        return [Reply(card=card)]
    return await _hand_on(caller, ctx, team, case.id, member.id)


async def confirm_reassign(caller: Caller, value: dict[str, Any], ctx: Context) -> list[Reply]:
    team = caller.in_team
    return await _hand_on(
        caller, ctx, team, cards.whole(value, "case"), cards.whole(value, "member")
    )


async def _hand_on(
    caller: Caller, ctx: Context, team: Team, case_id: int, member_id: int
) -> list[Reply]:
    now = ctx.clock.now()
    handover = await domain.pass_on(
        ctx.store, team.id, case_id, member_id, caller.member.id, caller.role, now
    )
    case, member = handover.case, handover.to
    calendar = ctx.team_settings(team).calendar

    def told(lang: str) -> Reply:
        said = t(lang, "reassigned_told", number=case.number, name=caller.member.name)
        return Reply(Markup(" ".join([said, *coming_lines(lang, case, ctx.today(), calendar)])))

    await ctx.tell(
        team, member, f"case-owner:{case.id}:{member.id}:{now.isoformat()}", "case_owner", told
    )
    card = await case_card(ctx, team, case, ctx.language_of(team, member))
    await ctx.notify(
        f"case-card:{case.id}:{member.id}:{now.isoformat()}",
        team.id,
        "case_card",
        f"member:{member.id}",
        Reply(card=card),
    )
    return [Reply(t(caller.lang, "reassigned", number=case.number, name=member.name))]
