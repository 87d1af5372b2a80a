"""Robustness of the recogniser: variants of the tuned sentences whose meaning cannot change.

python -m understanding.robustness [--family NAME] [--errors N]

Takes the `tune` rows of tests/data/phrases.tsv (never the check rows: the check split is
held out) and the paraphrases of tests/understanding/paraphrases.tsv, makes systematic
variants of each (typos, æøå spelled out or dropped, polite padding added or removed, case and
punctuation, Danish adverbials moved, English contractions, domain synonyms) and counts the
share of variants read with the original's intent and slots. A variant of a none/smalltalk
sentence read as a data-changing intent is a must-not.
"""

import argparse
import random
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from rules.text import fold
from understanding import CHANGES_DATA, understand
from understanding.figures import ROSTER, TODAY, _comparable, load, load_own

NOT_ACTIONS = ("none", "smalltalk")


@dataclass(frozen=True)
class Example:
    phrase: str
    intent: str
    slots: dict[str, str]


@dataclass(frozen=True)
class Variant:
    family: str
    phrase: str
    original: Example
    slots: dict[str, str]  # what the variant means (a synonym may change `kind`)


def examples() -> list[Example]:
    """The tune rows and the paraphrases: the only sentences the variants start from."""
    rows = [r for r in load() if r.split == "tune"] + load_own("paraphrases.tsv")
    return [Example(r.phrase, r.intent, r.slots) for r in rows]


# ---------------------------------------------------------------------------------------------
# Families of variants. Each takes a sentence and yields (variant, slot changes).

Changes = Mapping[str, str]
Family = Callable[[Example, random.Random], Iterator[tuple[str, Changes]]]
_NONE: Changes = {}


def _protected(example: Example) -> set[str]:
    """Words a typo must not touch: names, and the words of a `text` slot or a date."""
    words = {fold(w) for n in ROSTER for w in n.split()}
    for value in example.slots.values():
        words |= {fold(w) for w in re.findall(r"\w+", value)}
    return words


def typos(example: Example, rng: random.Random) -> Iterator[tuple[str, Changes]]:
    """One dropped, doubled or swapped letter in a word of six letters or more."""
    protected = _protected(example)
    spans = [
        m
        for m in re.finditer(r"[^\W\d_]{6,}", example.phrase)
        if fold(m.group(0)) not in protected and not m.group(0)[0].isupper()
    ]
    if not spans:
        return
    for kind in ("drop", "double", "swap"):
        match = rng.choice(spans)
        word = match.group(0)
        i = rng.randrange(1, len(word) - 1)
        if kind == "drop":
            new = word[:i] + word[i + 1 :]
        elif kind == "double":
            new = word[:i] + word[i] + word[i:]
        else:
            if word[i] == word[i + 1]:
                continue
            new = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        yield example.phrase[: match.start()] + new + example.phrase[match.end() :], _NONE


_SPELLED = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})
_DROPPED = str.maketrans({"æ": "a", "ø": "o", "å": "a", "Æ": "A", "Ø": "O", "Å": "A"})


def letters(example: Example, rng: random.Random) -> Iterator[tuple[str, Changes]]:
    """æøå written as ae/oe/aa, and as a/o/a (no Danish keyboard)."""
    if not re.search("[æøåÆØÅ]", example.phrase):
        return
    yield example.phrase.translate(_SPELLED), _NONE
    yield example.phrase.translate(_DROPPED), _NONE


_LEADS = ("hej ", "hej bot, ", "kan du lige ", "vil du være sød at ", "please ", "hi ", "Hej! ")
_TAILS = (" tak", ", tak!", "?", "!", " please", " thanks", " :)")
_PADDING = re.compile(
    r"^(?:hej(?: bot)?|hi|hey|hello|please|kan du lige|vil du være sød at)[,!.]*\s+"
    r"|[,\s]*(?:tak|thanks|please|thx)?[!?.\s]*$",
    re.IGNORECASE,
)


def padding(example: Example, rng: random.Random) -> Iterator[tuple[str, Changes]]:
    """Polite padding added at the start or the end, or the sentence's own padding removed."""
    phrase = example.phrase
    verb_first = re.match(
        r"(?:vis|lav|byt|giv|flyt|sæt|registrer|overdrag|opret|tjek|skriv|fjern|tilmeld"
        r"|skift|meld|slet)\b",
        phrase,
        re.IGNORECASE,
    )
    leads = _LEADS if verb_first else tuple(p for p in _LEADS if not p.startswith(("kan", "vil")))
    yield rng.choice(leads) + phrase, _NONE
    yield phrase.rstrip() + rng.choice(_TAILS), _NONE
    stripped = _PADDING.sub("", phrase).strip()
    if stripped and stripped != phrase.strip() and len(stripped.split()) >= 2:
        yield stripped, _NONE


