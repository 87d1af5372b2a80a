"""Dates as people type them, in Danish and English, relative to today.

`i dag`, `i morgen`, `mandag`, `5/1`, `5.1`, `5.1.2027`, `5. januar`, `2027-01-05`; English
`today`, `tomorrow`, `monday`, ISO. Without a year, the next such date from today (a date up
to 30 days back counts as this year's: "5/1" on 20 January means the 5th just gone). Looking
back (history), the most recent such date on or before today. "29.2" in a year without
29 February is an error, never a date some years away.

Weekdays, as a Danish speaker means them: a bare "fredag" is the coming one (today counts);
"på fredag" the coming one after today ("på mandag" said on a Monday is next week's Monday);
"næste fredag", "next friday" and "fredag i næste uge" always the Friday of the following
week, so "næste fredag" said on a Monday is 11 days ahead, not 4. "om to uger" is the same
weekday two weeks on. The free-text recogniser (understanding/slots.py) reads its days here
too, so a command and a sentence never disagree.
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
    "the day after tomorrow": 2,
    "i gaar": -1,
    "igaar": -1,
    "yesterday": -1,
}
# "om to uger", "in two weeks": a number of weeks ahead, in digits or words.
_WEEKS_AHEAD = re.compile(
    r"(?:om|in) (\d{1,2}|en|et|to|tre|fire|one|a|two|three|four) (?:uger?|weeks?)"
)
_NUMBER_WORDS = {"en": 1, "et": 1, "one": 1, "a": 1, "to": 2, "two": 2, "tre": 3, "three": 3}
_NUMBER_WORDS |= {"fire": 4, "four": 4}
# "fredag i næste uge", "friday next week": the weekday of the following week.
_NEXT_WEEK_SUFFIX = re.compile(r" (?:i )?(?:naeste uge|next week)$")
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
    if match := _WEEKS_AHEAD.fullmatch(raw):
        amount = match[1]
        return today + timedelta(weeks=int(amount) if amount.isdigit() else _NUMBER_WORDS[amount])
    weekday_day = _weekday(raw, today, direction)
    if weekday_day is not None:
        return weekday_day
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


def _weekday(raw: str, today: date, direction: Direction) -> date | None:
    """A weekday with what may stand around it ("på", "næste", "i næste uge"), or None."""
    following = _NEXT_WEEK_SUFFIX.search(raw) is not None
    word = _NEXT_WEEK_SUFFIX.sub("", raw)
    if word.startswith(("naeste ", "next ")):
        following, word = True, word.split(" ", 1)[1]
    coming = word.startswith(("paa ", "pa ", "on "))
    if coming:
        word = word.split(" ", 1)[1]
    weekday = weekday_number(word)
    if weekday is None:
        return None
    if following:
        next_monday = today + timedelta(days=7 - today.weekday())
        return next_monday + timedelta(days=weekday)
    if direction == "back":
        return today - timedelta(days=(today.weekday() - weekday) % 7)
    ahead = (weekday - today.weekday()) % 7
    if coming and ahead == 0:  # "på mandag" on a Monday
        ahead = 7
    return today + timedelta(days=ahead)


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
