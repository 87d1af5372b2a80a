"""Dates as people type them, in Danish and English, relative to today.

`i dag`, `i morgen`, `mandag`, `5/1`, `5.1`, `5.1.2027`, `5. januar`, `2027-01-05`; English
`today`, `tomorrow`, `monday`, ISO. Without a year, the next such date from today (a date up
to 30 days back counts as this year's: "5/1" on 20 January means the 5th just gone). Looking
back (history), the most recent such date on or before today. "29.2" in a year without
29 February is an error, never a date some years away. "på mandag" said on a Monday is next
week's Monday; a bare "mandag" is today.
"""

import re
from calendar import isleap
from datetime import date, timedelta
from typing import Literal

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
Direction = Literal["ahead", "back"]


class BadDate(ValueError):
    """Not a date we can read, or not a real date (31.02)."""


class NoSuchDate(BadDate):
    """Read fine, but the calendar has no such day (31.02, or 29.02 in a common year)."""


def parse_date(text: str, today: date, direction: Direction = "ahead") -> date:
    """The date meant by `text` said on `today`: ahead (plans) or back (looking up the past)."""
    raw = fold(text).rstrip(".")
    if raw in RELATIVE:
        return today + timedelta(days=RELATIVE[raw])
    word = raw.removeprefix("paa ").removeprefix("naeste ").removeprefix("next ")
    weekday = weekday_number(word)
    if weekday is not None:
        if direction == "back":
            return today - timedelta(days=(today.weekday() - weekday) % 7)
        ahead = (weekday - today.weekday()) % 7
        if word != raw and ahead == 0:  # "på mandag", "næste mandag" on a Monday
            ahead = 7
        return today + timedelta(days=ahead)
    try:
        if match := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", raw):
            return date(int(match[1]), int(match[2]), int(match[3]))
        if match := re.fullmatch(r"(\d{1,2})[./](\d{1,2})(?:[./](\d{2}|\d{4}))?", raw):
            return _complete(int(match[1]), int(match[2]), match[3], today, direction)
        if match := re.fullmatch(r"(\d{1,2})\.? ?([a-z]+)\.?(?: (\d{4}))?", raw):
            month = MONTHS.get(match[2])
            if month is None:
                raise BadDate(text)
            return _complete(int(match[1]), month, match[3], today, direction)
    except BadDate:
        raise
    except ValueError as exc:  # date() refused the day or month the text names
        raise NoSuchDate(text) from exc
    raise BadDate(text)


def _complete(day: int, month: int, year: str | None, today: date, direction: Direction) -> date:
    if year:
        return date(int(year) + (2000 if len(year) == 2 else 0), month, day)
    date(2028, month, day)  # raises for a day no year has (31.02)
    if direction == "back":
        chosen = today.year if _place(today.year, month, day) <= today else today.year - 1
    else:
        earliest = today - LOOKBACK
        chosen = today.year if _place(today.year, month, day) >= earliest else today.year + 1
    return date(chosen, month, day)  # raises for 29.02 when the year meant has none


def _place(year: int, month: int, day: int) -> date:
    """Where day.month falls in a year; 29 February sorts as 1 March in a common year."""
    return (
        date(year, 3, 1) if (month, day) == (2, 29) and not isleap(year) else date(year, month, day)
    )
