"""Does a call belong to the retention hotline? Transparent phrase rules, no guessing.

A rule set is plain data: signals (phrases that point to a kind of call) with a verdict
each. Phrases are matched word by word on folded text: `sygemeld*` matches any word that
starts so (inflections), `*firma` any word that ends so, and a long stem also matches with one
letter wrong (common typos). A negation word just before a phrase cancels it (`ikke syg`).

The decision, in order: a call for somewhere else (a "no" signal) and a hotline signal
together is unsure; a "no" signal alone is no; a strong hotline signal (Fast track, a
round-table meeting, retention) is yes; a person at work together with health or risk is yes;
anything else is unsure, and the switchboard gets the guide card instead of a guess.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rules.text import fold

NEGATIONS = frozenset({"ikke", "ingen", "not", "no", "never", "aldrig"})
STILL = frozenset({"endnu", "yet"})  # "ikke sygemeldt endnu": not yet, so a risk


@dataclass(frozen=True)
class Signal:
    kind: str  # a category: "fast_track", "work", "health", "payment", ...
    verdict: str  # "yes" (points to the hotline), "no" (points elsewhere), "context", "strong"
    phrases: tuple[str, ...]


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
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :] or (len(a) == len(b) and a[i + 1 :] == b[i + 1 :])


Compiled = dict[str, list[tuple[Signal, tuple[str, ...]]]]


@lru_cache(maxsize=64)
def _compiled(signals: tuple[Signal, ...]) -> Compiled:
    """Phrases folded and split once per rule set, and filed by the first letter of their
    first word ("*" for those that start with a suffix pattern), so a word is only compared
    with phrases that can match it."""
    index: Compiled = {}
    for signal in signals:
        for phrase in signal.phrases:
            parts = tuple(fold(phrase).split())
            index.setdefault(parts[0][0], []).append((signal, parts))
    return index


def _hits(index: Compiled, words: list[str]) -> list[tuple[int, int, Signal]]:
    hits = []
    for start, word in enumerate(words):
        for signal, parts in index.get(word[:1], []) + index.get("*", []):
            end = start + len(parts)
            if end <= len(words) and all(
                _word_matches(p, words[start + i]) for i, p in enumerate(parts)
            ):
                hits.append((start, end, signal))
    return hits


def _negated(words: list[str], start: int, end: int) -> bool:
    before = words[max(0, start - 2) : start]
    return any(w in NEGATIONS for w in before) and not any(w in STILL for w in words[end : end + 2])


def matches(text: str, signals: Sequence[Signal]) -> list[tuple[Signal, str]]:
    """Every signal found in the text, with the words that matched as written, in the order
    they stand in the text."""
    raw = text.replace("/", " ").replace("-", " ")
    shown = [w.strip(".,:;!?\"'()") for w in raw.split()]
    words = [fold(w) for w in shown]
    return [
        (signal, " ".join(shown[start:end]))
        for start, end, signal in _hits(_compiled(tuple(signals)), words)
        if not _negated(words, start, end)
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
    if elsewhere and (strong or (context and health)):
        return Verdict("unsure", "unclear", reasons("no", "strong", "context", "yes"))
    if elsewhere:
        return Verdict("no", elsewhere[0][0].kind, reasons("no"))
    if strong:
        return Verdict("yes", strong[0][0].kind, reasons("strong", "context", "yes"))
    if context and health:
        return Verdict("yes", health[0][0].kind, reasons("context", "yes"))
    return Verdict("unsure", "unclear", reasons("context", "yes"))
