"""Engine, sessions and migrations for SQLite (embedded default) and PostgreSQL."""

import contextlib
import functools
import re
import time
import weakref
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import event, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import DBAPIError, DisconnectionError
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import Session

from store import sqlite_inline
from store.writer_lock import WriterLock

if TYPE_CHECKING:  # alembic is imported when a schema is migrated, not on every start-up
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"


# SQLite has one writer at a time. A transaction that reads and then writes while another
# writes fails ("database is locked") however long it waits, so every SQLite transaction
# starts as a writer (BEGIN IMMEDIATE), and transactions of one process queue on a lock of
# the event loop (store/writer_lock.py: turns before background work) rather than in
# SQLite's polling busy handler. Other processes (the CLI) are waited for
# with asyncio sleeps (store/sqlite_inline.py), never by blocking the event loop.
_SQLITE_TURNS: "weakref.WeakKeyDictionary[AsyncEngine, WriterLock]" = weakref.WeakKeyDictionary()


# PostgreSQL connections the pool keeps open, and never more: a unit that finds them all in
# use waits for one. (Connections beyond the pool's, as SQLAlchemy's overflow opens them, are
# closed when handed back, and opening one costs the bot a TLS attempt, a handshake and its
# statements prepared again, and the server a new backend process: #17.) The server's app
# passes enough for the turns it lets in at once and its background work.
KEPT_CONNECTIONS = 10
# How long an SQLite unit waits for another process's write lock (the CLI's) before it fails
# as busy (a write race, which the runner tries again).
BUSY_SECONDS = 30.0


def create_engine(
    url: str, kept: int = KEPT_CONNECTIONS, busy_seconds: float = BUSY_SECONDS
) -> AsyncEngine:
    # hide_parameters: a failing statement must not put message texts or names in the log.
    if url.startswith("sqlite"):
        path = make_url(url).database or ":memory:"
        engine = create_async_engine(
            url,
            async_creator=sqlite_inline.connector(path, busy_seconds),
            hide_parameters=True,
        )
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        event.listen(engine.sync_engine, "begin", _begin_immediate)
        _SQLITE_TURNS[engine] = WriterLock()
        return engine
    from store import pg_lazy_begin  # the PostgreSQL dialect, only when it is used

    # READ COMMITTED explicitly, whatever the server's default: reads before a unit's first
    # write run outside its transaction (store/pg_lazy_begin.py), which is the same only there.
    engine = create_async_engine(
        url,
        pool_size=kept,
        max_overflow=0,
        # The connection used last goes out first: it has the statements prepared and was
        # not idle (#17); the others stay idle until a burst needs them.
        pool_use_lifo=True,
        hide_parameters=True,
        isolation_level="READ COMMITTED",
    )
    event.listen(engine.sync_engine.pool, "connect", pg_lazy_begin.install)
    event.listen(engine.sync_engine.pool, "connect", pg_lazy_begin.unseal)
    event.listen(engine.sync_engine.pool, "checkin", pg_lazy_begin.unseal)
    event.listen(engine.sync_engine.pool, "connect", _checked_in)  # new: no ping needed
    event.listen(engine.sync_engine.pool, "checkin", _checked_in)
    event.listen(engine.sync_engine.pool, "checkout", _ping_if_idle(engine))
    return engine


# A pooled PostgreSQL connection is pinged before use only when it has been idle this long.
# SQLAlchemy's pool_pre_ping pings on every checkout: with asyncpg that is BEGIN, `;` and
# ROLLBACK, three round trips of a `vagt` turn's seven. A connection in steady use was
# just used; one left idle (overnight, across a server restart) is checked as before.
IDLE_BEFORE_PING = 5.0


def _checked_in(_dbapi_conn: Any, record: Any) -> None:
    record.info["idle_since"] = time.monotonic()


