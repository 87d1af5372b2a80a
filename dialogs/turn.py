"""One turn: guard the input, find out who is asking, route to a command or a card flow."""

from collections.abc import Awaitable, Callable
from typing import Any

from dialogs import cards, cases, free_text, swaps, web_link
from dialogs.absences import cancel_absence
from dialogs.card_ids import ids_are_the_teams
from dialogs.commands import Command, Invocation, match, written_in
from dialogs.context import Caller, Context
from dialogs.cover import confirm_cover
from dialogs.messages import lang_of, t
from dialogs.personal import pick_team_card
from dialogs.plain import Answered, Reply, Request
from dialogs.refusals import said
from dialogs.routing import COMMANDS
from dialogs.switchboard import answer_guide, guide_card
from dialogs.team_setup import save_settings, save_setup
from domain.errors import Refused
from rules.cpr import any_cpr
from rules.language import choose
from store.members import RosterEntry, refreshed
from store.models import CardFlow, Member, Membership, Team

FlowAction = Callable[[Caller, CardFlow, dict[str, Any], Context], Awaitable[list[Reply]]]


async def handle_message(req: Request, ctx: Context) -> list[Reply]:
    # Before anything is stored or logged: the text never reaches the database.
    if any_cpr(req.text) or any_cpr(_typed(req.value)):
        return [refusal(req, "cpr_refused", await language_for(req, ctx))]
    if not req.user.aad_object_id:  # the edge refuses these too; a Teams user always has one
        return [refusal(req, "not_in_team", answer_language(ctx, req, None, None))]
    caller = await resolve_caller(req, ctx)
    try:
        return await _dispatch(caller, req, ctx)
    except Refused as refused:  # the one place a rule's "no" becomes an answer
        return [said(caller.lang, refused)]
    except Answered as answered:
        return answered.replies


async def _dispatch(caller: Caller, req: Request, ctx: Context) -> list[Reply]:
    if isinstance(req.value, dict) and "flow" in req.value:
        return await handle_submit(caller, req.value, ctx)
    if isinstance(req.value, dict) and req.value.get("action") in STATELESS:
        return await _stateless(caller, req.value, ctx)
    return await run_text(caller, req.text, ctx)


# What the bot itself puts into a card's data. A flow id is a random UUID, and one in a few
# hundred holds ten digits shaped like a CPR number: that card's button must still work.
CONTROL_KEYS = frozenset({"flow", "v", "action"})


def _typed(value: dict[str, Any] | None) -> dict[str, Any] | None:
    """A card's data without the bot's own keys: what a person could have typed or picked."""
    return {k: v for k, v in value.items() if k not in CONTROL_KEYS} if value else value


def refusal(req: Request, key: str, lang: str | None = None, **values: Any) -> Reply:
    """A reply for a request that never got as far as the dialogs (a CPR number, a flood, an
    error), in `lang` (from `language_for`), or, when even that could not be read, in what the
    text is written in or the Teams locale's."""
    fallback = choose(None, written_in(req.text, COMMANDS), None, lang_of(req.locale))
    return Reply(t(lang or fallback, key, **values))


def answer_language(ctx: Context, req: Request, member: Member | None, team: Team | None) -> str:
    """The one rule for the language of every answer (rules/language.py)."""
    team_language = ctx.team_settings(team).post_language if team is not None else None
    chosen = member.language if member is not None else None
    return choose(chosen, written_in(req.text, COMMANDS), team_language, lang_of(req.locale))


async def language_for(req: Request, ctx: Context) -> str:
    """The answer's language, read without storing anything (for refusals before a turn)."""
    aad = req.user.aad_object_id
    known = await ctx.store.members.caller(req.tenant_id, aad) if aad else None
    if known is None:
        return answer_language(ctx, req, None, None)
    return answer_language(ctx, req, known.member, _team_for(req, known.member, known.teams))


def _team_for(req: Request, member: Member, teams: list[tuple[Team, Membership]]) -> Team | None:
    """The team a request is about among the caller's: the channel's, else the one they picked
    for 1:1, else their only one (or the first, for the language only)."""
    if req.team_teams_id:
        return next((tm for tm, _ in teams if tm.teams_team_id == req.team_teams_id), None)
    chosen = [tm for tm, _ in teams if tm.id == member.active_team_id]
    return next(iter(chosen or [tm for tm, _ in teams]), None)


