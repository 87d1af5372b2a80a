"""The one time source. Everything that needs 'now' gets a Clock, so tests can move time."""

import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """Aware UTC time."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


@dataclass
class FakeClock:
    """Stands still where it is set, unless told to run: then it moves on at the wall clock's
    pace from there (for waits that must really pass, such as a 429's Retry-After)."""

    current: datetime = field(default_factory=lambda: datetime(2027, 1, 4, 9, 0, tzinfo=UTC))
    _running_since: float | None = None

    def now(self) -> datetime:
        if self._running_since is None:
            return self.current
        return self.current + timedelta(seconds=time.monotonic() - self._running_since)

    def set(self, when: datetime) -> None:
        self.current = when.astimezone(UTC)
        if self._running_since is not None:
            self._running_since = time.monotonic()

    def advance(self, delta: timedelta) -> None:
        self.set(self.now() + delta)

    def run(self) -> None:
        self.current, self._running_since = self.now(), time.monotonic()
