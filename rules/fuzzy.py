"""Near matches for words typed with a typo: one matcher (rapidfuzz) for the whole bot.

The `did you mean` hint for an unknown command (`medlemer` → `medlemmer`) and the switchboard
rules' long words with one letter wrong (`sygmeldt`) both ask it; understanding/ uses the same
library. rapidfuzz is compiled and well kept; it replaces difflib, whose ratio is the same
measure (the share of letters in common) approximated in pure Python.
"""

from collections.abc import Sequence

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein


def nearest(
    typed: str, choices: Sequence[str], *, edits: int | None = None, similarity: float = 0.6
) -> str | None:
    """The choice nearest to `typed`, or None if none is near enough. With `edits`: one at most
    that many letters inserted, deleted or changed away (Levenshtein). Else: the most similar one
    whose similarity (0–1, the share of letters the two have in common) is at least
    `similarity`. A tie goes to the first choice."""
    if edits is None:
        best = process.extractOne(typed, choices, scorer=fuzz.ratio, score_cutoff=100 * similarity)
        return best[0] if best is not None else None
    if len(choices) == 1:  # the switchboard's hot path: no need for process's set-up
        found = Levenshtein.distance(typed, choices[0], score_cutoff=edits) <= edits
        return choices[0] if found else None
    near = process.extractOne(typed, choices, scorer=Levenshtein.distance, score_cutoff=edits)
    return near[0] if near is not None else None