async def resolve_caller(req: Request, ctx: Context) -> Caller:
    """The person behind a request and, when they have access to one, their team.
    A message never enrols anyone: access comes from the team's roster (or a join code)."""
    now = ctx.clock.now()
    user = req.user
    entry = RosterEntry(user.aad_object_id, user.teams_user_id, user.name)
    known = await ctx.store.members.caller(req.tenant_id, entry.aad_object_id)
    if known is None:
        member, teams = await ctx.store.members.add(req.tenant_id, entry, now), []
    else:
        member, teams = refreshed(known.member, entry), known.teams
    caller = Caller(req, member, "")
    if req.scope == "personal" and req.reference:
        await ctx.store.members.save_reference(
            member,
            known.reference if known else None,
            req.service_url,
            req.conversation_id,
            req.reference,
            now,
        )
    if req.team_teams_id:
        found = next(((tm, ms) for tm, ms in teams if tm.teams_team_id == req.team_teams_id), None)
        found = found or await _from_roster(req, member, ctx)
        if found is not None:
            caller.team, caller.membership = found
    else:
        chosen = [(tm, ms) for tm, ms in teams if tm.id == member.active_team_id] or teams
        if len(chosen) == 1:
            caller.team, caller.membership = chosen[0]
        elif chosen:
            caller.extra["several_teams"] = True
    # Once a turn, with the team the request is about (else their first, for the language).
    team = caller.team or _team_for(req, member, teams)
    caller.lang = answer_language(ctx, req, member, team)
    return caller


async def _from_roster(
    req: Request, member: Member, ctx: Context
) -> tuple[Team, Membership] | None:
    """Someone the bot does not know as a member writes in a team's channel: they get in only
    if Teams says they are on the team's roster now (a missed member event); guests of a shared
    channel and people who left do not. An unknown team is never installed by a message."""
    team = await ctx.store.teams.by_teams_id(req.tenant_id, req.team_teams_id or "")
    if team is None or not team.active:
        return None
    if not await ctx.on_roster(team, req.user.teams_user_id, member.aad_object_id):
        return None
    return team, await ctx.store.members.join(team, member, "caseworker", ctx.clock.now())


async def run_text(
    caller: Caller, text: str, ctx: Context, target_id: int | None = None
) -> list[Reply]:
    lang = caller.lang
    found = match(text, COMMANDS)
    if found is None:  # a sentence: understood, then answered or confirmed (#14)
        return await free_text.answer(caller, text, ctx, run_text, _denied)
    command, args = found
    denied = await _denied(caller, command, text, ctx)
    if denied:
        return denied
    return await command.handler(caller, Invocation(args, command.example(lang), target_id), ctx)


async def _denied(caller: Caller, command: Command, text: str, ctx: Context) -> list[Reply]:
    lang, scope = caller.lang, caller.request.scope
    if command.personal_only and scope != "personal":
        return [Reply(t(lang, "personal_only"))]
    if command.channel_only and scope != "channel":
        return [Reply(t(lang, "channel_only"))]
    if command.access == "anyone":
        return []
    if caller.team is None:
        if caller.extra.get("several_teams"):
            return await pick_team_card(caller, ctx, text)
        return [Reply(t(lang, "not_in_team"))]
    if not command.allows(caller.role):
        return [Reply(t(lang, "not_allowed", roles=t(lang, f"roles.{command.access}")))]
    return []


async def handle_submit(caller: Caller, value: dict[str, Any], ctx: Context) -> list[Reply]:
    lang = caller.lang
    flow = await ctx.store.flows.get(str(value.get("flow")))
    action = FLOW_ACTIONS.get(str(value.get("action")))
    if flow is None or action is None:
        return [Reply(t(lang, "card_unknown"))]
    if flow.done or str(flow.version) != str(value.get("v")):
        return [Reply(t(lang, "card_outdated", name=await _handler_name(flow, ctx, lang)))]
    if flow.team_id is not None and (caller.team is None or caller.team.id != flow.team_id):
        caller.team = await ctx.store.teams.get(flow.team_id)
        caller.membership = await ctx.store.members.membership(flow.team_id, caller.member.id)
    if flow.team_id is not None and caller.membership is None:
        return [Reply(t(lang, "not_in_team"))]
    if not await ids_are_the_teams(caller, value, ctx):
        return [Reply(t(lang, "card_unknown"))]
    return await action(caller, flow, {**value, "v": flow.version}, ctx)


