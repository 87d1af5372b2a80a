"""Working days: Monday to Friday in Denmark, minus public holidays and the team's closed days.

Closed days are `MM-DD` (every year) or `YYYY-MM-DD` (one day). 24 December, 31 December,
1 May and 5 June are not public holidays; a team closes them if its agreement says so.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache


@lru_cache(maxsize=64)
def _public_holidays(year: int, language: str) -> dict[date, str]:
    import holidays  # 9 MB, and its every country (8 MB more) on the first look-up below

    denmark = holidays.country_holidays("DK", years=year, language=language, categories=("public",))
    return dict(denmark.items())


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
