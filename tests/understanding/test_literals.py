import re

import pytest

from understanding.figures import OWN_SETS, load, load_own
from understanding.intents import RULES, canonical, normalise
from understanding.literals import required


@pytest.mark.parametrize(
    ("pattern", "needs"),
    [
        (r"\bhvornaar (?:har jeg|er min)\b", {"hvornaar "}),
        (r"\b(?:sag|case) \d+", {"sag", "case"}),
        (r"(?:the )?phone\b", {"phone"}),  # an optional word is not needed
        (r"^(?!.*\bwho\b).*\bskal have\b", {"skal have"}),  # nor a lookahead's
        (r"\bfoo\b|\bbarbaz\b", {"foo", "barbaz"}),  # either branch
        (r"(?:ab)+c", {"ab"}),  # the longest needed piece: `ab` before `c`
        (r"\w*ferie\b", {"ferie"}),  # `sommerferie` holds it too
    ],
)
def test_what_a_pattern_needs(pattern: str, needs: set[str]) -> None:
    assert required(pattern) == frozenset(needs)


@pytest.mark.parametrize("pattern", [r"[a-z]+\d+", r"\bfoo\b|\d+", r"(?:foo)?\d"])
def test_a_pattern_with_a_branch_that_needs_nothing_is_never_skipped(pattern: str) -> None:
    assert required(pattern) is None


def _sentences() -> list[str]:
    rows = load() + [r for name in OWN_SETS for r in load_own(name)]
    return [normalise(canonical(r.phrase)) for r in rows]


def test_no_rule_that_matches_is_skipped() -> None:
    """The filter's promise on every sentence we have: a rule that matches a sentence has one
    of its needed strings in it."""
    sentences = _sentences()
    for _intent, _weight, pattern in RULES:
        needs = required(pattern)
        assert needs is not None, pattern
        compiled = re.compile(pattern)
        for words in sentences:
            if compiled.search(words):
                assert any(need in words for need in needs), (pattern, words)
