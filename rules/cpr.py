"""Detection and masking of Danish CPR numbers (DDMMYY-NNNN, dash optional).

Modulus 11 is deliberately not checked: numbers issued since 2007 need not pass it.
"""

import re

# Day 01-31, or a substitute day (first digit + 6: 61-91); month 01-12; year; optional dash
# or space; four digits. Word boundaries keep 8-digit phone numbers out.
CPR_PATTERN = re.compile(
    r"(?<!\d)(0[1-9]|[12]\d|3[01]|[67][1-9]|[78]\d|9[01])(0[1-9]|1[0-2])\d{2}[-\s]?\d{4}(?!\d)"
)


def contains_cpr(text: str) -> bool:
    return CPR_PATTERN.search(text) is not None


def mask_cpr(text: str) -> str:
    return CPR_PATTERN.sub("XXXXXX-XXXX", text)


def any_cpr(value: object) -> bool:
    """True if a CPR number hides anywhere in a nested structure of strings, lists and dicts."""
    if isinstance(value, str):
        return contains_cpr(value)
    if isinstance(value, dict):
        return any(any_cpr(k) or any_cpr(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(any_cpr(v) for v in value)
    return False
