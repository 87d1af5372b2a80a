"""Commands as data, and matching typed text to them (both languages, any case or accents)."""

import functools
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from dialogs.context import Caller, Context
from dialogs.plain import Reply
from rules.fuzzy import nearest
from rules.language import detect
from rules.text import fold


@dataclass(frozen=True)
class Invocation:
    args: str
    example: str = ""
    # Chosen on a "which person?" card, so the name need not be matched again.
    target_id: int | None = None


Handler = Callable[[Caller, Invocation, Context], Awaitable[list[Reply]]]

# Who may use a command. "anyone" needs no team; "member" includes the switchboard.
ACCESS_ROLES = {
    "anyone": None,
    "member": frozenset({"lead", "caseworker", "switchboard"}),
    "staff": frozenset({"lead", "caseworker"}),
    "lead": frozenset({"lead"}),
}

# What `hjælp` groups commands by: what people do. The lead group holds exactly the commands
# only leads may use, so nobody else is shown it.
GROUPS = ("duty", "cases", "switchboard", "lead", "general")


@dataclass(frozen=True)
class Command:
    name: str
    da: tuple[str, ...]
    en: tuple[str, ...]
    access: str
    group: str
    handler: Handler
    example_da: str = ""
    example_en: str = ""
    channel_only: bool = False
    personal_only: bool = False

    def words(self, lang: str) -> tuple[str, ...]:
        return self.en if lang == "en" else self.da

    def example(self, lang: str) -> str:
        return (self.example_en if lang == "en" else self.example_da) or self.words(lang)[0]

    def allows(self, role: str | None) -> bool:
        return may(self.access, role)


def may(access: str, role: str | None) -> bool:
    """Whether a role may use what `access` names (a command's or a card action's)."""
    roles = ACCESS_ROLES[access]
    return roles is None or role in roles


def match(text: str, commands: Sequence[Command]) -> tuple[Command, str] | None:
    """The command with the longest matching words, and the rest of the text as typed."""
    typed = text.split()
    folded = fold(text).split()
    best: tuple[int, Command] | None = None
    for words, command in _starting_with(commands, folded[0] if folded else ""):
        if folded[: len(words)] == words and (best is None or len(words) > best[0]):
            best = (len(words), command)
    if best is None:
        return None
    return best[1], " ".join(typed[best[0] :])


def written_in(text: str, commands: Sequence[Command]) -> str | None:
    """The language a message is clearly written in: its command word's, when that word is one
    language's only (`vagt`, `duty`), else what its words say (rules/language.py)."""
    found = match(text, commands)
    if found is not None:
        folded = fold(text).split()
        command = found[0]
        langs = {
            lang
            for lang in ("da", "en")
            for words in _folded(command, lang)
            if folded[: len(words)] == words
        }
        if len(langs) == 1:
            return langs.pop()
    return detect(text)


# Matching runs twice on every turn: each table's phrases are folded once and found by their
# first word (#17: going through every phrase, and hashing the whole table to find its cached
# phrases, was ~170 Python calls a match). Keyed by the table itself, which the entry keeps.
_INDEXES: dict[int, tuple[Sequence[Command], dict[str, list[tuple[list[str], Command]]]]] = {}


def _starting_with(commands: Sequence[Command], first: str) -> list[tuple[list[str], Command]]:
    """The phrases whose first word is `first`, and those with no words at all."""
    found = _INDEXES.get(id(commands))
    if found is None or found[0] is not commands:
        index: dict[str, list[tuple[list[str], Command]]] = {}
        for c in commands:
            for p in (*c.da, *c.en):
                words = fold(p).split()
                index.setdefault(words[0] if words else "", []).append((words, c))
        if len(_INDEXES) > 8:  # the bot has one table; a test may build many
            _INDEXES.clear()
        found = _INDEXES[id(commands)] = (commands, index)
    phrases = found[1].get(first, [])
    return phrases + found[1][""] if "" in found[1] and first else phrases


@functools.cache
def _folded(command: Command, lang: str) -> list[list[str]]:
    return [fold(p).split() for p in command.words(lang)]


def closest(text: str, commands: Sequence[Command], lang: str) -> str | None:
    """The command phrase nearest to what was typed, for the 'did you mean' hint."""
    phrases = {fold(p): p for c in commands for p in c.words(lang)}
    folded = fold(text).split()
    for size in (2, 1):
        guess = " ".join(folded[:size])
        found = nearest(guess, list(phrases))
        if found is not None:
            return phrases[found]
    return None
