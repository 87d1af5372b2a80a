from datetime import date, timedelta

import pytest

from rules.deadlines import (
    RequestBeforeAbsence,
    check_request,
    deadlines,
    last_working_day,
    meeting_reminder_due,
    next_deadline,
    remind_on,
    reminder_due,
    round_table_ok,
    round_table_problem,
)
from rules.working_days import Calendar

CAL = Calendar.of(["12-24"])


@pytest.mark.parametrize(
    ("requested", "first", "talk", "expected"),
    [
        (date(2027, 1, 4), None, None, [("fast_track_talk", date(2027, 1, 18), None)]),
        (date(2027, 1, 4), None, date(2027, 1, 18), [("fast_track_talk", date(2027, 1, 18), True)]),
        (
            date(2027, 1, 4),
            None,
            date(2027, 1, 19),
            [("fast_track_talk", date(2027, 1, 18), False)],
        ),
        (
            date(2027, 2, 7),
            date(2027, 1, 4),
            None,
            [
                ("fast_track_talk", date(2027, 2, 21), None),
                ("request_window", date(2027, 2, 7), True),
            ],
        ),
        (
            date(2027, 2, 8),
            date(2027, 1, 4),
            None,
            [
                ("fast_track_talk", date(2027, 2, 22), None),
                ("request_window", date(2027, 2, 7), False),
                ("ordinary_talk", date(2027, 2, 28), None),  # a late request: week 8 stands
            ],
        ),
        (None, date(2027, 1, 4), None, [("ordinary_talk", date(2027, 2, 28), None)]),
        (None, date(2027, 1, 4), date(2027, 2, 28), [("ordinary_talk", date(2027, 2, 28), True)]),
        (None, date(2027, 1, 4), date(2027, 3, 1), [("ordinary_talk", date(2027, 2, 28), False)]),
        (date(2026, 12, 20), None, None, [("fast_track_talk", date(2027, 1, 3), None)]),
        (None, None, None, []),
    ],
)
def test_deadline_table(requested, first, talk, expected) -> None:  # type: ignore[no-untyped-def]
    assert [(d.kind, d.due, d.met) for d in deadlines(requested, first, talk)] == expected


def test_days_left() -> None:
    [deadline] = deadlines(date(2027, 1, 4), None, None)
    assert deadline.days_left(date(2027, 1, 4)) == 14
    assert deadline.days_left(date(2027, 1, 20)) == -2


def test_reminders_fall_on_working_days_across_christmas_and_easter() -> None:
    assert remind_on(date(2027, 1, 18), CAL) == date(2027, 1, 13)
    assert remind_on(date(2026, 12, 29), CAL) == date(2026, 12, 22)  # over 24-26 December
    assert remind_on(date(2027, 3, 30), CAL) == date(2027, 3, 22)  # over Easter
    # a Sunday deadline: 3 working days before Thursday 31 December (1 January is a holiday)
    assert remind_on(date(2027, 1, 3), CAL) == date(2026, 12, 28)


def test_round_table_one_to_seven_days_after_the_call() -> None:
    assert round_table_ok(date(2027, 1, 4), date(2027, 1, 5))
    assert round_table_ok(date(2027, 1, 4), date(2027, 1, 11))
    assert not round_table_ok(date(2027, 1, 4), date(2027, 1, 4))
    assert not round_table_ok(date(2027, 1, 4), date(2027, 1, 13))


def test_a_late_fast_track_request_keeps_the_ordinary_deadline_and_the_earlier_is_next() -> None:
    first = date(2027, 3, 22)
    request = first + timedelta(days=49)  # day 50 of the absence: after the employer's window
    found = deadlines(request, first, None)
    assert [(d.kind, d.due) for d in found] == [
        ("fast_track_talk", date(2027, 5, 24)),
        ("request_window", date(2027, 4, 25)),
        ("ordinary_talk", date(2027, 5, 16)),  # first day + 55
    ]
    upcoming = next_deadline(found)
    assert upcoming is not None and (upcoming.kind, upcoming.due) == (
        "ordinary_talk",
        date(2027, 5, 16),
    )


def test_a_request_inside_the_window_needs_no_ordinary_deadline() -> None:
    found = deadlines(date(2027, 4, 25), date(2027, 3, 22), None)
    assert [d.kind for d in found] == ["fast_track_talk", "request_window"]
    upcoming = next_deadline(found)
    assert upcoming is not None and upcoming.kind == "fast_track_talk"


def test_next_deadline_skips_talks_already_held() -> None:
    assert next_deadline(deadlines(date(2027, 5, 10), date(2027, 3, 22), date(2027, 5, 12))) is None
    assert next_deadline([]) is None


def test_the_last_working_day_of_a_weekend_or_holiday_deadline() -> None:
    assert last_working_day(date(2027, 5, 16), CAL) == date(2027, 5, 14)  # Whitsunday
    assert last_working_day(date(2027, 5, 17), CAL) == date(2027, 5, 14)  # Whit Monday
    assert last_working_day(date(2027, 5, 18), CAL) == date(2027, 5, 18)
    assert last_working_day(date(2027, 12, 26), CAL) == date(2027, 12, 23)  # 24th closed


def test_a_saturday_deadline_gets_three_working_days_notice() -> None:
    # Saturday 23 January: the last working day is Friday 22nd, so remind on Tuesday 19th
    assert remind_on(date(2027, 1, 23), CAL) == date(2027, 1, 19)
    assert remind_on(date(2027, 5, 16), CAL) == date(2027, 5, 11)  # the week-8 example


def test_a_missed_reminder_day_is_caught_up_until_the_deadline() -> None:
    due = date(2027, 1, 18)  # remind on Wednesday 13th
    assert not reminder_due(due, date(2027, 1, 12), CAL)
    assert reminder_due(due, date(2027, 1, 13), CAL)
    assert reminder_due(due, date(2027, 1, 15), CAL)  # logged late, or the server was down
    assert reminder_due(due, due, CAL)
    assert not reminder_due(due, date(2027, 1, 19), CAL)  # past: overdue instead


def test_a_meeting_reminder_from_the_working_day_before_until_the_meeting() -> None:
    meeting = date(2027, 1, 11)  # a Monday: remind from Friday
    assert not meeting_reminder_due(meeting, date(2027, 1, 7), CAL)
    assert meeting_reminder_due(meeting, date(2027, 1, 8), CAL)
    assert meeting_reminder_due(meeting, meeting, CAL)
    assert not meeting_reminder_due(meeting, date(2027, 1, 12), CAL)


def test_a_round_table_on_a_weekend_or_holiday_needs_a_reason() -> None:
    call = date(2027, 1, 4)
    assert round_table_problem(call, date(2027, 1, 9), CAL) == "closed"  # Saturday
    assert round_table_problem(call, date(2027, 1, 13), CAL) == "days"
    assert round_table_problem(date(2027, 3, 24), date(2027, 3, 25), CAL) == "closed"  # Maundy Th.
    assert (
        round_table_problem(date(2027, 12, 21), date(2027, 12, 24), CAL) == "closed"
    )  # team closed
    assert round_table_problem(call, date(2027, 1, 8), CAL) is None
    assert not round_table_ok(call, date(2027, 1, 10), CAL)


def test_a_request_before_the_first_day_of_absence_is_refused() -> None:
    with pytest.raises(RequestBeforeAbsence):
        check_request(date(2027, 3, 21), date(2027, 3, 22))
    check_request(date(2027, 3, 22), date(2027, 3, 22))
    check_request(date(2027, 3, 21), None)
    check_request(None, date(2027, 3, 22))
