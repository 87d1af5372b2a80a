"""PostgreSQL: a unit of work begins its transaction at its first write, not its first read (#17).

SQLAlchemy's asyncpg adapter sends BEGIN before a connection's first statement and COMMIT at
the end: two round trips on top of the statements, so a `vagt` turn (two SELECTs) cost four.
Under READ COMMITTED every statement takes its own snapshot whether or not a transaction is
open, so a plain SELECT run before the unit's first write sees exactly what it would see inside
it, and it neither takes nor needs a lock that lasts until COMMIT. Such a SELECT therefore runs
as the adapter's autocommit mode runs it (no BEGIN); the first statement that is anything else
(INSERT, UPDATE, DELETE, WITH …, SAVEPOINT, a SELECT … FOR UPDATE/SHARE or one that calls a
function with side effects) begins the transaction, and everything after it runs inside. The
adapter commits or rolls back only a transaction it started, so a unit that only read costs its
SELECTs and nothing else; a unit that writes is as atomic as before.

Only under READ COMMITTED: under REPEATABLE READ or SERIALIZABLE the snapshot is the first
statement's, so every statement runs in the transaction as before.

A unit whose writes are all one statement needs no transaction around it: PostgreSQL runs a
single statement atomically. A statement marked `SOLE_WRITE` (the intake of a case: claim,
number, case and history in one CTE) that is the unit's first write therefore runs without
BEGIN, and the unit sends no COMMIT. The unit is then sealed: any later statement that is
not a plain SELECT raises `WroteAfterSoleWrite` instead of running outside the transaction
it would have needed, so a path that breaks the promise fails in its tests: the sole write
stays committed, and nothing written after it is kept. The seal lasts until the connection
goes back to the pool, or until the store says the sole write wrote no row (`wrote_nothing`).
"""

import functools
import re
from typing import Any

from sqlalchemy.dialects.postgresql.asyncpg import (
    AsyncAdapt_asyncpg_connection,
    AsyncAdapt_asyncpg_cursor,
)

from store.sole_write import SOLE_WRITE

READ_COMMITTED = "read_committed"  # the adapter's name for the level (its _isolation_lookup)

_SELECT = re.compile(r"\s*SELECT\b", re.IGNORECASE)
# Anything that makes a SELECT more than a read: row locks, SELECT INTO (creates a table), and
# functions that write, lock or change the session. Matched anywhere in the text, so a name in a
# string literal only costs a BEGIN, never a read outside the transaction that needed one.
_NOT_A_READ = re.compile(
    r"\bFOR\s+(?:NO\s+KEY\s+)?UPDATE\b|\bFOR\s+(?:KEY\s+)?SHARE\b|\bINTO\b"
    r"|\b(?:nextval|setval|pg_advisory\w*|pg_try_advisory\w*|set_config|pg_notify"
    r"|lo_\w+|txid_current|pg_current_xact_id)\s*\(",
    re.IGNORECASE,
)


# The connections (by id) whose unit ran its sole write; cleared when one goes back to the pool.
_SEALED: set[int] = set()


class WroteAfterSoleWrite(RuntimeError):
    """A unit wrote again after the statement it promised would be its only write."""


@functools.lru_cache(maxsize=1024)
def _sole_write(operation: str) -> bool:
    return SOLE_WRITE in operation


@functools.lru_cache(maxsize=1024)  # a statement's text is the same on every call
def plain_select(operation: str) -> bool:
    """A statement that only reads, whose result does not depend on an open transaction."""
    return bool(_SELECT.match(operation)) and not _NOT_A_READ.search(operation)


class LazyBeginCursor(AsyncAdapt_asyncpg_cursor):
    __slots__ = ()

    async def _prepare_and_execute(self, operation: Any, parameters: Any) -> None:
        conn = self._adapt_connection
        if id(conn) in _SEALED and not plain_select(operation):
            raise WroteAfterSoleWrite(operation.split(None, 1)[0])
        outside = (
            conn._transaction is None
            and conn.isolation_level == READ_COMMITTED
            and not self.server_side  # asyncpg's cursors exist only inside a transaction
        )
        read_first = outside and plain_select(operation)
        if outside and not read_first and _sole_write(operation):
            _SEALED.add(id(conn))
            read_first = True  # runs as a read does: one statement, committed by itself
        # The adapter skips BEGIN in autocommit mode. A connection runs one statement at a
        # time (the unit of work's session), so nothing else sees the level in between.
        if read_first:
            conn.isolation_level = "autocommit"
        try:
            await super()._prepare_and_execute(operation, parameters)  # type: ignore[no-untyped-call]
        finally:
            if read_first:
                conn.isolation_level = READ_COMMITTED

    async def _executemany(self, operation: Any, seq_of_parameters: Any) -> Any:
        # Several rows at once (an audit batch, an insert of many) are a write too: refused
        # after a sole write like any other, never run in a transaction of their own.
        if id(self._adapt_connection) in _SEALED:
            raise WroteAfterSoleWrite(operation.split(None, 1)[0])
        return await super()._executemany(operation, seq_of_parameters)  # type: ignore[no-untyped-call]


class LazyBeginConnection(AsyncAdapt_asyncpg_connection):
    __slots__ = ()
    _cursor_cls = LazyBeginCursor


def unseal(dbapi_conn: Any, _record: Any) -> None:
    """A pool "checkin" and "connect" listener: the next unit on the connection is new."""
    _SEALED.discard(id(dbapi_conn))


def wrote_nothing(dbapi_conn: Any) -> None:
    """The unit's sole write turned out to write no row (every step of it was conditional on
    one that did not happen): nothing is committed that a later write could part from, so the
    unit may write again, in a transaction of its own as usual."""
    _SEALED.discard(id(dbapi_conn))


def install(dbapi_conn: Any, _record: Any) -> None:
    """A pool "connect" listener: the new connection's cursors begin lazily. The adapter's
    connection has __slots__, so the cursor class comes with a subclass of the same layout."""
    if type(dbapi_conn) is AsyncAdapt_asyncpg_connection:
        dbapi_conn.__class__ = LazyBeginConnection
