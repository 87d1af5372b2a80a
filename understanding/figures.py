"""Scores of the recogniser on tests/data/phrases.tsv, as README-phrases.md describes them.

python -m understanding.figures [--errors tune]

Prints, per split: intent accuracy (overall, Danish, English), slot exact match over the
rows whose intent was right, the token F1 of `text`, the must-not count (none/smalltalk rows
turned into a data-changing intent) and data-changing rows read as another data-changing
intent.
"""

import argparse
import csv
import gc
import re
import statistics
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from understanding import CHANGES_DATA, understand
from understanding.intents import canonical
from understanding.neighbours import words

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "phrases.tsv"
TODAY = date(2026, 12, 7)
# The team the corpus's sentences talk about: the members' display names.
ROSTER = (
    "Anne Holm",
    "Bo Jensen",
    "Henrik Due",
    "Karen Friis",
    "Lars Berg",
    "Mette Lund",
    "Pia Nielsen",
    "Søren Krog",
)


@dataclass(frozen=True)
class Row:
    phrase: str
    intent: str
    slots: dict[str, str]
    lang: str
    split: str


@dataclass(frozen=True)
class Score:
    split: str
    rows: int
    intents_right: int
    slots_right: int
    by_lang: dict[str, tuple[int, int]]
    must_not: list[str]
    wrong_change: list[str]
    text_f1: float
    errors: list[str]

    @property
    def intent_accuracy(self) -> float:
        return self.intents_right / self.rows

    @property
    def slot_accuracy(self) -> float:
        return self.slots_right / self.intents_right if self.intents_right else 0.0


def load(path: Path = CORPUS) -> list[Row]:
    return _rows(path, lambda r: (r["lang"], r["split"]))


# Our own labelled sets beside the corpus (no split: all of them are tuned on).
OWN_SETS = (
    "paraphrases.tsv",
    "fresh.tsv",
    "fresh2.tsv",
    "fresh3.tsv",
    "fresh4.tsv",
    "fresh5.tsv",
)
OWN = CORPUS.parent.parent / "understanding"


def load_own(name: str) -> list[Row]:
    return _rows(OWN / name, lambda r: (r.get("lang", ""), "own"))


def _rows(path: Path, lang_and_split: Callable[[dict[str, str]], tuple[str, str]]) -> list[Row]:
    with path.open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [
            Row(
                r["phrase"],
                r["intent"],
                dict(p.split("=", 1) for p in r["slots"].split(";") if p),
                *lang_and_split(r),
            )
            for r in reader
        ]


def _comparable(slots: Mapping[str, str]) -> dict[str, str]:
    out = dict(slots)
    if "date" in out:
        out["first"] = out["last"] = out.pop("date")
    for key in ("person", "target"):
        if key in out:
            out[key] = out[key].casefold()
    if "text" in out:
        out["text"] = _collapse(out["text"])
    return out


def _collapse(text: str) -> str:
    return " ".join(re.findall(r"\w+|§", text.casefold()))


def _f1(said: str, meant: str) -> float:
    a, b = _collapse(said).split(), _collapse(meant).split()
    if not a or not b:
        return float(a == b)
    common = sum(min(a.count(w), b.count(w)) for w in set(a))
    if not common:
        return 0.0
    precision, recall = common / len(a), common / len(b)
    return 2 * precision * recall / (precision + recall)


def score(rows: Sequence[Row], split: str) -> Score:
    chosen = [r for r in rows if r.split == split]
    intents_right = slots_right = 0
    by_lang: dict[str, list[int]] = {}
    must_not: list[str] = []
    wrong_change: list[str] = []
    errors: list[str] = []
    f1s: list[float] = []
    for row in chosen:
        got = understand(row.phrase, TODAY, ROSTER)
        counts = by_lang.setdefault(row.lang, [0, 0])
        counts[1] += 1
        if row.intent in ("none", "smalltalk") and got.intent in CHANGES_DATA:
            must_not.append(f"{row.phrase!r} → {got.intent}")
        if row.intent in CHANGES_DATA and got.intent in CHANGES_DATA and got.intent != row.intent:
            wrong_change.append(f"{row.phrase!r}: {row.intent} → {got.intent}")
        if got.intent != row.intent:
            errors.append(f"intent {row.phrase!r}: {row.intent} → {got.intent}")
            continue
        intents_right += 1
        counts[0] += 1
        if "text" in row.slots:
            f1s.append(_f1(got.slots.get("text", ""), row.slots["text"]))
        if _comparable(got.slots) == _comparable(row.slots):
            slots_right += 1
        else:
            errors.append(f"slots  {row.phrase!r}: {row.slots} → {dict(got.slots)}")
    return Score(
        split,
        len(chosen),
        intents_right,
        slots_right,
        {lang: (right, total) for lang, (right, total) in by_lang.items()},
        must_not,
        wrong_change,
        statistics.mean(f1s) if f1s else 1.0,
        errors,
    )


def timing(rows: Sequence[Row], rounds: int = 5) -> tuple[float, float]:
    """p50 and p99 over the corpus's messages of one call, in microseconds: each message's
    median of `rounds` calls (after one warm-up pass), so that a busy machine's pauses do not
    count as the recogniser's."""
    for row in rows:
        understand(row.phrase, TODAY, ROSTER)
    per_message: list[float] = []
    collecting = gc.isenabled()
    gc.disable()
    try:
        for row in rows:
            samples = []
            for _ in range(rounds):
                start = time.perf_counter()
                understand(row.phrase, TODAY, ROSTER)
                samples.append((time.perf_counter() - start) * 1e6)
            per_message.append(statistics.median(samples))
    finally:
        if collecting:
            gc.enable()
    per_message.sort()
    return per_message[len(per_message) // 2], per_message[int(len(per_message) * 0.99)]


def describe(result: Score) -> str:
    langs = ", ".join(
        f"{lang} {right / total:.1%}" for lang, (right, total) in sorted(result.by_lang.items())
    )
    return (
        f"{result.split}: {result.rows} rows · intent {result.intent_accuracy:.1%} ({langs}) · "
        f"slots {result.slot_accuracy:.1%} of right intents · text F1 {result.text_f1:.2f} · "
        f"must-not {len(result.must_not)} · wrong data-changing intent "
        f"{len(result.wrong_change)}"
    )


def unseen(rows: Sequence[Row]) -> list[Row]:
    """The check rows that none of our own tuned sets holds word for word (spelling and
    numbers made even): independently written, but tuned on all the same."""
    own = {words(canonical(r.phrase)) for name in OWN_SETS for r in load_own(name)}
    return [
        Row(r.phrase, r.intent, r.slots, r.lang, "check unseen")
        for r in rows
        if r.split == "check" and words(canonical(r.phrase)) not in own
    ]


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m understanding.figures")
    parser.add_argument("--errors", choices=("tune", "check"), help="list this split's misses")
    args = parser.parse_args()
    rows = load()
    for split in ("tune", "check"):
        result = score(rows, split)
        print(describe(result))
        for line in result.must_not:
            print(f"  MUST-NOT {line}")
        if args.errors == split:
            for line in result.errors:
                print(f"  {line}")
    print(describe(score(unseen(rows), "check unseen")))
    p50, p99 = timing(rows)
    print(f"speed: p50 {p50:.0f} µs, p99 {p99:.0f} µs per message ({len(rows)} messages)")


if __name__ == "__main__":
    main()
