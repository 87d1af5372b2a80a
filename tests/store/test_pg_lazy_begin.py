"""PostgreSQL units of work begin their transaction at the first write (store/pg_lazy_begin.py):
a unit that only reads sends no BEGIN or COMMIT, and a unit that writes is as atomic as before."""

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncEngine

from store.db import create_engine, sessions, unit_of_work
from store.outbox import Outcome, Queued
from store.pg_lazy_begin import WroteAfterSoleWrite, plain_select
from store.sole_write import SOLE_WRITE
from store.store import Store

PROBE = "CREATE TABLE begin_probe (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)"


class Sent:
    """What asyncpg sends outside prepared statements: BEGIN, COMMIT, ROLLBACK."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.queries: list[str] = []
        event.listen(engine.sync_engine.pool, "connect", self._watch)

    def _watch(self, dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn._connection.add_query_logger(lambda q: self.queries.append(q.query))

    def control(self) -> list[str]:
        """BEGIN, COMMIT and ROLLBACK as sent (not asyncpg's own look-ups of array types)."""
        words = (q.split()[0].rstrip(";") for q in self.queries if q.strip())
        return [w for w in words if w in ("BEGIN", "COMMIT", "ROLLBACK")]


@pytest.fixture
async def engine(pg_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(pg_url)
    async with engine.begin() as conn:
        await conn.execute(text(PROBE))
        await conn.execute(text("INSERT INTO begin_probe VALUES (1, 0)"))
    await engine.dispose()  # new connections from here on, each seen by Sent
    yield engine
    await engine.dispose()


async def _n(engine: AsyncEngine, id_: int = 1) -> int | None:
    async with unit_of_work(sessions(engine)) as session:
        found = await session.scalar(text("SELECT n FROM begin_probe WHERE id = :i"), {"i": id_})
        return None if found is None else int(found)


async def test_a_unit_that_only_reads_sends_no_begin_or_commit(engine: AsyncEngine) -> None:
    sent = Sent(engine)
    for _ in range(3):
        async with unit_of_work(sessions(engine)) as session:
            assert await session.scalar(text("SELECT n FROM begin_probe WHERE id = 1")) == 0
            assert await session.scalar(text("SELECT count(*) FROM begin_probe")) == 1
    assert sent.control() == []


async def test_a_unit_begins_at_its_first_write_and_commits_once(engine: AsyncEngine) -> None:
    sent = Sent(engine)
    async with unit_of_work(sessions(engine)) as session:
        await session.execute(text("SELECT n FROM begin_probe WHERE id = 1"))
        assert sent.control() == []
        await session.execute(text("UPDATE begin_probe SET n = n + 1 WHERE id = 1"))
        # after the write, a read is inside the transaction: now() is the transaction's start
        inside = await session.scalar(text("SELECT now() < statement_timestamp()"))
        assert inside is True
    assert sent.control() == ["BEGIN", "COMMIT"]
    assert await _n(engine) == 1


async def test_a_write_and_a_raise_after_it_leave_nothing(engine: AsyncEngine) -> None:
    with pytest.raises(RuntimeError):
        async with unit_of_work(sessions(engine)) as session:
            assert await session.scalar(text("SELECT n FROM begin_probe WHERE id = 1")) == 0
            await session.execute(text("UPDATE begin_probe SET n = 5 WHERE id = 1"))
            await session.execute(text("INSERT INTO begin_probe VALUES (2, 7)"))
            # the unit's own writes are visible to its later reads
            assert await session.scalar(text("SELECT n FROM begin_probe WHERE id = 2")) == 7
            raise RuntimeError("the turn fails after its writes")
    assert await _n(engine) == 0
    assert await _n(engine, 2) is None


async def test_a_locking_read_begins_the_transaction(engine: AsyncEngine) -> None:
    sent = Sent(engine)
    async with unit_of_work(sessions(engine)) as session:
        await session.execute(text("SELECT n FROM begin_probe WHERE id = 1 FOR UPDATE"))
        assert sent.control() == ["BEGIN"]
    assert sent.control() == ["BEGIN", "COMMIT"]


async def test_repeatable_read_keeps_every_read_in_the_transaction(engine: AsyncEngine) -> None:
    sent = Sent(engine)
    async with engine.connect() as conn:
        conn = await conn.execution_options(isolation_level="REPEATABLE READ")
        async with conn.begin():
            await conn.execute(text("SELECT n FROM begin_probe"))
            assert sent.control()[-1:] == ["BEGIN"]


SOLE = (
    "WITH bumped AS (UPDATE begin_probe SET n = n + 1 WHERE id = 1 RETURNING n)"
    f" SELECT {SOLE_WRITE} n FROM bumped"
)


async def test_a_sole_write_runs_without_begin_or_commit(engine: AsyncEngine) -> None:
    sent = Sent(engine)
    async with unit_of_work(sessions(engine)) as session:
        assert await session.scalar(text("SELECT n FROM begin_probe WHERE id = 1")) == 0
        assert await session.scalar(text(SOLE)) == 1
        assert await session.scalar(text("SELECT n FROM begin_probe WHERE id = 1")) == 1
    assert sent.control() == []
    assert await _n(engine) == 1


async def test_a_write_after_a_sole_write_is_refused_and_not_kept(engine: AsyncEngine) -> None:
    with pytest.raises(WroteAfterSoleWrite):
        async with unit_of_work(sessions(engine)) as session:
            await session.execute(text(SOLE))
            await session.execute(text("INSERT INTO begin_probe VALUES (2, 7)"))
    assert await _n(engine) == 1  # the sole write is one statement, committed by itself
    assert await _n(engine, 2) is None
    # the connection's next unit is a new one (not sealed): it writes as usual
    async with unit_of_work(sessions(engine)) as session:
        await session.execute(text("INSERT INTO begin_probe VALUES (3, 1)"))
    assert await _n(engine, 3) == 1


async def test_several_rows_written_after_a_sole_write_are_refused_too(
    engine: AsyncEngine,
) -> None:
    """Two parameter sets go through asyncpg's executemany, not one statement: an audit batch
    after a take would otherwise commit in a transaction of its own."""
    with pytest.raises(WroteAfterSoleWrite):
        async with unit_of_work(sessions(engine)) as session:
            await session.execute(text(SOLE))
            await session.execute(
                text("INSERT INTO begin_probe VALUES (:id, :n)"),
                [{"id": 2, "n": 7}, {"id": 3, "n": 8}],
            )
    assert await _n(engine) == 1
    assert await _n(engine, 2) is None and await _n(engine, 3) is None


async def test_a_sole_write_after_another_write_runs_in_the_transaction(
    engine: AsyncEngine,
) -> None:
    sent = Sent(engine)
    with pytest.raises(RuntimeError):
        async with unit_of_work(sessions(engine)) as session:
            await session.execute(text("INSERT INTO begin_probe VALUES (2, 7)"))
            await session.execute(text(SOLE))
            raise RuntimeError("the turn fails after its writes")
    assert sent.control() == ["BEGIN", "ROLLBACK"]
    assert await _n(engine) == 0 and await _n(engine, 2) is None


@pytest.mark.parametrize(
    ("sql", "reads"),
    [
        ("SELECT a FROM t WHERE b = $1", True),
        ("\n  select a from t", True),
        ("SELECT a FROM t FOR UPDATE", False),
        ("SELECT a FROM t FOR NO KEY UPDATE OF t SKIP LOCKED", False),
        ("SELECT a FROM t FOR SHARE", False),
        ("SELECT a FROM t FOR KEY SHARE", False),
        ("SELECT a INTO u FROM t", False),
        ("SELECT nextval('s')", False),
        ("SELECT pg_advisory_xact_lock(1)", False),
        ("SELECT set_config('x', '1', true)", False),
        ("WITH x AS (UPDATE t SET a = 1 RETURNING a) SELECT a FROM x", False),
        ("INSERT INTO t VALUES (1)", False),
        ("SAVEPOINT sa_savepoint_1", False),
        ("SET LOCAL statement_timeout = 1", False),
    ],
)
def test_only_plain_selects_run_before_the_transaction(sql: str, reads: bool) -> None:
    assert plain_select(sql) is reads


async def test_a_sends_outcome_is_one_statement_without_begin_or_commit(
    engine: AsyncEngine,
) -> None:
    """The outbox sender records a claim's outcomes in a unit of their own (#17)."""
    now = datetime(2027, 1, 4, 8, tzinfo=UTC)
    sent = Sent(engine)
    async with unit_of_work(sessions(engine)) as session:
        await Store(session).outbox.queue(Queued("k", None, "notice", "member:1", {}), now)
    async with unit_of_work(sessions(engine)) as session:
        [claimed] = await Store(session).outbox.claim_due(now, timedelta(minutes=2), 1)
    assert sent.control() == ["BEGIN", "COMMIT"] * 2
    async with unit_of_work(sessions(engine)) as session:
        sent_now = Outcome(claimed.id, claimed.attempts, "sent", activity_id="a1")
        await Store(session).outbox.finish([sent_now], now)
    assert sent.control() == ["BEGIN", "COMMIT"] * 2
    async with unit_of_work(sessions(engine)) as session:
        row = await Store(session).outbox.get(claimed.id)
        assert row is not None
        assert (row.status, row.activity_id, row.lease_until) == ("sent", "a1", None)
