"""One turn: guard the input, find out who is asking, route to a command or a card flow."""

from typing import Any

from dialogs.card_ids import ids_are_the_teams
from dialogs.card_routing import CLICKS, FLOW_STEPS
from dialogs.commands import Invocation, match, written_in
from dialogs.context import Caller, Context
from dialogs.messages import lang_of, t
from dialogs.plain import Answered, Reply, Request
from dialogs.refusals import said
from dialogs.routing import COMMANDS, denied, not_allowed
from domain.errors import Refused
from rules.cpr import any_cpr
from rules.language import choose, choose_asking
from store.members import RosterEntry, refreshed
from store.models import CardFlow, Member, Membership, Team

# Card buttons whose state lives in their own rows (swap requests, absences) or nowhere.
STATELESS = frozenset(CLICKS)


async def handle_message(req: Request, ctx: Context) -> list[Reply]:
    # Before anything is stored or logged: the text never reaches the database.
    if any_cpr(req.text) or any_cpr(_typed(req.value)):
        return [refusal(req, "cpr_refused", await language_for(req, ctx))]
    if not req.user.aad_object_id:  # the edge refuses these too; a Teams user always has one
        return [refusal(req, "not_in_team", answer_language(ctx, req, None, None))]
    caller = await resolve_caller(req, ctx)
    ctx.run_text = run_text  # for a click that re-runs a command (dialogs/card_routing.py)
    try:
        return await _dispatch(caller, req, ctx)
    except Refused as refused:  # the one place a rule's "no" becomes an answer
        return [said(caller.lang, refused)]
    except Answered as answered:
        return answered.replies


async def _dispatch(caller: Caller, req: Request, ctx: Context) -> list[Reply]:
    """A card click through the card table (dialogs/card_routing.py), else the text."""
    value = req.value if isinstance(req.value, dict) else {}
    if "flow" in value:
        return await handle_submit(caller, value, ctx)
    click = CLICKS.get(str(value.get("action")))
    if click is not None:
        refused = await _refused_click(caller, click.access, value, ctx)
        return refused or await click.handler(caller, value, ctx)
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
    """The one rule for the language of every answer (rules/language.py). Each source is read
    only when those before it in `choose` say nothing (this runs on every turn)."""
    return choose_asking(
        member.language if member is not None else None,
        lambda: written_in(req.text, COMMANDS),
        lambda: ctx.team_settings(team).post_language if team is not None else None,
        lang_of(req.locale),
    )


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
    elif req.scope == "personal":
        # A group chat is no team's: its other people may be anyone, so nothing of a team is
        # shown there (the command is answered "group_chat"), and no team is picked from it.
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
        from dialogs import free_text  # understanding/ is heavy, and no command needs it

        return await free_text.answer(caller, text, ctx)
    command, args = found
    refused = await denied(caller, command, text, ctx)
    if refused:
        return refused
    return await command.handler(caller, Invocation(args, command.example(lang), target_id), ctx)


async def _refused_click(
    caller: Caller, access: str, value: dict[str, Any], ctx: Context
) -> list[Reply]:
    """Why a click goes no further, or nothing: who may click it (the access rule commands
    use), then every id in its data, which must be the caller's team's."""
    refused = not_allowed(caller, access)
    if refused:
        return refused
    if not await ids_are_the_teams(caller, value, ctx):
        return [Reply(t(caller.lang, "card_unknown"))]
    return []


async def handle_submit(caller: Caller, value: dict[str, Any], ctx: Context) -> list[Reply]:
    lang = caller.lang
    flow = await ctx.store.flows.get(str(value.get("flow")))
    step = FLOW_STEPS.get(str(value.get("action")))
    if flow is None or step is None or flow.kind not in step.kinds:
        return [Reply(t(lang, "card_unknown"))]
    if flow.team_id is not None and (caller.team is None or caller.team.id != flow.team_id):
        caller.team = await ctx.store.teams.get(flow.team_id)
        caller.membership = await ctx.store.members.membership(flow.team_id, caller.member.id)
    if flow.team_id is not None and (
        caller.team is None or not caller.team.active or caller.membership is None
    ):
        return [Reply(t(lang, "not_in_team"))]
    if flow.done or str(flow.version) != str(value.get("v")):
        return [Reply(t(lang, "card_outdated", name=await _handler_name(flow, ctx, lang)))]
    refused = await _refused_click(caller, step.access, value, ctx)
    return refused or await step.handler(caller, flow, {**value, "v": flow.version}, ctx)


async def _handler_name(flow: CardFlow, ctx: Context, lang: str) -> str:
    member = await ctx.store.members.get(flow.handled_by) if flow.handled_by else None
    return member.name if member else t(lang, "someone")
