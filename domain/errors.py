"""Refusals: a rule of the domain said no. Chat, CLI and web each catch `Refused` in one place
and say its message (dialogs/refusals.py for chat); nothing returns "a result or an error"."""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Term:
    """A word or phrase from the message catalogue, said in the reader's language
    (`Term("roles.lead")`, `Term.of("days", count=2)`)."""

    key: str
    values: tuple[tuple[str, "Value"], ...] = ()

    @classmethod
    def of(cls, key: str, **values: "Value") -> "Term":
        return cls(key, tuple(values.items()))


Value = str | int | date | Term


class Refused(Exception):
    """`key` names the message in the catalogue (dialogs/messages.py); `values` fill it in: a
    date is written as the reader's day, a `Term` in the reader's language. Raised before
    anything is changed: the turn that catches it still commits."""

    def __init__(self, key: str, **values: Value) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


class NotInTeam(Refused):
    def __init__(self) -> None:
        super().__init__("not_in_team")


class NotAllowed(Refused):
    """The caller's role may not do this; `roles` is who may (a `roles.*` catalogue key)."""

    def __init__(self, roles: str) -> None:
        super().__init__("not_allowed", roles=Term(f"roles.{roles}"))


class CardUnknown(Refused):
    """A card click names something that is not there, or not the caller's team's."""

    def __init__(self) -> None:
        super().__init__("card_unknown")
