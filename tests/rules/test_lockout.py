from datetime import UTC, datetime, timedelta

from rules.lockout import locked_until

T0 = datetime(2027, 1, 4, 9, 0, tzinfo=UTC)


def minutes(*ms: int) -> list[datetime]:
    return [T0 + timedelta(minutes=m) for m in ms]


def test_five_failures_within_fifteen_minutes_lock_for_fifteen_minutes() -> None:
    failures = minutes(0, 1, 2, 3, 14)
    assert locked_until(failures, T0 + timedelta(minutes=14)) == T0 + timedelta(minutes=29)
    assert locked_until(failures, T0 + timedelta(minutes=28)) is not None
    assert locked_until(failures, T0 + timedelta(minutes=29)) is None


def test_four_failures_or_five_spread_out_do_not_lock() -> None:
    assert locked_until(minutes(0, 1, 2, 3), T0 + timedelta(minutes=4)) is None
    assert locked_until(minutes(0, 1, 2, 3, 16), T0 + timedelta(minutes=16)) is None


def test_after_the_lock_one_more_failure_does_not_lock_again() -> None:
    failures = minutes(0, 1, 2, 3, 4, 30)
    assert locked_until(failures, T0 + timedelta(minutes=30)) is None