async def _handler_name(flow: CardFlow, ctx: Context, lang: str) -> str:
    member = await ctx.store.members.get(flow.handled_by) if flow.handled_by else None
    return member.name if member else t(lang, "someone")


def _lead_only(action: FlowAction) -> FlowAction:
    async def guarded(
        caller: Caller, flow: CardFlow, value: dict[str, Any], ctx: Context
    ) -> list[Reply]:
        if caller.role != "lead":
            return [Reply(t(caller.lang, "not_allowed", roles=t(caller.lang, "roles.lead")))]
        return await action(caller, flow, value, ctx)

    return guarded


async def _pick_member(
    caller: Caller, flow: CardFlow, value: dict[str, Any], ctx: Context
) -> list[Reply]:
    """A button on a 'which person?' card: re-run the command with that person."""
    if not await ctx.store.flows.claim(
        flow, value["v"], caller.member.id, ctx.clock.now(), done=True
    ):
        return [Reply(t(caller.lang, "card_outdated", name=t(caller.lang, "someone")))]
    command = next(c for c in COMMANDS if c.name == flow.state["command"])
    denied = await _denied(caller, command, "", ctx)
    if denied:
        return denied
    target = cards.whole(value, "member")
    inv = Invocation(flow.state.get("args", ""), command.example(caller.lang), target)
    return await command.handler(caller, inv, ctx)


async def _pick_team(
    caller: Caller, flow: CardFlow, value: dict[str, Any], ctx: Context
) -> list[Reply]:
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
        replies += await run_text(caller, pending, ctx)
    return replies


async def _stateless(caller: Caller, value: dict[str, Any], ctx: Context) -> list[Reply]:
    """Card buttons that need no stored state: the answer depends only on what was picked,
    so an old card's click is as good as a new one's."""
    if caller.team is None:
        return [Reply(t(caller.lang, "not_in_team"))]
    if caller.role is None:
        return [Reply(t(caller.lang, "not_in_team"))]
    if not await ids_are_the_teams(caller, value, ctx):
        return [Reply(t(caller.lang, "card_unknown"))]
    action = value["action"]
    if action == "guide_open":
        return [Reply(card=guide_card(caller.lang))]
    if action == "guide":
        return await answer_guide(caller, value, ctx)
    if action == "web.open":
        return await web_link.show_link(caller, None, ctx)
    if caller.role == "switchboard":
        return [Reply(t(caller.lang, "not_allowed", roles=t(caller.lang, "roles.staff")))]
    if action == "absence.cancel":
        return await cancel_absence(caller, value, ctx)
    if action in ("swap.approve", "swap.reject"):
        return await swaps.decide(caller, value, ctx)
    if action == "case.outcome":
        return await cases.save_outcome(caller, value, ctx)
    if action == "case.reassign":
        return await cases.confirm_reassign(caller, value, ctx)
    return await swaps.act(caller, value, ctx)


# Card buttons whose state lives in their own rows (swap requests, absences) or nowhere.
STATELESS = frozenset(
    {
        "guide",
        "guide_open",
        "web.open",
        "swap.take",
        "swap.decline",
        "swap.cancel",
        "swap.approve",
        "swap.reject",
        "absence.cancel",
        "case.outcome",
        "case.reassign",
    }
)

FLOW_ACTIONS: dict[str, FlowAction] = {
    "pick": _pick_member,
    "pick_team": _pick_team,
    "setup.save": _lead_only(save_setup),
    "settings.save": _lead_only(save_settings),
    "cover": confirm_cover,
    "case.new": cases.create_case,
    **free_text.flow_actions(run_text, _denied),
}
