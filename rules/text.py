"""Normalising what people type, so `hjaelp`, `Hjælp` and `HJÆLP` mean the same."""

import unicodedata

_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})


def fold(text: str) -> str:
    """Lower-case, Danish letters spelled out, other accents removed, spaces collapsed."""
    lowered = text.casefold().translate(_DANISH)
    decomposed = unicodedata.normalize("NFKD", lowered)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.split())
