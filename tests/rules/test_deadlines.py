from datetime import date

import pytest

from rules.deadlines import deadlines, remind_on, round_table_ok
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
    assert remind_on(date(2027, 1, 3), CAL) == date(2026, 12, 29)  # a Sunday deadline


def test_round_table_one_to_seven_days_after_the_call() -> None:
    assert round_table_ok(date(2027, 1, 4), date(2027, 1, 5))
    assert round_table_ok(date(2027, 1, 4), date(2027, 1, 11))
    assert not round_table_ok(date(2027, 1, 4), date(2027, 1, 4))
    assert not round_table_ok(date(2027, 1, 4), date(2027, 1, 13))
