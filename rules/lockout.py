"""When too many wrong join codes lock a person out: 5 within 15 minutes lock for 15 minutes."""

from collections.abc import Sequence
from datetime import datetime, timedelta

MAX_FAILURES = 5
WINDOW = timedelta(minutes=15)
LOCKED_FOR = timedelta(minutes=15)


def locked_until(failures: Sequence[datetime], now: datetime) -> datetime | None:
    """The end of the lock-out if `failures` (the times of wrong codes; attempts made while
    locked are not counted) lock the person out at `now`, else None.

    The lock starts at the failure that made `MAX_FAILURES` within `WINDOW` and lasts
    `LOCKED_FOR`; after it, a person needs a fresh run of failures to be locked again."""
    latest = sorted(failures, reverse=True)[:MAX_FAILURES]
    if len(latest) < MAX_FAILURES or latest[0] - latest[-1] > WINDOW:
        return None
    until = latest[0] + LOCKED_FOR
    return until if until > now else None
