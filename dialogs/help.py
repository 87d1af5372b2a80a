"""`hjælp` / `help`: the main actions of the caller's role as buttons, a few sentences they may
write in their own words, and the commands they may use, grouped by what people do, generated
from the routing table (which hands itself over: this module does not import it back). A
channel is read by the whole team, so there it lists only what every member may use there; the
rest is in a 1:1 chat."""

from collections.abc import Sequence
from typing import Any

from dialogs import cards
from dialogs.commands import GROUPS, Command, Invocation
from dialogs.context import Caller, Context
from dialogs.messages import t
from dialogs.plain import Reply

# (group title, [(example, what it does)]) in the order of GROUPS.
HelpGroups = list[tuple[str, list[tuple[str, str]]]]

# The buttons on top of the card: what each role does most, by routing-table name. Only
# commands that need no more words, and at most five (the card validator's limit for a row).
MAIN_ACTIONS: dict[str, tuple[str, ...]] = {
    "lead": ("duty", "rota", "my_cases", "new_case", "settings"),
    "caseworker": ("duty", "my_duties", "my_cases", "new_case", "swaps"),
    "switchboard": ("duty", "briefing"),
}


async def show_help(
    caller: Caller, inv: Invocation, ctx: Context, commands: Sequence[Command]
) -> list[Reply]:
    lang, role = caller.lang, caller.role
    in_channel = caller.request.scope == "channel"
    usable = [c for c in commands if c.allows(role) and _shown(c, in_channel)]
    if caller.team is None or role is None:
        intro = t(lang, "help_intro_no_team")
    elif role == "switchboard":
        # Switchboard staff are seldom in the team's channels: they use the bot 1:1.
        intro = t(lang, "help_intro_switchboard", team=caller.team.name)
    else:
        intro = t(lang, "help_intro", role=t(lang, f"role.{role}"), team=caller.team.name)
    footer = t(lang, "help_more_in_chat") if in_channel else ""
    # In a channel a lead's examples are everyone's: the lead's own are for a 1:1 chat.
    said_by = "caseworker" if in_channel and role == "lead" else role
    return [
        Reply(
            card=help_card(
                lang,
                intro,
                grouped(lang, usable),
                footer,
                actions=main_actions(lang, role, usable),
                examples=examples(lang, said_by),
            )
        )
    ]


def _shown(command: Command, in_channel: bool) -> bool:
    # The lead group is exactly the lead-only commands (a routing test holds it so).
    return not in_channel or (command.access != "lead" and not command.personal_only)


def grouped(lang: str, commands: Sequence[Command]) -> HelpGroups:
    groups: HelpGroups = []
    for group in GROUPS:
        rows = [(c.example(lang), t(lang, f"cmd.{c.name}")) for c in commands if c.group == group]
        if rows:
            groups.append((t(lang, f"help_group.{group}"), rows))
    return groups


def main_actions(lang: str, role: str | None, usable: Sequence[Command]) -> list[str]:
    """The command words of the role's main actions that the caller may use here."""
    by_name = {c.name: c for c in usable}
    names = MAIN_ACTIONS.get(role or "", ())
    return [by_name[name].words(lang)[0] for name in names if name in by_name]


def examples(lang: str, role: str | None) -> str:
    """Everyday sentences the role may write (a Markdown list), or nothing outside a team."""
    return t(lang, f"help_examples.{role}") if role in MAIN_ACTIONS else ""


def command_button(word: str) -> dict[str, Any]:
    """A button that sends a command as if it were typed: Teams' messageBack puts the text in
    the chat and the bot gets a plain message, so it is routed like any typed command."""
    back = {"type": "messageBack", "text": word, "displayText": word}
    return cards.submit(word, {"msteams": back})


def help_card(
    lang: str,
    intro: str,
    groups: HelpGroups,
    footer: str = "",
    *,
    actions: Sequence[str] = (),
    examples: str = "",
) -> dict[str, Any]:
    body = [cards.heading(t(lang, "help_title")), cards.text(intro)]
    if actions:
        body.append(cards.buttons([command_button(word) for word in actions]))
    if examples:
        # Not bold: the bold lines of the card are the command groups.
        body.append(cards.text(t(lang, "help_examples_intro")))
        body.append(cards.text(examples, subtle=True))
    for title, rows in groups:
        body.append(cards.subheading(title))
        body.append(cards.facts(rows))
    if footer:
        body.append(cards.text(footer, subtle=True))
    return cards.card(body)
