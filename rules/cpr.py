"""Detection, refusal and redaction of Danish CPR numbers (DDMMYY-NNNN, dash optional).

Text is folded before it is matched: what Word and Outlook paste (an en dash for the hyphen),
non-breaking hyphens and spaces, full-width digits and digits of other scripts all read as the
plain ASCII a person meant. Modulus 11 is deliberately not checked: numbers issued since 2007
need not pass it.
"""

import re
import unicodedata

# Day 01-31 or a substitute day (day + 60: 61-91); month 01-12; year; four digits. Day, month
# and year may be split by one space, dot, dash or slash ("01.01.90-1234", "01 01 90 1234"),
# and the four digits may stand after " - " too. The four digits are one run, and no digit may
# touch either end: 8-digit phone numbers in any grouping, CVR numbers and dates stay out.
_SEP = r"(?: ?[-./] ?| )?"
_CPR = re.compile(
    r"(?<![0-9])(?:0[1-9]|[12][0-9]|3[01]|6[1-9]|[78][0-9]|9[01])"
    + _SEP
    + r"(?:0[1-9]|1[0-2])"
    + _SEP
    + r"[0-9]{2}"
    + _SEP
    + r"[0-9]{4}(?![0-9])"
)
# `\d` matches the decimal digits of every script: fewer than ten of them, no CPR number.
_ANY_DIGIT = re.compile(r"\d")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_SPACES = re.compile(r"\s+")
_DASHES = frozenset("\u2212\u2043\u02d7\u2796\u2e3a\u2e3b")  # minus, hyphen bullet, …
_SLASHES = frozenset("\u2044\u2215\u29f8")  # fraction slash, division slash, big solidus

MASK = "XXXXXX-XXXX"
REDACTED = "[CPR]"


class CprInText(ValueError):
    """A text that looks like it holds a CPR number was about to be stored. The message never
    repeats the text: it ends up in logs."""

    def __init__(self) -> None:
        super().__init__("refused: text shaped like a CPR number")


def _fold_char(ch: str) -> str:
    """One character of NFKC-normalised text as plain ASCII where it matters: digits, dashes,
    slashes and spaces; invisible format characters (zero-width space, soft hyphen) vanish."""
    if ch.isascii():
        return " " if ch.isspace() else ch
    if ch.isdecimal():
        return str(unicodedata.decimal(ch))
    if ch.isspace():
        return " "
    category = unicodedata.category(ch)
    if category == "Pd" or ch in _DASHES:
        return "-"
    if ch in _SLASHES:
        return "/"
    if category == "Cf":
        return ""
    return ch


def _folded(text: str) -> tuple[str, list[int]]:
    """The folded text (space runs as one space) and, for each of its characters, the index of
    the character in `text` it came from."""
    out: list[str] = []
    origin: list[int] = []
    for index, raw in enumerate(text):
        for ch in unicodedata.normalize("NFKC", raw) if not raw.isascii() else raw:
            folded = _fold_char(ch)
            for c in folded:
                if c == " " and out and out[-1] == " ":
                    continue
                out.append(c)
                origin.append(index)
    return "".join(out), origin


def fold(text: str) -> str:
    """The text as the CPR pattern reads it (what `_folded` gives, without the map, faster:
    this runs on every message and every personal text written)."""
    if not text.isascii():
        text = _NON_ASCII.sub(_fold_match, unicodedata.normalize("NFKC", text))
    return _SPACES.sub(" ", text)


def _fold_match(found: re.Match[str]) -> str:
    return _fold_char(found.group())


def _may_hold_cpr(text: str) -> bool:
    return len(_ANY_DIGIT.findall(text)) >= 10


def contains_cpr(text: str) -> bool:
    return _may_hold_cpr(text) and _CPR.search(fold(text)) is not None


def _replace(text: str, by: str) -> str:
    if not contains_cpr(text):
        return text
    folded, origin = _folded(text)
    pieces: list[str] = []
    last = 0
    for found in _CPR.finditer(folded):
        start, end = origin[found.start()], origin[found.end() - 1] + 1
        pieces += [text[last:start], by]
        last = end
    return "".join(pieces) + text[last:] if pieces else text


def mask_cpr(text: str) -> str:
    return _replace(text, MASK)


def redact_cpr(text: str) -> str:
    """Text Teams supplies (a display name, a team name) with any CPR-shaped part replaced:
    such text is stored, not refused, or a roster sync would fail on one odd name."""
    return _replace(text, REDACTED)


def any_cpr(value: object) -> bool:
    """True if a CPR number hides anywhere in a nested structure of strings, lists and dicts."""
    if isinstance(value, str):
        return contains_cpr(value)
    if isinstance(value, dict):
        return any(any_cpr(k) or any_cpr(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(any_cpr(v) for v in value)
    return False


def refuse_cpr(*values: object) -> None:
    """Raise CprInText if any of the values holds a CPR number."""
    if any(any_cpr(v) for v in values):
        raise CprInText
