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
    for words, command in _phrases(tuple(commands)):
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
            for p in command.words(lang)
            if folded[: len(fold(p).split())] == fold(p).split()
        }
        if len(langs) == 1:
            return langs.pop()
    return detect(text)


@functools.cache
def _phrases(commands: tuple[Command, ...]) -> list[tuple[list[str], Command]]:
    """Every command's phrases, folded into words once (matching runs on every turn)."""
    return [(fold(p).split(), c) for c in commands for p in (*c.da, *c.en)]


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
