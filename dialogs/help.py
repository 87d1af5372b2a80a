"""`hjælp` / `help`: the commands the caller's role may use, generated from the routing table."""

from typing import Any

from dialogs import cards
from dialogs.commands import Invocation
from dialogs.context import Caller, Context
from dialogs.messages import t
from dialogs.plain import Reply


async def show_help(caller: Caller, inv: Invocation, ctx: Context) -> list[Reply]:
    from dialogs.routing import COMMANDS  # the table lists this handler too

    lang = caller.lang
    usable = [c for c in COMMANDS if c.allows(caller.role)]
    if caller.team is not None and caller.role is not None:
        intro = t(lang, "help_intro", role=t(lang, f"role.{caller.role}"), team=caller.team.name)
    else:
        intro = t(lang, "help_intro_no_team")
    rows = [(c.example(lang), t(lang, f"cmd.{c.name}")) for c in usable]
    return [Reply(card=help_card(lang, intro, rows))]


def help_card(lang: str, intro: str, rows: list[tuple[str, str]]) -> dict[str, Any]:
    return cards.card([cards.heading(t(lang, "help_title")), cards.text(intro), cards.facts(rows)])
