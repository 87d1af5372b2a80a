"""Working days: Monday to Friday in Denmark, minus public holidays and the team's closed days.

Closed days are `MM-DD` (every year) or `YYYY-MM-DD` (one day). 24 December, 31 December,
1 May and 5 June are not public holidays; a team closes them if its agreement says so.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

# Denmark's public holidays (helligdage), Danish and English names. Store bededag was
# abolished from 2024. The same days and names as the `holidays` package (checked 1900-2100),
# which loads every country it knows (12 MB, 0.07 s) to give Denmark's.
_FIXED = {
    (1, 1): ("Nytårsdag", "New Year's Day"),
    (12, 25): ("Juledag", "Christmas Day"),
    (12, 26): ("Anden juledag", "Second Day of Christmas"),
}
_AFTER_EASTER = {
    -3: ("Skærtorsdag", "Maundy Thursday"),
    -2: ("Langfredag", "Good Friday"),
    0: ("Påskedag", "Easter Sunday"),
    1: ("Anden påskedag", "Easter Monday"),
    26: ("Store bededag", "Great Prayer Day"),
    39: ("Kristi himmelfartsdag", "Ascension Day"),
    49: ("Pinsedag", "Pentecost"),
    50: ("Anden pinsedag", "Pentecost Monday"),
}
_LAST_PRAYER_DAY = 2023


def easter(year: int) -> date:
    """Easter Sunday in the Gregorian calendar (the anonymous algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday) // 451
    month, day = divmod(h + weekday - 7 * m + 114, 31)
    return date(year, month, day + 1)


@lru_cache(maxsize=64)
def _public_holidays(year: int, language: str) -> dict[date, str]:
    which = 0 if language == "da" else 1
    found = {date(year, m, d): names[which] for (m, d), names in _FIXED.items()}
    sunday = easter(year)
    for days, names in _AFTER_EASTER.items():
        if days != 26 or year <= _LAST_PRAYER_DAY:
            found[sunday + timedelta(days=days)] = names[which]
    return found


def holiday_name(day: date, language: str = "da") -> str | None:
    return _public_holidays(day.year, "da" if language == "da" else "en_US").get(day)


@dataclass(frozen=True)
class Calendar:
    closed_days: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def of(cls, closed_days: Iterable[str]) -> "Calendar":
        return cls(frozenset(closed_days))

    def is_closed_day(self, day: date) -> bool:
        return day.isoformat() in self.closed_days or day.strftime("%m-%d") in self.closed_days

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and holiday_name(day) is None and not self.is_closed_day(day)

    def working_days(self, first: date, last: date) -> list[date]:
        """Every working day from first to last, both included."""
        return [d for d in _days(first, last) if self.is_working_day(d)]

    def next_working_day(self, day: date, *, include: bool = False) -> date:
        """The first working day after `day` (or `day` itself when include and it is one)."""
        current = day if include else day + timedelta(days=1)
        for _ in range(400):
            if self.is_working_day(current):
                return current
            current += timedelta(days=1)
        raise ValueError("no working day within a year")

    def previous_working_day(self, day: date) -> date:
        current = day - timedelta(days=1)
        for _ in range(400):
            if self.is_working_day(current):
                return current
            current -= timedelta(days=1)
        raise ValueError("no working day within a year")

    def add_working_days(self, day: date, count: int) -> date:
        """`count` working days after (or, negative, before) `day`."""
        current = day
        for _ in range(abs(count)):
            current = (
                self.next_working_day(current) if count > 0 else self.previous_working_day(current)
            )
        return current


def _days(first: date, last: date) -> Iterator[date]:
    current = first
    while current <= last:
        yield current
        current += timedelta(days=1)
