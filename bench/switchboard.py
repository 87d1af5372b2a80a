"""Classification speed: the labelled switchboard calls, 1,000 sentences.

python -m bench.switchboard
"""

import csv
import statistics
import time
from pathlib import Path

from dialogs.switchboard_rules import build
from rules.eligibility import classify

SPEC = Path(__file__).resolve().parent.parent / "tests" / "data" / "switchboard-calls.tsv"


def measure() -> str:
    rules = build({})
    with SPEC.open(encoding="utf-8") as handle:
        sentences = [row["description"] for row in csv.DictReader(handle, delimiter="\t")]
    batch = (sentences * (1000 // len(sentences) + 1))[:1000]
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        for sentence in batch:
            classify(sentence, rules.signals)
        runs.append((time.perf_counter() - start) * 1000)
    per = statistics.median(runs) / len(batch)
    return (
        f"switchboard classification: 1,000 sentences in {statistics.median(runs):.0f} ms "
        f"(median of 5), {per * 1000:.0f} µs per sentence"
    )


def main() -> None:
    print(measure())


if __name__ == "__main__":
    main()
