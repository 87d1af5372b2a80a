"""Dates as people type them, in Danish and English, relative to today.

`i dag`, `i morgen`, `mandag`, `5/1`, `5.1`, `5.1.2027`, `5. januar`, `2027-01-05`; English
`today`, `tomorrow`, `monday`, ISO. Without a year, the next such date from today (a date up
to 30 days back counts as this year's: "5/1" on 20 January means the 5th just gone).
"""

import re
from datetime import date, timedelta

from rules.text import fold
from rules.weekdays import weekday_number

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("januar", "january", "jan"),
            ("februar", "february", "feb"),
            ("marts", "march", "mar"),
            ("april", "apr"),
            ("maj", "may"),
            ("juni", "june", "jun"),
            ("juli", "july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "october", "okt", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
RELATIVE = {
    "i dag": 0,
    "idag": 0,
    "today": 0,
    "i morgen": 1,
    "imorgen": 1,
    "tomorrow": 1,
    "i overmorgen": 2,
    "overmorgen": 2,
    "i gaar": -1,
    "igaar": -1,
    "yesterday": -1,
}
LOOKBACK = timedelta(days=30)


class BadDate(ValueError):
    """Not a date we can read, or not a real date (31.02)."""


def parse_date(text: str, today: date) -> date:
    raw = fold(text).rstrip(".")
    if raw in RELATIVE:
        return today + timedelta(days=RELATIVE[raw])
    weekday = weekday_number(raw.removeprefix("paa ").removeprefix("naeste ").removeprefix("next "))
    if weekday is not None:
        ahead = (weekday - today.weekday()) % 7
        if raw.startswith(("naeste ", "next ")) and ahead == 0:
            ahead = 7
        return today + timedelta(days=ahead)
    try:
        if match := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", raw):
            return date(int(match[1]), int(match[2]), int(match[3]))
        if match := re.fullmatch(r"(\d{1,2})[./](\d{1,2})(?:[./](\d{2}|\d{4}))?", raw):
            return _complete(int(match[1]), int(match[2]), match[3], today)
        if match := re.fullmatch(r"(\d{1,2})\.? ?([a-z]+)\.?(?: (\d{4}))?", raw):
            month = MONTHS.get(match[2])
            if month is None:
                raise BadDate(text)
            return _complete(int(match[1]), month, match[3], today)
    except ValueError as exc:
        raise BadDate(text) from exc
    raise BadDate(text)


def _complete(day: int, month: int, year: str | None, today: date) -> date:
    if year:
        return date(int(year) + (2000 if len(year) == 2 else 0), month, day)
    date(2028, month, day)  # raises for a day no year has (31.02)
    for candidate in range(today.year, today.year + 5):
        try:
            guess = date(candidate, month, day)
        except ValueError:  # 29.02 outside a leap year
            continue
        if guess >= today - LOOKBACK:
            return guess
    raise BadDate(f"{day}.{month}")
