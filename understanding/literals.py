"""The words a pattern cannot match without, so that most patterns are skipped unread (#14).

`required(r"\bhvornaar (?:har jeg|er min)\b")` → `{"hvornaar "}`: any text the pattern
matches contains one of these strings. A substring test is some twenty times cheaper than a
search, and a sentence holds the words of few of the recogniser's patterns. Read from the
pattern's parse tree (the `re` module's own parser), so that an optional group, a lookahead or
a character class never counts as required: the filter can skip work, never a match.
"""

from re import _constants as c  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

_REPEATS = {c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT}


def required(pattern: str) -> frozenset[str] | None:
    """Strings one of which every match contains, or None when the pattern has no such set
    (a branch of nothing but classes and digits: `# ?\\d+`)."""
    found = _sequence(list(_parser.parse(pattern)))
    return frozenset(found) if found else None


def _sequence(items: list[tuple[Any, Any]]) -> set[str] | None:
    """The best of the sets any one element of a sequence requires: the one whose shortest
    string is longest (a long string is rarely in a sentence by chance)."""
    candidates: list[set[str]] = []
    run: list[str] = []
    for op, av in items:
        if op is c.LITERAL:
            run.append(chr(av))
            continue
        if run:
            candidates.append({"".join(run)})
            run = []
        inner = _element(op, av)
        if inner:
            candidates.append(inner)
    if run:
        candidates.append({"".join(run)})
    return max(candidates, key=lambda s: min(len(x) for x in s), default=None)


def _element(op: Any, av: Any) -> set[str] | None:
    if op is c.SUBPATTERN:
        return _sequence(list(av[-1]))
    if op is c.ATOMIC_GROUP:
        return _sequence(list(av))
    if op is c.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            found = _sequence(list(branch))
            if not found:
                return None  # one branch needs nothing: the whole needs nothing
            union |= found
        return union
    if op in _REPEATS and av[0] >= 1:
        return _sequence(list(av[2]))
    return None  # a lookaround, a class, an anchor, an optional part
