"""An SQLite unit of work is a writer from its first statement (store/db.py: BEGIN IMMEDIATE),
and waiting for another process's write lock (the CLI's) never blocks the event loop."""

import asyncio
import sqlite3

import pytest
from sqlalchemy import make_url, text
from sqlalchemy.exc import DBAPIError, OperationalError

from bot.runner import _is_race
from store.db import create_engine, sessions, unit_of_work


def _other_process(url: str) -> sqlite3.Connection:
    """Another process's view of the file, which is refused at once instead of waiting."""
    return sqlite3.connect(make_url(url).database or "", timeout=0, isolation_level=None)


async def test_a_unit_that_has_only_read_holds_the_write_lock(sqlite_url: str) -> None:
    engine = create_engine(sqlite_url)
    other = _other_process(sqlite_url)
    try:
        async with unit_of_work(sessions(engine)) as session:
            await session.execute(text("SELECT 1"))
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")  # the unit has ended: the lock is free
        other.execute("ROLLBACK")
    finally:
        other.close()
        await engine.dispose()


async def test_a_unit_waits_for_another_process_without_blocking_the_loop(
    sqlite_url: str,
) -> None:
    engine = create_engine(sqlite_url)
    other = _other_process(sqlite_url)
    ticks = 0

    async def tick() -> None:
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0.005)

    async def unit() -> int:
        async with unit_of_work(sessions(engine)) as session:
            return int(await session.scalar(text("SELECT 1")) or 0)

    ticker = asyncio.create_task(tick())
    try:
        other.execute("BEGIN IMMEDIATE")
        waiting = asyncio.create_task(unit())
        await asyncio.sleep(0.2)
        assert not waiting.done()  # it waits for the other process's lock ...
        assert ticks >= 10  # ... while the loop goes on
        other.execute("ROLLBACK")
        assert await asyncio.wait_for(waiting, 5) == 1
    finally:
        ticker.cancel()
        other.close()
        await engine.dispose()


async def test_a_unit_that_waits_too_long_fails_as_a_race(
    sqlite_url: str,
) -> None:
    engine = create_engine(sqlite_url, busy_seconds=0.1)
    other = _other_process(sqlite_url)
    try:
        other.execute("BEGIN IMMEDIATE")
        with pytest.raises(OperationalError) as busy:  # SQLAlchemy's, as the runner expects
            async with unit_of_work(sessions(engine)) as session:
                await session.execute(text("SELECT 1"))
        assert _is_race(busy.value)
        other.execute("ROLLBACK")
        async with unit_of_work(sessions(engine)) as session:  # the next unit goes ahead
            assert await session.scalar(text("SELECT 1")) == 1
    finally:
        other.close()
        await engine.dispose()


async def test_a_connection_found_dead_at_begin_is_replaced(sqlite_url: str) -> None:
    engine = create_engine(sqlite_url)
    try:
        async with engine.connect() as conn:
            driver = (await conn.get_raw_connection()).driver_connection
        driver._connection.close()  # type: ignore[union-attr]  # the pooled one, underneath
        with pytest.raises(DBAPIError):  # SQLAlchemy's error, not the driver's
            async with unit_of_work(sessions(engine)) as session:
                await session.execute(text("SELECT 1"))
        async with unit_of_work(sessions(engine)) as session:  # on a new connection
            assert await session.scalar(text("SELECT 1")) == 1
    finally:
        await engine.dispose()
