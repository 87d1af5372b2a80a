"""SQLite without a thread hop per statement (#17).

aiosqlite runs every call of a connection on its own thread and hands each result back through
a queue and the event loop: about 45 queue puts and 110 loop rounds for one case turn, and the
turns of a process wait for each other's transactions anyway (store/db.py). A statement on a
local SQLite file takes tens of microseconds, less than the hop itself, so this connection keeps
aiosqlite's API (SQLAlchemy's aiosqlite dialect drives it unchanged) but runs each call right
here on the event loop.

Waiting for another process's write lock (the CLI's) must not block the loop: SQLite's own busy
handler is off, and a call refused with SQLITE_BUSY (it did nothing) is retried after an
asyncio sleep until `busy_seconds` have passed.
"""

import asyncio
import sqlite3
import time
from collections.abc import Callable
from typing import Any

import aiosqlite


class _RunAtOnce:
    """The worker queue's API for callers that put work on it directly (SQLAlchemy's
    isolation_level setter): the work runs when it is put."""

    def put_nowait(self, item: tuple[asyncio.Future[Any] | None, Callable[[], Any]]) -> None:
        future, function = item
        try:
            result = function()
        except BaseException as error:
            if future is not None and not future.done():
                future.set_exception(error)
            return
        if future is not None and not future.done():
            future.set_result(result)


class InlineConnection(aiosqlite.Connection):
    def __init__(self, connector: Callable[[], sqlite3.Connection], busy_seconds: float) -> None:
        super().__init__(connector, iter_chunk_size=64)
        self._tx = _RunAtOnce()  # type: ignore[assignment]
        self._busy_seconds = busy_seconds

    async def _execute(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        if not self._running or not self._connection:
            raise ValueError("Connection closed")
        give_up = time.monotonic() + self._busy_seconds
        pause = 0.001
        while True:
            try:
                return fn(*args, **kwargs)
            except sqlite3.OperationalError as error:
                # The primary code (the low byte): SQLITE_BUSY_RECOVERY and kin are busy too.
                # Retrying is safe because a refused call did nothing, and a transaction only
                # meets the lock at its BEGIN IMMEDIATE (store/db.py), never half-way through.
                busy = error.sqlite_errorcode & 0xFF == sqlite3.SQLITE_BUSY
                if not busy or time.monotonic() > give_up:
                    raise
            await asyncio.sleep(pause)
            pause = min(pause * 2, 0.05)

    async def _connect(self) -> "InlineConnection":
        if self._connection is None:
            self._connection = self._connector()
        return self

    def stop(self) -> None:
        self._running = False
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    async def close(self) -> None:
        self.stop()


def connector(path: str, busy_seconds: float) -> Callable[[], "Any"]:
    """An async_creator for SQLAlchemy: a new inline connection to the file at `path`."""

    async def connect() -> InlineConnection:
        def open_file() -> sqlite3.Connection:
            # isolation_level=None: no implicit BEGIN by the driver (store/db.py begins
            # IMMEDIATE itself); timeout=0: waiting is _execute's business, not the loop's.
            return sqlite3.connect(path, timeout=0, isolation_level=None, check_same_thread=False)

        return await InlineConnection(open_file, busy_seconds)._connect()

    return connect
