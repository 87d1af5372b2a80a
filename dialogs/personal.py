"""A person's own preferences: language, and which team a 1:1 chat is about."""

from dialogs import cards
from dialogs.commands import Invocation
from dialogs.context import Caller, Context
from dialogs.messages import t
from dialogs.plain import Reply
from rules.text import fold

LANGUAGE_WORDS = {
    "dansk": "da",
    "danish": "da",
    "da": "da",
    "engelsk": "en",
    "english": "en",
    "en": "en",
}


async def set_language(caller: Caller, inv: Invocation, ctx: Context) -> list[Reply]:
    lang = LANGUAGE_WORDS.get(fold(inv.args))
    if lang is None:
        return [Reply(t(caller.lang, "language_usage"))]
    ctx.store.members.set_language(caller.member, lang)
    return [Reply(t(lang, "language_set"))]


async def pick_team_card(caller: Caller, ctx: Context, pending_text: str) -> list[Reply]:
    """Ask which team a 1:1 chat concerns; the click is remembered and the command re-run."""
    teams = await ctx.store.members.teams_of(caller.member.id)
    state = {"text": pending_text, "by": caller.member.id}
    flow = await ctx.store.flows.start("pick_team", None, state, ctx.clock.now())
    options = [(team.name, {"team": team.id}) for team, _ in teams]
    card = cards.choices_card(
        t(caller.lang, "pick_team"), flow.id, flow.version, "pick_team", options
    )
    return [Reply(card=card)]


async def switch_team(caller: Caller, inv: Invocation, ctx: Context) -> list[Reply]:
    return await pick_team_card(caller, ctx, "")
