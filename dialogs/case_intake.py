"""`ny sag`: the intake card, and the case it opens when saved."""

from typing import Any

from dialogs import cards
from dialogs.case_cards import case_card, intake_card
from dialogs.case_texts import moment_text
from dialogs.commands import Invocation
from dialogs.context import Caller, Context
from dialogs.cover import named_holder_at
from dialogs.messages import t
from dialogs.plain import Reply
from domain import cases as domain
from store.flows import Claim
from store.models import CardFlow


async def new_case(caller: Caller, inv: Invocation, ctx: Context) -> list[Reply]:
    flow = await ctx.store.flows.start("case", caller.in_team.id, {}, ctx.clock.now())
    return [Reply(card=intake_card(caller.lang, flow.id, flow.version, ctx.local_now()))]


async def create_case(
    caller: Caller, flow: CardFlow, value: dict[str, Any], ctx: Context
) -> list[Reply]:
    lang, team, now = caller.lang, caller.in_team, ctx.clock.now()
    call = domain.intake(caller.role, value, ctx.settings.zone, now)
    holder, holder_name = await named_holder_at(ctx, team, call.call_at)
    # The card is claimed in the statement that opens the case (#17): a second click opens
    # none, and a refusal before it leaves the card as it was.
    claim = Claim(flow, value["v"], caller.member.id, now)
    case = await domain.open_case(ctx.store, team.id, caller.member.id, call, holder, now, claim)
    # Every name a new case's card shows: its owner's and its logger's (no roster read).
    names = {caller.member.id: caller.member.name}
    if holder is not None and holder_name:
        names[holder] = holder_name
    done = t(
        lang,
        "case_created",
        number=case.number,
        owner=names.get(case.owner_id or 0, ""),
        when=moment_text(lang, call.call_at.astimezone(ctx.settings.zone)),
    )
    return [
        Reply(card=cards.done_card(t(lang, "case_new_title"), [done]), update=True),
        Reply(card=await case_card(ctx, team, case, lang, names=names, new=True)),
    ]
