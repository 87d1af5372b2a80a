"""Finding a colleague by a typed name: accent- and case-insensitive, first name when unique."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from rules.text import fold

T = TypeVar("T")


@dataclass(frozen=True)
class Named(Generic[T]):
    name: str
    item: T


def match_name(query: str, people: Sequence[Named[T]]) -> list[Named[T]]:
    """All people the query could mean, best tier only: full name, then first name, then prefix.

    An empty list means nobody; more than one means the caller must ask which.
    """
    q = fold(query.lstrip("@"))
    if not q:
        return []
    tiers = (
        [p for p in people if fold(p.name) == q],
        [p for p in people if fold(p.name).split(" ")[0] == q],
        [p for p in people if fold(p.name).startswith(q)],
        [p for p in people if any(w.startswith(q) for w in fold(p.name).split(" "))],
    )
    for tier in tiers:
        if tier:
            return tier
    return []