def casing(example: Example, rng: random.Random) -> Iterator[tuple[str, Changes]]:
    """All lower case, all upper case, a capital first letter, and no punctuation."""
    phrase = example.phrase
    yield phrase.lower(), _NONE
    yield phrase.upper(), _NONE
    yield phrase[:1].upper() + phrase[1:], _NONE
    bare = re.sub(r"[?!]+", "", phrase)
    bare = re.sub(r"[,;:]+(?=\s|$)", "", bare)
    bare = re.sub(r"[.]+$", "", bare.strip())
    if bare != phrase:
        yield bare, _NONE


_ADVERBIAL = (
    r"(?:i dag|i morgen|i overmorgen|i næste uge|næste uge|i denne uge|på (?:mandag|tirsdag"
    r"|onsdag|torsdag|fredag)|næste (?:mandag|tirsdag|onsdag|torsdag|fredag)|nu)"
)
_SUBJECT = r"(?:jeg|du|vi|han|hun|de)"


def word_order(example: Example, rng: random.Random) -> Iterator[tuple[str, Changes]]:
    """Danish V2: `jeg har vagt i morgen` ↔ `i morgen har jeg vagt`; `har jeg vagt i morgen`
    ↔ `har jeg i morgen vagt` is not Danish and is left alone."""
    phrase = example.phrase.strip()
    end = re.search(r"[?!.]*$", phrase)
    mark = end.group(0) if end else ""
    body = phrase[: len(phrase) - len(mark)]
    flat = re.fullmatch(rf"({_SUBJECT}) (\w+) (.+?) ({_ADVERBIAL})", body, re.IGNORECASE)
    if flat:
        subject, verb, rest, adverbial = flat.groups()
        yield f"{adverbial} {verb} {subject.lower()} {rest}{mark}", _NONE
    front = re.fullmatch(rf"({_ADVERBIAL}) (\w+) ({_SUBJECT}) (.+)", body, re.IGNORECASE)
    if front:
        adverbial, verb, subject, rest = front.groups()
        yield f"{subject} {verb} {rest} {adverbial.lower()}{mark}", _NONE
    question = re.fullmatch(rf"(\w+) ({_SUBJECT}) (.+?) ({_ADVERBIAL})", body, re.IGNORECASE)
    if question and question.group(1).lower() in ("har", "er", "skal", "kan"):
        verb, subject, rest, adverbial = question.groups()
        yield f"{adverbial} {verb.lower()} {subject} {rest}{mark}", _NONE


_CONTRACTIONS = (
    ("I'm", "Im", "I am"),
    ("i'm", "im", "i am"),
    ("who's", "whos", "who is"),
    ("Who's", "Whos", "Who is"),
    ("what's", "whats", "what is"),
    ("can't", "cant", "cannot"),
    ("won't", "wont", "will not"),
    ("don't", "dont", "do not"),
    ("I'll", "I will"),  # `Ill` is a word of its own, `do I've` is no English
    ("it's", "its", "it is"),
    ("isn't", "isnt", "is not"),
)


def contractions(example: Example, rng: random.Random) -> Iterator[tuple[str, Changes]]:
    """English contractions with and without the apostrophe, and spelled out."""
    phrase = example.phrase
    for forms in _CONTRACTIONS:
        for said in forms:
            pattern = re.compile(rf"(?<![\w']){re.escape(said)}(?![\w'])")
            if pattern.search(phrase):
                for other in forms:
                    if other != said:
                        yield pattern.sub(other, phrase), _NONE
                break


# Words that mean the same here; a kind word changes the `kind` slot to its own.
_SYNONYMS: tuple[tuple[tuple[str, ...], Mapping[str, str]], ...] = (
    (("telefonen", "tlf", "hotlinen", "fastholdelsestelefonen", "vagten"), {}),
    (("bytte", "swappe"), {}),
    (("byt", "swap"), {}),
    (("sag", "case"), {}),
    (("sagen", "casen"), {}),
    (("the phone", "the hotline", "the phones"), {}),
    (("shift", "duty"), {}),
    (("vacation", "holiday"), {}),
    (
        ("ferie", "fri", "afspadsering"),
        {"ferie": "ferie", "fri": "fri", "afspadsering": "afspadsering"},
    ),
)


