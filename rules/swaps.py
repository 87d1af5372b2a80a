"""Swap requests: their status, derived from their fields and today's date, and who may take
one. Plain rules; the dialogs turn the exceptions into messages."""

from dataclasses import dataclass
from datetime import date

from rules.working_days import Calendar

REMINDER_DAYS = (7, 3, 1)  # working days before the duty


class SwapRefused(Exception):
    """A swap action that the rules do not allow; the subclass says why."""


class NotOpenForTaking(SwapRefused):
    pass


class OwnRequest(SwapRefused):
    pass


class NotAvailableThatDay(SwapRefused):
    pass


class PastDay(SwapRefused):
    pass


class NotWorkingDay(SwapRefused):
    pass


class NotForYou(SwapRefused):
    pass


@dataclass(frozen=True)
class SwapRequest:
    id: int
    day: date
    requester: int
    target: int | None  # None: open to anyone eligible
    offered_day: date | None = None
    taken_by: int | None = None
    declined: bool = False
    cancelled: bool = False
    awaiting_approval: bool = False


def status(request: SwapRequest, today: date) -> str:
    """open, awaiting_approval, taken, declined, cancelled or expired."""
    if request.taken_by is not None:
        return "awaiting_approval" if request.awaiting_approval else "taken"
    if request.declined:
        return "declined"
    if request.cancelled:
        return "cancelled"
    if request.day < today:
        return "expired"
    return "open"


def check_new(day: date, today: date, calendar: Calendar) -> None:
    if day < today:
        raise PastDay()
    if not calendar.is_working_day(day):
        raise NotWorkingDay()


def check_take(request: SwapRequest, taker: int, today: date, available: bool) -> None:
    """May `taker` take (or accept) the request? `available`: on the rota, works that weekday,
    not absent that day (and, for a day offered back, the requester likewise)."""
    if status(request, today) != "open":
        raise NotOpenForTaking()
    if taker == request.requester:
        raise OwnRequest()
    if request.target is not None and request.target != taker:
        raise NotForYou()
    if not available:
        raise NotAvailableThatDay()


def reminder_due(day: date, today: date, calendar: Calendar) -> bool:
    """Colleagues are reminded of an open request 7, 3 and 1 working days before the day."""
    return calendar.is_working_day(today) and _before(day, today, calendar) in REMINDER_DAYS


def escalation_due(day: date, today: date, calendar: Calendar) -> bool:
    """Still open on the working day before: the leads are told."""
    return calendar.is_working_day(today) and _before(day, today, calendar) == 1


def _before(day: date, today: date, calendar: Calendar) -> int:
    """How many working days from today (counted) up to the day (not counted)."""
    if day <= today:
        return 0
    return len(calendar.working_days(today, day)) - (1 if calendar.is_working_day(day) else 0)
