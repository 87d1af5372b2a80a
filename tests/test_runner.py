"""Which database errors the turn runner retries as write races: real errors from both drivers."""

import asyncio

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from bot.runner import _is_race
from store.db import create_engine

TABLE = "CREATE TABLE race_probe (id INTEGER PRIMARY KEY, k TEXT NOT NULL UNIQUE, n INTEGER)"


async def probe_table(url: str) -> AsyncEngine:
    engine = create_engine(url)
    async with engine.begin() as conn:
        await conn.execute(text(TABLE))
        await conn.execute(text("INSERT INTO race_probe (id, k, n) VALUES (1, 'a', 0)"))
    return engine


async def error_of(engine: AsyncEngine, sql: str) -> DBAPIError:
    with pytest.raises(DBAPIError) as caught:
        async with engine.begin() as conn:
            await conn.execute(text(sql))
    return caught.value


async def test_unique_and_primary_key_violations_are_races(db_url: str) -> None:
    engine = await probe_table(db_url)
    try:
        unique = await error_of(engine, "INSERT INTO race_probe (id, k) VALUES (2, 'a')")
        primary = await error_of(engine, "INSERT INTO race_probe (id, k) VALUES (1, 'b')")
        assert _is_race(unique)
        assert _is_race(primary)
    finally:
        await engine.dispose()


async def test_other_constraint_and_statement_errors_are_not(db_url: str) -> None:
    engine = await probe_table(db_url)
    try:
        # An IntegrityError, yet trying again can only fail again.
        assert not _is_race(await error_of(engine, "INSERT INTO race_probe (id) VALUES (3)"))
        assert not _is_race(await error_of(engine, "SELECT * FROM no_such_table"))
    finally:
        await engine.dispose()


async def test_sqlite_busy_is_a_race(sqlite_url: str) -> None:
    holder = await probe_table(sqlite_url)
    # A second process's view of the file, which gives up at once instead of after 30 s.
    other = create_async_engine(sqlite_url, connect_args={"timeout": 0})
    try:
        async with holder.begin() as conn:  # BEGIN IMMEDIATE: holds the write lock
            await conn.execute(text("UPDATE race_probe SET n = 1"))
            busy = await error_of(other, "BEGIN IMMEDIATE")
        assert "locked" in str(busy.orig)
        assert _is_race(busy)
    finally:
        await other.dispose()
        await holder.dispose()


async def test_postgres_serialization_failure_and_deadlock_are_races(pg_url: str) -> None:
    engine = await probe_table(pg_url)
    async with engine.begin() as conn:
        await conn.execute(text("INSERT INTO race_probe (id, k, n) VALUES (2, 'b', 0)"))
    try:
        # Serialization failure: a repeatable-read transaction updates a row changed since.
        with pytest.raises(DBAPIError) as serialization:
            async with engine.connect() as a:
                a = await a.execution_options(isolation_level="REPEATABLE READ")
                async with a.begin():
                    await a.execute(text("SELECT n FROM race_probe WHERE id = 1"))
                    async with engine.begin() as b:
                        await b.execute(text("UPDATE race_probe SET n = 1 WHERE id = 1"))
                    await a.execute(text("UPDATE race_probe SET n = 2 WHERE id = 1"))
        assert _is_race(serialization.value)

        # Deadlock: each transaction holds the row the other one wants.
        both_locked = asyncio.Barrier(2)

        async def lock(first: int, second: int) -> None:
            async with engine.begin() as conn:
                await conn.execute(text(f"UPDATE race_probe SET n = n + 1 WHERE id = {first}"))
                await both_locked.wait()
                await conn.execute(text(f"UPDATE race_probe SET n = n + 1 WHERE id = {second}"))

        outcomes = await asyncio.gather(lock(1, 2), lock(2, 1), return_exceptions=True)
        errors = [o for o in outcomes if isinstance(o, DBAPIError)]
        assert len(errors) == 1
        assert _is_race(errors[0])
    finally:
        await engine.dispose()
