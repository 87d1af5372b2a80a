"""The law's deadlines for a case, as calendar dates (the first day of absence is day 1).

- Fast track: the first follow-up talk no later than the day the job centre received the
  request + 14 days.
- An employer may request Fast track within the first 5 weeks: last day = first day + 34.
- Ordinary first follow-up talk (expected over 8 weeks): first day + 55. It still applies when
  a Fast-track request comes after the employer's window; then the earlier talk is the next.
These are "no later than" duties: a due date on a weekend or holiday is not moved later.
Reminders count back from the last working day on or before it.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from rules.working_days import Calendar

FAST_TRACK_TALK = timedelta(days=14)
REQUEST_WINDOW = timedelta(days=34)
ORDINARY_TALK = timedelta(days=55)
REMIND_BEFORE = 3  # working days before the last working day of a talk deadline
ROUND_TABLE_DAYS = range(1, 8)  # 1-7 days after the call
TALKS = ("fast_track_talk", "ordinary_talk")


class RequestBeforeAbsence(ValueError):
    """A Fast-track request received before the first day of absence."""


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


def check_request(request_date: date | None, first_absence: date | None) -> None:
    """Raise RequestBeforeAbsence for a request received before the absence began."""
    if request_date and first_absence and request_date < first_absence:
        raise RequestBeforeAbsence(f"{request_date} < {first_absence}")


def deadlines(
    request_date: date | None, first_absence: date | None, first_talk: date | None
) -> list[Deadline]:
    """Every deadline that applies, in the order fast track, request window, ordinary."""

    def talk(kind: str, due: date) -> Deadline:
        return Deadline(kind, due, None if first_talk is None else first_talk <= due)

    found = []
    in_window = True
    if request_date is not None:
        found.append(talk("fast_track_talk", fast_track_due(request_date)))
        if first_absence is not None:
            window = first_absence + REQUEST_WINDOW
            in_window = request_date <= window
            found.append(Deadline("request_window", window, in_window))
    if first_absence is not None and (request_date is None or not in_window):
        found.append(talk("ordinary_talk", first_absence + ORDINARY_TALK))
    return found


def next_deadline(found: list[Deadline]) -> Deadline | None:
    """The earliest talk deadline still open: the one to act on next."""
    talks = [d for d in found if d.kind in TALKS and d.met is None]
    return min(talks, key=lambda d: d.due, default=None)


def last_working_day(due: date, calendar: Calendar) -> date:
    """The last working day on or before a due date (itself when it is one)."""
    return due if calendar.is_working_day(due) else calendar.previous_working_day(due)


def remind_on(due: date, calendar: Calendar) -> date:
    """The working day a talk reminder is due: three working days before the last working day
    on or before the deadline, so a weekend deadline still gives three days' notice."""
    return calendar.add_working_days(last_working_day(due, calendar), -REMIND_BEFORE)


def reminder_due(due: date, today: date, calendar: Calendar) -> bool:
    """A talk reminder goes out on its day or, missed (logged later, server down), on any day
    after it until the deadline has passed; the caller sends it once."""
    return remind_on(due, calendar) <= today <= due


def meeting_reminder_due(meeting: date, today: date, calendar: Calendar) -> bool:
    """A round-table reminder from the working day before the meeting until the meeting day."""
    return calendar.previous_working_day(meeting) <= today <= meeting


def round_table_problem(
    call_day: date, meeting: date, calendar: Calendar
) -> Literal["days", "closed"] | None:
    """Why a round-table date needs a reason: not 1-7 days after the call, or not a working
    day (weekend, public holiday, a day the team is closed); None when it needs none."""
    if (meeting - call_day).days not in ROUND_TABLE_DAYS:
        return "days"
    if not calendar.is_working_day(meeting):
        return "closed"
    return None


def round_table_ok(call_day: date, meeting: date, calendar: Calendar | None = None) -> bool:
    return round_table_problem(call_day, meeting, calendar or Calendar()) is None
