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


def _key(text: str) -> str:
    """Looser than fold: `Søren`, `Soeren` and `Soren` all become `soren`."""
    return fold(text).replace("aa", "a").replace("oe", "o").replace("ae", "a")


def match_name(query: str, people: Sequence[Named[T]]) -> list[Named[T]]:
    """All people the query could mean, best tier only: full name, then first name, then prefix.

    An empty list means nobody; more than one means the caller must ask which.
    """
    q = _key(query.lstrip("@"))
    if not q:
        return []
    tiers = (
        [p for p in people if _key(p.name) == q],
        [p for p in people if _key(p.name).split(" ")[0] == q],
        [p for p in people if _key(p.name).startswith(q)],
        [p for p in people if any(w.startswith(q) for w in _key(p.name).split(" "))],
    )
    for tier in tiers:
        if tier:
            return tier
    return []
