"""The one time source. Everything that needs 'now' gets a Clock, so tests can move time."""

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
    current: datetime = field(default_factory=lambda: datetime(2027, 1, 4, 9, 0, tzinfo=UTC))

    def now(self) -> datetime:
        return self.current

    def set(self, when: datetime) -> None:
        self.current = when.astimezone(UTC)

    def advance(self, delta: timedelta) -> None:
        self.current += delta
