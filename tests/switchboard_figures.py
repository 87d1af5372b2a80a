"""The switchboard table's figures: how many labelled calls the rules get right.

python -m tests.switchboard_figures

The table is the specification's rows (tests/data/switchboard-calls.tsv, a verbatim copy of
the shared file) plus our own (switchboard-calls-own.tsv, the same columns and a destination:
the referral a "no" should name).
"""

import csv
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from dialogs.switchboard_rules import SwitchboardRules, build
from rules.eligibility import Verdict, classify

DATA = Path(__file__).resolve().parent / "data"
SPEC = DATA / "switchboard-calls.tsv"
OWN = DATA / "switchboard-calls-own.tsv"
# Calls that go to the benefits office, the unit that decided, the own caseworker or the
# unemployment fund: putting one of these through to the hotline is the costly mistake.
NEVER_YES = frozenset(
    {"payment", "nemrefusion", "complaint", "existing_case", "unemployed", "sick_pay"}
)


@dataclass(frozen=True)
class Row:
    source: str  # "spec" or "own"
    expected: str  # yes, no or unsure
    description: str
    destination: str  # the referral a "no" names; empty when not given


def rows(path: Path, source: str) -> list[Row]:
    with path.open(encoding="utf-8") as handle:
        return [
            Row(source, r["verdict"], r["description"], r.get("destination") or "")
            for r in csv.DictReader(handle, delimiter="\t")
        ]


def table() -> list[Row]:
    return rows(SPEC, "spec") + rows(OWN, "own")


def same_place(rules: SwitchboardRules, expected: str, category: str) -> bool:
    """Two categories send the caller to the same place when their referrals read the same."""
    return rules.referral(expected).da == rules.referral(category).da


def right(rules: SwitchboardRules, row: Row, verdict: Verdict) -> bool:
    if verdict.verdict != row.expected:
        return False
    return not (row.expected == "no" and row.destination) or same_place(
        rules, row.destination, verdict.category
    )


@dataclass(frozen=True)
class Figures:
    total: int
    right: int
    confusion: Counter[tuple[str, str]]  # (expected, given) → rows
    wrong: list[tuple[Row, Verdict]]
    never_yes_as_yes: list[Row]

    @property
    def share(self) -> float:
        return self.right / self.total if self.total else 0.0


def figures(rules: SwitchboardRules | None = None) -> Figures:
    rules = rules or build({})
    confusion: Counter[tuple[str, str]] = Counter()
    wrong, costly = [], []
    all_rows = table()
    for row in all_rows:
        verdict = classify(row.description, rules.signals)
        confusion[(row.expected, verdict.verdict)] += 1
        if not right(rules, row, verdict):
            wrong.append((row, verdict))
        if row.destination in NEVER_YES and verdict.verdict == "yes":
            costly.append(row)
    return Figures(len(all_rows), len(all_rows) - len(wrong), confusion, wrong, costly)


def report(f: Figures) -> str:
    lines = [f"{f.right} of {f.total} calls right ({f.share:.1%})", "expected → given:"]
    for expected in ("yes", "no", "unsure"):
        given = ", ".join(f"{g} {f.confusion[(expected, g)]}" for g in ("yes", "no", "unsure"))
        lines.append(f"  {expected:6} {given}")
    lines.append(
        f"payment, refund, complaint, case or unemployment calls as yes: {len(f.never_yes_as_yes)}"
    )
    for row, verdict in f.wrong:
        got = f"{verdict.verdict}/{verdict.category}"
        want = f"{row.expected}/{row.destination}" if row.destination else row.expected
        lines.append(f"  wrong ({row.source}): want {want}, got {got}: {row.description}")
    return "\n".join(lines)


def main() -> None:
    print(report(figures()))


if __name__ == "__main__":
    main()
