"""Per-person flood control: after N messages in a window, one 'slow down', then silence.

Kept in memory on purpose: it protects one process for seconds, and losing it on restart
costs nothing.
"""

from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta


@dataclass
class _Window:
    times: deque[datetime] = field(default_factory=deque)
    warned: bool = False


class RateLimiter:
    def __init__(self, limit: int, seconds: float) -> None:
        self.limit = limit
        self.window = timedelta(seconds=seconds)
        self._people: dict[str, _Window] = {}

    def check(self, key: str, now: datetime) -> str:
        """'ok', 'warn' (the first message over the limit) or 'drop'."""
        window = self._people.setdefault(key, _Window())
        while window.times and now - window.times[0] >= self.window:
            window.times.popleft()
        if not window.times:
            window.warned = False
        if len(window.times) >= self.limit:
            if window.warned:
                return "drop"
            window.warned = True
            return "warn"
        window.times.append(now)
        if len(self._people) > 10_000:
            self._forget_idle(now)
        return "ok"

    def _forget_idle(self, now: datetime) -> None:
        for key in [
            k for k, w in self._people.items() if not w.times or now - w.times[-1] >= self.window
        ]:
            del self._people[key]
