"""When the hotline answers: its opening hours on working days."""

from collections.abc import Mapping
from datetime import datetime, time, timedelta

from rules.working_days import Calendar

Hours = Mapping[int, tuple[time, time]]  # weekday → (opens, closes)


def is_open(now: datetime, calendar: Calendar, hours: Hours) -> bool:
    span = hours.get(now.weekday())
    return (
        span is not None and calendar.is_working_day(now.date()) and span[0] <= now.time() < span[1]
    )


def next_opening(now: datetime, calendar: Calendar, hours: Hours) -> datetime | None:
    """The next moment the hotline opens after `now` (None if it never does)."""
    day = now.date()
    for _ in range(400):
        span = hours.get(day.weekday())
        if span is not None and calendar.is_working_day(day):
            opens = datetime.combine(day, span[0], tzinfo=now.tzinfo)
            if opens > now:
                return opens
        day += timedelta(days=1)
    return None
