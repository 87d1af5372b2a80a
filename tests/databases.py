"""Fresh databases for tests: an SQLite file, or a new PostgreSQL database per test.

PostgreSQL is required, not optional: CI must fail when it is unreachable rather than skip.
"""

import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg

from store.db import create_engine, upgrade

PG_HOST = os.environ.get("HOTLINE_TEST_PG_HOST", "127.0.0.1")
PG_PORT = int(os.environ.get("HOTLINE_TEST_PG_PORT", "5432"))
PG_ADMIN_DB = os.environ.get("HOTLINE_TEST_PG_DB", "test")
PG_USER = os.environ.get("HOTLINE_TEST_PG_USER", os.environ.get("PGUSER", "postgres"))

_template: str | None = None


def pg_url(name: str) -> str:
    return f"postgresql+asyncpg://{PG_USER}@{PG_HOST}:{PG_PORT}/{name}"


async def _admin(sql: str) -> None:
    conn = await asyncpg.connect(host=PG_HOST, port=PG_PORT, user=PG_USER, database=PG_ADMIN_DB)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


async def _migrated_template() -> str:
    """One migrated database per test run; every test copies it (much faster than migrating)."""
    global _template
    if _template is None:
        name = f"hotline_tmpl_{uuid.uuid4().hex[:10]}"
        await _admin(f'CREATE DATABASE "{name}"')
        engine = create_engine(pg_url(name))
        await upgrade(engine)
        await engine.dispose()
        _template = name
    return _template


async def drop_template() -> None:
    global _template
    if _template is not None:
        await _admin(f'DROP DATABASE IF EXISTS "{_template}" WITH (FORCE)')
        _template = None


@asynccontextmanager
async def fresh_database(kind: str, tmp_path: os.PathLike[str]) -> AsyncIterator[str]:
    """The URL of an empty, migrated database that is dropped afterwards."""
    if kind == "sqlite":
        url = f"sqlite+aiosqlite:///{os.fspath(tmp_path)}/hotline-{uuid.uuid4().hex[:6]}.sqlite3"
        engine = create_engine(url)
        await upgrade(engine)
        await engine.dispose()
        yield url
        return
    template = await _migrated_template()
    name = f"hotline_test_{uuid.uuid4().hex[:10]}"
    await _admin(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    try:
        yield pg_url(name)
    finally:
        await _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
