"""Validation of what a lead types into the settings card: phone, times, closed days."""

import re
from datetime import date


class BadValue(ValueError):
    """The value cannot be read; `value` is what the user typed."""

    def __init__(self, value: str) -> None:
        super().__init__(value)
        self.value = value


def parse_phone(text: str) -> str:
    """A Danish 8-digit number, optionally with +45, formatted as `70 12 34 56`."""
    digits = re.sub(r"[\s\-()]", "", text)
    if digits.startswith("+45"):
        digits = digits[3:]
    elif digits.startswith("0045"):
        digits = digits[4:]
    if not re.fullmatch(r"\d{8}", digits):
        raise BadValue(text)
    return " ".join(digits[i : i + 2] for i in range(0, 8, 2))


def parse_hhmm(text: str) -> str:
    match = re.fullmatch(r"\s*(\d{1,2})[:.](\d{2})\s*", text)
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise BadValue(text)
    return f"{int(match[1]):02d}:{match[2]}"


def parse_closed_day(text: str) -> str:
    """`24.12` → `12-24` (every year); `27.12.2027` or `2027-12-27` → `2027-12-27`."""
    raw = text.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
            return date.fromisoformat(raw).isoformat()
        match = re.fullmatch(r"(\d{1,2})[./](\d{1,2})(?:[./](\d{4}))?", raw)
        if not match:
            raise BadValue(text)
        day, month = int(match[1]), int(match[2])
        if match[3]:
            return date(int(match[3]), month, day).isoformat()
        date(2028, month, day)  # a leap year, so 29.02 is allowed as a yearly day
        return f"{month:02d}-{day:02d}"
    except ValueError as exc:
        raise BadValue(text) from exc


def parse_closed_days(text: str) -> tuple[str, ...]:
    parts = [p for p in re.split(r"[,;\s]+", text) if p]
    return tuple(sorted({parse_closed_day(p) for p in parts}))


def format_closed_day(value: str) -> str:
    parts = value.split("-")
    if len(parts) == 2:
        return f"{int(parts[1])}.{int(parts[0])}"
    return f"{int(parts[2])}.{int(parts[1])}.{parts[0]}"
