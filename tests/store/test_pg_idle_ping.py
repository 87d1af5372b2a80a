"""PostgreSQL connections are pinged before use only after sitting idle (store/db.py): a turn
in steady use pays no ping, and a connection the server dropped is replaced, not failed."""

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

import store.db
from store.db import create_engine
from tests.databases import _admin


async def _drop_connections(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    await _admin(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        f"WHERE datname = '{name}' AND pid <> pg_backend_pid()"
    )


async def _one(engine: store.db.AsyncEngine) -> int:
    async with engine.connect() as conn:
        return int((await conn.execute(text("SELECT 1"))).scalar_one())


async def test_a_connection_in_steady_use_is_not_pinged(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = create_engine(pg_url)
    pings = 0
    real = engine.dialect.do_ping

    def counted(dbapi_conn: object) -> bool:
        nonlocal pings
        pings += 1
        return real(dbapi_conn)

    monkeypatch.setattr(engine.dialect, "do_ping", counted)
    try:
        for _ in range(5):
            assert await _one(engine) == 1
        assert pings == 0
        monkeypatch.setattr(store.db, "IDLE_BEFORE_PING", 0.0)
        assert await _one(engine) == 1
        assert pings == 1
    finally:
        await engine.dispose()


async def _query_after_a_drop(pg_url: str, monkeypatch: pytest.MonkeyPatch, idle: float) -> int:
    """One query, the server dropping the pooled connection, then a query with the pool
    believing the connection had been idle for `idle` seconds."""
    engine = create_engine(pg_url)
    try:
        assert await _one(engine) == 1
        await _drop_connections(pg_url)
        monkeypatch.setattr(store.db, "IDLE_BEFORE_PING", idle)
        return await _one(engine)
    finally:
        await engine.dispose()


async def test_a_dropped_idle_connection_is_replaced(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert await _query_after_a_drop(pg_url, monkeypatch, 0.0) == 1  # as if idle a while


async def test_without_the_ping_a_dropped_connection_fails(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The control: the test above would see the failure if nothing pinged."""
    with pytest.raises(DBAPIError):
        await _query_after_a_drop(pg_url, monkeypatch, 3600.0)
