"""Does a call belong to the retention hotline? Transparent phrase rules, no guessing.

A rule set is plain data: signals (phrases that point to a kind of call) with a verdict
each. Phrases are matched word by word on folded text: `sygemeld*` matches any word that
starts so (inflections), `*firma` any word that ends so, and a long stem also matches with one
letter wrong (common typos). A negation word just before a health phrase turns it around
(`ikke syg`); it never cancels a topic: "har ikke fået udbetalt" is still a payment call.

The decision, in order: a clear topic for somewhere else (a "no" signal that `decides`:
payment, refund, complaint, an existing case...) is no whoever calls, unless a strong hotline
signal stands beside it (then unsure); any other "no" signal beside a hotline signal is unsure;
a "no" signal alone is no; a strong hotline signal (Fast track, a round-table meeting,
retention) is yes; a person at work together with health or risk is yes; anything else is
unsure, and the switchboard gets the guide card instead of a guess. When several "no" signals
are found, the one listed first in the rules names the place the call goes.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rules.fuzzy import nearest
from rules.text import fold

NEGATIONS = frozenset({"ikke", "ingen", "not", "no", "never", "aldrig"})
STILL = frozenset({"endnu", "yet"})  # "ikke sygemeldt endnu": not yet, so a risk


@dataclass(frozen=True)
class Signal:
    kind: str  # a category: "fast_track", "work", "health", "payment", ...
    verdict: str  # "yes" (points to the hotline), "no" (points elsewhere), "context", "strong"
    phrases: tuple[str, ...]
    decides: bool = False  # a "no" that decides the call even beside someone at work and sick


@dataclass(frozen=True)
class Verdict:
    verdict: str  # "yes", "no" or "unsure"
    category: str  # the kind that decided it ("unclear" when unsure)
    reasons: tuple[str, ...]  # the words that matched, as written


def _word_matches(pattern: str, word: str) -> bool:
    if pattern.startswith("*"):
        return word.endswith(pattern[1:])
    # A typo is tried only when the first letter is right: cheap, and typos rarely start words.
    if pattern.endswith("*"):
        stem = pattern[:-1]
        if word.startswith(stem):
            return True
        return (
            len(stem) >= 6
            and word[:1] == stem[:1]
            and any(_one_edit(word[:size], stem) for size in (len(stem) - 1, len(stem) + 1))
        )
    return word == pattern or (
        len(pattern) >= 7 and word[:1] == pattern[:1] and _one_edit(word, pattern)
    )


def _one_edit(a: str, b: str) -> bool:
    """True if a and b differ by at most one inserted, deleted or changed letter."""
    return nearest(a, (b,), edits=1) is not None


@dataclass(frozen=True)
class _Compiled:
    """A rule set's phrases folded and split once, filed so that a word finds the phrases
    whose first word it matches with a few dictionary look-ups: whole words, stems (`syg*`)
    and suffixes (`*leder`) by their text, and only the long patterns that allow a typo are
    compared one by one (those with the word's first letter)."""

    phrases: dict[str, list[tuple[int, Signal, tuple[str, ...]]]]  # first pattern → phrases
    exact: dict[str, str]  # word → pattern
    stems: dict[str, str]  # stem → pattern
    suffixes: dict[str, str]  # suffix → pattern
    typos: dict[str, list[str]]  # first letter → patterns that allow one letter wrong
    longest: int  # the longest stem or suffix: no need to look further into a long word

    def first_words(self, word: str) -> set[str]:
        """The first-word patterns this word matches."""
        found = set()
        if word in self.exact:
            found.add(self.exact[word])
        for size in range(min(len(word), self.longest) + 1):
            if (stem := self.stems.get(word[:size])) is not None:
                found.add(stem)
            if (suffix := self.suffixes.get(word[len(word) - size :])) is not None:
                found.add(suffix)
        for pattern in self.typos.get(word[:1], ()):
            if pattern not in found and _word_matches(pattern, word):
                found.add(pattern)
        return found


@lru_cache(maxsize=64)
def _compiled(signals: tuple[Signal, ...]) -> _Compiled:
    rules = _Compiled({}, {}, {}, {}, {}, 0)
    order = 0
    for signal in signals:
        for phrase in signal.phrases:
            parts = tuple(fold(phrase).split())
            first = parts[0]
            order += 1
            rules.phrases.setdefault(first, []).append((order, signal, parts[1:]))
            if first.startswith("*"):
                rules.suffixes[first[1:]] = first
            elif first.endswith("*"):
                rules.stems[first[:-1]] = first
                if len(first) - 1 >= 6:
                    rules.typos.setdefault(first[0], []).append(first)
            else:
                rules.exact[first] = first
                if len(first) >= 7:
                    rules.typos.setdefault(first[0], []).append(first)
    longest = max(map(len, [*rules.stems, *rules.suffixes]), default=0)
    return _Compiled(rules.phrases, rules.exact, rules.stems, rules.suffixes, rules.typos, longest)


def _hits(rules: _Compiled, words: list[str]) -> list[tuple[int, int, Signal]]:
    hits: list[tuple[int, int, Signal]] = []
    for start, word in enumerate(words):
        found = []
        for pattern in rules.first_words(word):
            for order, signal, rest in rules.phrases[pattern]:
                end = start + 1 + len(rest)
                if end <= len(words) and all(
                    _word_matches(p, words[start + 1 + i]) for i, p in enumerate(rest)
                ):
                    found.append((order, end, signal))
        hits.extend((start, end, signal) for _, end, signal in sorted(found, key=_first))
    return hits


def _first(hit: tuple[int, int, Signal]) -> int:
    return hit[0]


def _title(raw: list[str], i: int) -> bool:
    """`Hr. Jensen` is Mr Jensen, not the HR department (`HR.` at a sentence's end is)."""
    return raw[i].lower() == "hr." and raw[i] != "HR." and i + 1 < len(raw)


def _negated(words: list[str], start: int, end: int) -> bool:
    before = words[max(0, start - 2) : start]
    return any(w in NEGATIONS for w in before) and not any(w in STILL for w in words[end : end + 2])


def matches(text: str, signals: Sequence[Signal]) -> list[tuple[Signal, str]]:
    """Every signal found in the text, with the words that matched as written, in the order
    they stand in the text."""
    raw = text.replace("/", " ").replace("-", " ").split()
    shown = [w.strip(".,:;!?\"'()") for w in raw]
    words = [fold(w) if not _title(raw, i) else "" for i, w in enumerate(shown)]
    return [
        (signal, " ".join(shown[start:end]))
        for start, end, signal in _hits(_compiled(tuple(signals)), words)
        if signal.verdict != "yes" or not _negated(words, start, end)
    ]


def classify(text: str, signals: Sequence[Signal]) -> Verdict:
    found = matches(text, signals)
    by_verdict: dict[str, list[tuple[Signal, str]]] = {}
    for signal, words in found:
        by_verdict.setdefault(signal.verdict, []).append((signal, words))

    def reasons(*verdicts: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(w for s, w in found if s.verdict in verdicts))

    elsewhere = by_verdict.get("no", [])
    strong = by_verdict.get("strong", [])
    context = by_verdict.get("context", [])
    health = by_verdict.get("yes", [])
    decided = any(signal.decides for signal, _ in elsewhere)
    if elsewhere and (strong or (context and health and not decided)):
        return Verdict("unsure", "unclear", reasons("no", "strong", "context", "yes"))
    if elsewhere:
        first = min(elsewhere, key=lambda hit: signals.index(hit[0]))[0]
        return Verdict("no", first.kind, reasons("no"))
    if strong:
        return Verdict("yes", strong[0][0].kind, reasons("strong", "context", "yes"))
    if context and health:
        return Verdict("yes", health[0][0].kind, reasons("context", "yes"))
    return Verdict("unsure", "unclear", reasons("context", "yes"))
