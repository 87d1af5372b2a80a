"""The labelled sentences understanding/neighbours.py compares with, shipped with the package
as examples.tsv (the sources live in tests/, which the wheel does not hold).

python -m understanding.examples [--write]
"""

import argparse
from collections.abc import Iterable

from understanding.figures import OWN_SETS, load, load_own
from understanding.intents import canonical
from understanding.neighbours import EXAMPLES, words


def sources() -> list[tuple[str, str]]:
    """(phrase, intent) of every labelled sentence the recogniser may learn from. A sentence
    that is also a row of the held-out check split, word for word after spelling and numbers
    are made even (short everyday ones like `mine sager?` were written independently more
    than once), is left out, so that the check figure never meets an example of itself."""
    corpus = load()
    held_out = {words(canonical(row.phrase)) for row in corpus if row.split == "check"}
    rows = [r for r in corpus if r.split == "tune"]
    rows += [r for name in OWN_SETS for r in load_own(name)]
    return [(r.phrase, r.intent) for r in rows if words(canonical(r.phrase)) not in held_out]


def rendered(rows: Iterable[tuple[str, str]]) -> str:
    lines = ["words\tintent"]
    lines += [f"{' '.join(words(canonical(phrase)))}\t{intent}" for phrase, intent in rows]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m understanding.examples")
    parser.add_argument("--write", action="store_true", help="regenerate examples.tsv")
    args = parser.parse_args()
    text = rendered(sources())
    if args.write:
        EXAMPLES.write_text(text, encoding="utf-8")
        print(f"wrote {text.count(chr(10)) - 1} examples to {EXAMPLES}")
    else:
        print("up to date" if EXAMPLES.read_text(encoding="utf-8") == text else "stale")


if __name__ == "__main__":
    main()
