from datetime import date

import pytest

from rules.swaps import (
    NotAvailableThatDay,
    NotForYou,
    NotOpenForTaking,
    NotWorkingDay,
    OwnRequest,
    PastDay,
    SwapRequest,
    check_new,
    check_take,
    escalation_due,
    reminder_due,
    status,
)
from rules.working_days import Calendar

CAL = Calendar.of(["12-24"])
TODAY = date(2027, 1, 4)
OPEN = SwapRequest(1, date(2027, 1, 12), requester=1, target=None)


def test_status_is_derived_from_the_fields_and_the_date() -> None:
    assert status(OPEN, TODAY) == "open"
    assert status(SwapRequest(1, OPEN.day, 1, None, taken_by=2), TODAY) == "taken"
    assert status(SwapRequest(1, OPEN.day, 1, 2, declined=True), TODAY) == "declined"
    assert status(SwapRequest(1, OPEN.day, 1, None, cancelled=True), TODAY) == "cancelled"
    assert status(OPEN, date(2027, 1, 12)) == "open"
    assert status(OPEN, date(2027, 1, 13)) == "expired"


def test_who_may_take() -> None:
    check_take(OPEN, 2, TODAY, available=True)
    with pytest.raises(OwnRequest):
        check_take(OPEN, 1, TODAY, available=True)
    with pytest.raises(NotAvailableThatDay):
        check_take(OPEN, 2, TODAY, available=False)
    with pytest.raises(NotOpenForTaking):
        check_take(SwapRequest(1, OPEN.day, 1, None, taken_by=3), 2, TODAY, available=True)
    with pytest.raises(NotOpenForTaking):
        check_take(OPEN, 2, date(2027, 1, 13), available=True)
    with pytest.raises(NotForYou):
        check_take(SwapRequest(1, OPEN.day, 1, target=3), 2, TODAY, available=True)


def test_new_requests_need_a_coming_working_day() -> None:
    check_new(date(2027, 1, 12), TODAY, CAL)
    with pytest.raises(PastDay):
        check_new(date(2027, 1, 1), TODAY, CAL)
    with pytest.raises(NotWorkingDay):
        check_new(date(2027, 1, 9), TODAY, CAL)
    with pytest.raises(NotWorkingDay):
        check_new(date(2027, 3, 26), TODAY, CAL)


def test_reminders_seven_three_and_one_working_days_before() -> None:
    day = date(2027, 1, 14)  # Thursday
    due = [d for d in CAL.working_days(date(2027, 1, 1), day) if reminder_due(day, d, CAL)]
    assert due == [date(2027, 1, 5), date(2027, 1, 11), date(2027, 1, 13)]
    assert [d for d in CAL.working_days(date(2027, 1, 1), day) if escalation_due(day, d, CAL)] == [
        date(2027, 1, 13)
    ]
    assert not reminder_due(day, date(2027, 1, 9), CAL)  # a Saturday
    easter = date(2027, 3, 30)
    assert escalation_due(easter, date(2027, 3, 24), CAL)  # over the Easter days