def synonyms(example: Example, rng: random.Random) -> Iterator[tuple[str, Changes]]:
    """A domain word replaced by a word that means the same to the bot."""
    phrase = example.phrase
    for group, kinds in _SYNONYMS:
        for word in group:
            pattern = re.compile(rf"(?<![\w@]){re.escape(word)}(?!\w)", re.IGNORECASE)
            if pattern.search(phrase):
                for other in group:
                    if other == word:
                        continue
                    change = {"kind": kinds[other]} if kinds and "kind" in example.slots else {}
                    if kinds and "kind" not in example.slots:
                        continue
                    yield pattern.sub(other, phrase), change
                break


FAMILIES: dict[str, Family] = {
    "typo": typos,
    "letters": letters,
    "padding": padding,
    "casing": casing,
    "word_order": word_order,
    "contraction": contractions,
    "synonym": synonyms,
}


def variants(rows: list[Example]) -> list[Variant]:
    out: list[Variant] = []
    for example in rows:
        rng = random.Random(example.phrase)  # the same variants on every run
        for family, make in FAMILIES.items():
            seen = {example.phrase}
            for phrase, change in make(example, rng):
                if phrase in seen:
                    continue
                seen.add(phrase)
                out.append(Variant(family, phrase, example, {**example.slots, **change}))
    return out


# ---------------------------------------------------------------------------------------------
# Scoring


def _loose(slots: Mapping[str, str]) -> dict[str, str]:
    """Slots as the figures compare them; a name by its key (`Søren` = `Soeren` = `SOREN`),
    and the `text` slot left out (a typo in the caller's words is the caller's words)."""
    out = _comparable(slots)
    out.pop("text", None)
    for key in ("person", "target"):
        if key in out:
            out[key] = fold(out[key]).replace("aa", "a").replace("oe", "o").replace("ae", "a")
    return out


@dataclass(frozen=True)
class Outcome:
    variant: Variant
    intent: str
    slots: dict[str, str]

    @property
    def kept(self) -> bool:
        meant = self.variant.original.intent
        if meant in NOT_ACTIONS:
            return self.intent in NOT_ACTIONS
        return self.intent == meant and _loose(self.slots) == _loose(self.variant.slots)

    @property
    def must_not(self) -> bool:
        return self.variant.original.intent in NOT_ACTIONS and self.intent in CHANGES_DATA


def run(rows: list[Example] | None = None) -> list[Outcome]:
    outcomes = []
    for variant in variants(examples() if rows is None else rows):
        got = understand(variant.phrase, TODAY, ROSTER)
        outcomes.append(Outcome(variant, got.intent, dict(got.slots)))
    return outcomes


def summary(outcomes: list[Outcome]) -> list[str]:
    total = Counter(o.variant.family for o in outcomes)
    kept = Counter(o.variant.family for o in outcomes if o.kept)
    share = sum(kept.values()) / len(outcomes)
    lines = [
        f"robustness: {len(outcomes)} variants · kept {share:.1%} · "
        f"must-not {sum(o.must_not for o in outcomes)}"
    ]
    for family in FAMILIES:
        if total[family]:
            lines.append(f"  {family:12} {kept[family] / total[family]:6.1%} of {total[family]}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m understanding.robustness")
    parser.add_argument("--family", choices=tuple(FAMILIES), help="list only this family's misses")
    parser.add_argument("--errors", type=int, default=0, help="list this many misses")
    args = parser.parse_args()
    outcomes = run()
    print("\n".join(summary(outcomes)))
    for outcome in outcomes:
        if outcome.must_not:
            print(f"  MUST-NOT {outcome.variant.phrase!r} → {outcome.intent}")
    misses = [o for o in outcomes if not o.kept and args.family in (None, o.variant.family)]
    for outcome in misses[: args.errors]:
        v = outcome.variant
        print(
            f"  {v.family:11} {v.phrase!r}  (from {v.original.phrase!r}): "
            f"{v.original.intent} {_loose(v.slots)} → {outcome.intent} {_loose(outcome.slots)}"
        )


if __name__ == "__main__":
    main()
