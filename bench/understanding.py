"""Free-text understanding speed (#14): every sentence of the labelled phrase corpus.

python -m bench.understanding
"""

from understanding.figures import load, timing


def measure() -> str:
    rows = load()
    p50, p99 = timing(rows)
    return (
        f"free-text understanding: {len(rows)} corpus sentences, p50 {p50:.0f} µs, "
        f"p99 {p99:.0f} µs per message (median of 5 calls each)"
    )


def main() -> None:
    print(measure())


if __name__ == "__main__":
    main()
