"""SQLite's one writer within the process: turns go before background work (#17).

Every SQLite transaction of the process waits for the one before (store/db.py). In plain
arrival order a `vagt` turn at 08:00 waited behind the morning tick's teams and the outbox
sender's outcome writes (up to 16 transactions). Here a waiting turn is let in before any
waiting background work; each kind keeps its own arrival order. Background work is whatever
runs inside `background()`: the scheduler's jobs and the outbox sender's loop.
"""

import asyncio
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from types import TracebackType

BACKGROUND: ContextVar[bool] = ContextVar("hotline_background_work", default=False)


@contextmanager
def background() -> Iterator[None]:
    """The transactions started inside (and by tasks started inside) are background work."""
    token = BACKGROUND.set(True)
    try:
        yield
    finally:
        BACKGROUND.reset(token)


class WriterLock:
    def __init__(self) -> None:
        self._held = False
        self._turns: deque[asyncio.Future[None]] = deque()
        self._background: deque[asyncio.Future[None]] = deque()

    def waiting(self) -> tuple[int, int]:
        """Turns and background units waiting (for tests and diagnostics)."""
        return len(self._turns), len(self._background)

    async def __aenter__(self) -> None:
        if not self._held and not self._turns and not self._background:
            self._held = True
            return
        queue = self._background if BACKGROUND.get() else self._turns
        granted: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        queue.append(granted)
        try:
            await granted
        except asyncio.CancelledError:
            if granted in queue:
                queue.remove(granted)
            elif granted.done() and not granted.cancelled():
                self._release()  # handed over just as we were cancelled: pass it on
            raise

    async def __aexit__(
        self,
        _type: type[BaseException] | None,
        _error: BaseException | None,
        _tb: TracebackType | None,
    ) -> None:
        self._release()

    def _release(self) -> None:
        for queue in (self._turns, self._background):
            while queue:
                granted = queue.popleft()
                if not granted.done():
                    granted.set_result(None)  # still held: now by that waiter
                    return
        self._held = False
