"""`hjælp` / `help`: the commands the caller may use, grouped by what people do, generated from
the routing table. A channel is read by the whole team, so there it lists only what every
member may use there; the rest is in a 1:1 chat."""

from typing import Any

from dialogs import cards
from dialogs.commands import GROUPS, Command, Invocation
from dialogs.context import Caller, Context
from dialogs.messages import t
from dialogs.plain import Reply

# (group title, [(example, what it does)]) in the order of GROUPS.
HelpGroups = list[tuple[str, list[tuple[str, str]]]]


async def show_help(caller: Caller, inv: Invocation, ctx: Context) -> list[Reply]:
    from dialogs.routing import COMMANDS  # the table lists this handler too

    lang = caller.lang
    in_channel = caller.request.scope == "channel"
    usable = [c for c in COMMANDS if c.allows(caller.role) and _shown(c, in_channel)]
    if caller.team is None or caller.role is None:
        intro = t(lang, "help_intro_no_team")
    elif caller.role == "switchboard":
        # Switchboard staff are seldom in the team's channels: they use the bot 1:1.
        intro = t(lang, "help_intro_switchboard", team=caller.team.name)
    else:
        intro = t(lang, "help_intro", role=t(lang, f"role.{caller.role}"), team=caller.team.name)
    footer = t(lang, "help_more_in_chat") if in_channel else ""
    return [Reply(card=help_card(lang, intro, grouped(lang, usable), footer))]


def _shown(command: Command, in_channel: bool) -> bool:
    # The lead group is exactly the lead-only commands (a routing test holds it so).
    return not in_channel or (command.access != "lead" and not command.personal_only)


def grouped(lang: str, commands: list[Command]) -> HelpGroups:
    groups: HelpGroups = []
    for group in GROUPS:
        rows = [(c.example(lang), t(lang, f"cmd.{c.name}")) for c in commands if c.group == group]
        if rows:
            groups.append((t(lang, f"help_group.{group}"), rows))
    return groups


def help_card(lang: str, intro: str, groups: HelpGroups, footer: str = "") -> dict[str, Any]:
    body = [cards.heading(t(lang, "help_title")), cards.text(intro)]
    for title, rows in groups:
        body.append(cards.subheading(title))
        body.append(cards.facts(rows))
    if footer:
        body.append(cards.text(footer, subtle=True))
    return cards.card(body)
