"""The routing table for card clicks: every action a card's button can send, who may click it
(the same words as a command's access, checked by `routing.not_allowed`), and what it runs.

A click is one of two kinds. A `Click`'s state lives in its own rows (swap requests, absences,
cases) or nowhere, so an old card's click is as good as a new one's. A `FlowStep` belongs to a
stored card flow and counts only while the flow is at the card's version. dialogs/turn.py
checks, in this order, the flow, who may click, and that every id in the click is the team's,
before a handler sees it. A handler that re-runs a command does so through `ctx.run_text`.
"""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from dialogs import cards, cases, cover, swaps, switchboard, team_setup, web_link
from dialogs.absences import cancel_absence
from dialogs.commands import Invocation
from dialogs.context import Caller, Context
from dialogs.messages import t
from dialogs.plain import Reply
from dialogs.routing import COMMANDS, denied
from store.models import CardFlow

ClickHandler = Callable[[Caller, dict[str, Any], Context], Awaitable[list[Reply]]]
FlowHandler = Callable[[Caller, CardFlow, dict[str, Any], Context], Awaitable[list[Reply]]]


@dataclass(frozen=True)
class Click:
    name: str
    access: str
    handler: ClickHandler


@dataclass(frozen=True)
class FlowStep:
    name: str
    access: str
    handler: FlowHandler
    kinds: frozenset[str]  # the kinds of stored flow (flows.start) this button belongs to


CardAction = Click | FlowStep


async def _guide_open(caller: Caller, value: dict[str, Any], ctx: Context) -> list[Reply]:
    return [Reply(card=switchboard.guide_card(caller.lang))]


async def _web_open(caller: Caller, value: dict[str, Any], ctx: Context) -> list[Reply]:
    return await web_link.show_link(caller, None, ctx)


async def _pick_member(
    caller: Caller, flow: CardFlow, value: dict[str, Any], ctx: Context
) -> list[Reply]:
    """A button on a 'which person?' card: re-run the writer's command with that person."""
    if flow.state.get("by") != caller.member.id:
        return [Reply(t(caller.lang, "free_not_yours"))]
    command = next(c for c in COMMANDS if c.name == flow.state["command"])
    refused = await denied(caller, command, "", ctx)
    if refused:
        return refused
    if not await ctx.store.flows.claim(
        flow, value["v"], caller.member.id, ctx.clock.now(), done=True
    ):
        return [Reply(t(caller.lang, "card_outdated", name=t(caller.lang, "someone")))]
    target = cards.whole(value, "member")
    inv = Invocation(flow.state.get("args", ""), command.example(caller.lang), target)
    return await command.handler(caller, inv, ctx)


async def _pick_team(
    caller: Caller, flow: CardFlow, value: dict[str, Any], ctx: Context
) -> list[Reply]:
    """A button on a 'which team?' card: remember the team, then run what was typed."""
    if flow.state.get("by") != caller.member.id:
        return [Reply(t(caller.lang, "free_not_yours"))]
    team_id = cards.whole(value, "team")
    teams = {tm.id: (tm, ms) for tm, ms in await ctx.store.members.teams_of(caller.member.id)}
    if team_id not in teams:
        return [Reply(t(caller.lang, "card_unknown"))]
    if not await ctx.store.flows.claim(
        flow, value["v"], caller.member.id, ctx.clock.now(), done=True
    ):
        return [Reply(t(caller.lang, "card_outdated", name=t(caller.lang, "someone")))]
    ctx.store.members.set_active_team(caller.member, team_id)
    caller.team, caller.membership = teams[team_id]
    replies = [Reply(t(caller.lang, "team_picked", team=caller.team.name))]
    pending = flow.state.get("text", "")
    if pending:
        replies += await ctx.run_text(caller, pending, ctx, None)
    return replies


# The flow steps open to "anyone" are checked where they lead: a picked person's or team's
# command, and a sentence's, run through the command table's access rule again.
_FREE = frozenset({"free.confirm", "free.pick"})  # Nej closes either card


def _free_text(step: str) -> FlowHandler:
    """A button on a free-text card. dialogs.free_text brings understanding/ (its regular
    expressions and rapidfuzz), which the commands never need: it is imported by the first
    sentence or click that does, not at start-up."""

    async def handler(
        caller: Caller, flow: CardFlow, value: dict[str, Any], ctx: Context
    ) -> list[Reply]:
        from dialogs import free_text

        steps: dict[str, FlowHandler] = {
            "pick": free_text.pick,
            "yes": free_text.yes,
            "no": free_text.no,
            "fix": free_text.fix,
            "send": free_text.send,
        }
        return await steps[step](caller, flow, value, ctx)

    return handler


CARD_ACTIONS: tuple[CardAction, ...] = (
    Click("guide_open", "member", _guide_open),
    Click("guide", "member", switchboard.answer_guide),
    Click("web.open", "member", _web_open),
    Click("swap.take", "staff", swaps.act),
    Click("swap.decline", "staff", swaps.act),
    Click("swap.cancel", "staff", swaps.act),
    Click("swap.approve", "staff", swaps.decide),
    Click("swap.reject", "staff", swaps.decide),
    Click("absence.cancel", "staff", cancel_absence),
    Click("case.outcome", "staff", cases.save_outcome),
    Click("case.reassign", "staff", cases.confirm_reassign),
    FlowStep("pick", "anyone", _pick_member, frozenset({"pick"})),
    FlowStep("pick_team", "anyone", _pick_team, frozenset({"pick_team"})),
    FlowStep("setup.save", "lead", team_setup.save_setup, frozenset({"setup"})),
    FlowStep("settings.save", "lead", team_setup.save_settings, frozenset({"settings"})),
    # The commands that open these cards are staff only; so are their buttons.
    FlowStep("cover", "staff", cover.confirm_cover, frozenset({"cover"})),
    FlowStep("case.new", "staff", cases.create_case, frozenset({"case"})),
    FlowStep("free.pick", "anyone", _free_text("pick"), frozenset({"free.pick"})),
    FlowStep("free.yes", "anyone", _free_text("yes"), frozenset({"free.confirm"})),
    FlowStep("free.no", "anyone", _free_text("no"), _FREE),
    FlowStep("free.fix", "anyone", _free_text("fix"), frozenset({"free.confirm"})),
    FlowStep("free.send", "anyone", _free_text("send"), frozenset({"free.confirm"})),
)

CLICKS: dict[str, Click] = {a.name: a for a in CARD_ACTIONS if isinstance(a, Click)}
FLOW_STEPS: dict[str, FlowStep] = {a.name: a for a in CARD_ACTIONS if isinstance(a, FlowStep)}
