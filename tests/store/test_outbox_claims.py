"""A send's outcome is recorded only while the message is still the claim it was sent under: a
sender that stalled past its lease leaves alone the claim that took the message over."""

from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from store.db import unit_of_work
from store.models import OutboxMessage
from store.outbox import Queued
from store.store import Store

NOW = datetime(2027, 1, 4, 8, tzinfo=UTC)
LEASE = timedelta(minutes=2)


async def _claim(factory: async_sessionmaker[AsyncSession], at: datetime) -> OutboxMessage:
    async with unit_of_work(factory) as session:
        [claimed] = await Store(session).outbox.claim_due(at, LEASE, 1)
        return claimed


async def _finish(
    factory: async_sessionmaker[AsyncSession], claimed: OutboxMessage, at: datetime
) -> tuple[str, datetime | None]:
    async with unit_of_work(factory) as session:
        outbox = Store(session).outbox
        await outbox.finish(claimed.id, claimed.attempts, "sent", at, activity_id="a")
    async with unit_of_work(factory) as session:
        row = await Store(session).outbox.get(claimed.id)
        assert row is not None
        return row.status, row.lease_until


async def test_a_stalled_senders_outcome_leaves_the_new_claim_alone(
    factory: async_sessionmaker[AsyncSession],
) -> None:
    async with unit_of_work(factory) as session:
        await Store(session).outbox.queue(Queued("k", None, "notice", "member:1", {}), NOW)
    stalled = await _claim(factory, NOW)
    later = NOW + LEASE + timedelta(seconds=1)
    took_over = await _claim(factory, later)
    assert (stalled.attempts, took_over.attempts) == (1, 2)
    status, lease = await _finish(factory, stalled, later)
    assert status == "pending" and lease is not None
    assert await _finish(factory, took_over, later) == ("sent", None)