def _ping_if_idle(engine: AsyncEngine) -> Any:
    dialect = engine.dialect

    def checkout(dbapi_conn: Any, record: Any, _proxy: Any) -> None:
        idle_since = record.info.get("idle_since")
        if idle_since is not None and time.monotonic() - idle_since < IDLE_BEFORE_PING:
            return
        try:
            alive = dialect.do_ping(dbapi_conn)
        except Exception as error:  # any failure to answer: use another connection
            raise DisconnectionError(str(error)) from error
        if alive is False:
            raise DisconnectionError("no answer to a ping")

    return checkout


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # WAL lets readers of other processes work during a write; synchronous=NORMAL (the WAL
    # recommendation) syncs at checkpoints, not on every commit: a killed process loses
    # nothing, a power cut may lose the last commits.
    dbapi_conn.isolation_level = None  # the driver's own BEGIN would be a deferred one
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _begin_immediate(conn: Connection) -> None:
    # Straight to the driver's cursor (store/sqlite_inline.py, which waits out another
    # process's lock): SQLAlchemy's statement path (an execution context, a result, the
    # statement events) for a statement that returns nothing was 45 of the 1,351 Python calls
    # of a `vagt` turn (#17). Its failure is what that path made of it, SQLAlchemy's error: the
    # runner tells a busy database by it and tries again. (A dead connection is dropped when
    # the failed unit hands it back: the pool's rollback on return fails on it.)
    driver = conn.connection.dbapi_connection
    assert driver is not None  # a connection in a begin event is checked out
    errors = conn.dialect.loaded_dbapi.Error  # sqlite3.Error
    cursor = None
    try:
        cursor = driver.cursor()
        cursor.execute("BEGIN IMMEDIATE")
    except errors as error:
        raise DBAPIError.instance(
            "BEGIN IMMEDIATE", None, error, errors, hide_parameters=True, dialect=conn.dialect
        ) from error
    finally:
        if cursor is not None:
            with contextlib.suppress(errors, ValueError):  # the error above says why
                cursor.close()


def sessions(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


@asynccontextmanager
async def unit_of_work(factory: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    """One transaction: committed when the block ends, rolled back if it raises."""
    lock = _SQLITE_TURNS.get(factory.kw["bind"])
    if lock is None:
        async with factory() as session, session.begin():
            yield session
        return
    async with lock:
        session = factory()  # it begins at its first statement (BEGIN IMMEDIATE)
        try:
            yield session
        except BaseException:
            await session.close()  # rolls back
            raise
        await session.run_sync(_commit_and_close)


def _commit_and_close(session: Session) -> None:
    """An SQLite unit's end, in one hand-over to SQLAlchemy's sync side where `begin()`,
    `commit()` and AsyncSession's exit took three (#17). AsyncSession's exit also closes in a
    task of its own, shielded from cancellation, at the cost of a loop round; an SQLite
    session's close runs on the loop without waiting (store/sqlite_inline.py), so there is no
    point at which a cancellation could stop it half-way."""
    try:
        session.commit()
    finally:
        session.close()


def alembic_config(url: str = "") -> "Config":
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if url:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


async def upgrade(engine: AsyncEngine) -> None:
    """Bring the schema to the newest migration (idempotent). A database already at the head
    is told by one query, without importing alembic (a third of start-up)."""
    async with engine.begin() as conn:
        if await _revision(conn) != head_revision():
            await conn.run_sync(_upgrade_sync)


async def _revision(conn: AsyncConnection) -> str | None:
    try:
        async with conn.begin_nested():
            found = await conn.scalar(text("SELECT version_num FROM alembic_version"))
    except DBAPIError:  # a new database: no version table yet
        return None
    return str(found) if found is not None else None


_REVISION = re.compile(r'^(down_revision|revision)\b[^=]*=\s*"?(\w+|None)"?', re.MULTILINE)


@functools.cache
def head_revision() -> str:
    """The migration no other migration builds on."""
    revisions: set[str] = set()
    bases: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        found = {m[1]: m[2] for m in _REVISION.finditer(path.read_text())}
        revisions.add(found["revision"])
        bases.add(found["down_revision"])
    (head,) = revisions - bases
    return head


def _upgrade_sync(conn: Connection) -> None:
    cfg = alembic_config()
    cfg.attributes["connection"] = conn
    from alembic import command

    command.upgrade(cfg, "head")


async def is_reachable(engine: AsyncEngine) -> bool:
    try:
        async with engine.connect() as conn:
            await conn.execute(text("SELECT 1"))
    except Exception:
        return False
    return True
