"""The law's deadlines for a case, as calendar dates (the first day of absence is day 1).

- Fast track: the first follow-up talk no later than request date + 14 days.
- An employer may request Fast track within the first 5 weeks: last day = first day + 34.
- Ordinary first follow-up talk (no Fast track, expected over 8 weeks): first day + 55.
Reminders fall on working days; the deadlines themselves are calendar dates.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from rules.working_days import Calendar

FAST_TRACK_TALK = timedelta(days=14)
REQUEST_WINDOW = timedelta(days=34)
ORDINARY_TALK = timedelta(days=55)
REMIND_BEFORE = 3  # working days before a Fast-track deadline
ROUND_TABLE_DAYS = range(1, 8)  # 1-7 days after the call


@dataclass(frozen=True)
class Deadline:
    kind: str  # "fast_track_talk", "request_window", "ordinary_talk"
    due: date
    met: bool | None  # None while not yet decided

    def days_left(self, today: date) -> int:
        return (self.due - today).days


def fast_track_due(request_date: date) -> date:
    """The last day for the first follow-up talk after a Fast-track request."""
    return request_date + FAST_TRACK_TALK


def deadlines(
    request_date: date | None, first_absence: date | None, first_talk: date | None
) -> list[Deadline]:
    found = []
    if request_date is not None:
        due = fast_track_due(request_date)
        found.append(
            Deadline("fast_track_talk", due, None if first_talk is None else first_talk <= due)
        )
        if first_absence is not None:
            window = first_absence + REQUEST_WINDOW
            found.append(Deadline("request_window", window, request_date <= window))
    elif first_absence is not None:
        due = first_absence + ORDINARY_TALK
        found.append(
            Deadline("ordinary_talk", due, None if first_talk is None else first_talk <= due)
        )
    return found


def remind_on(due: date, calendar: Calendar) -> date:
    """The working day a Fast-track reminder goes out: three working days before the due date."""
    return calendar.add_working_days(due, -REMIND_BEFORE)


def round_table_ok(call_day: date, meeting: date) -> bool:
    return (meeting - call_day).days in ROUND_TABLE_DAYS
