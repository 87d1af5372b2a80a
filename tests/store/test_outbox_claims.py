"""How a claim's sends ended is recorded together (one statement on PostgreSQL), each outcome
as it says, and only while the message is still the claim it was sent under: a sender that
stalled past its lease leaves alone the claim that took the message over."""

from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from store.db import unit_of_work
from store.models import OutboxMessage
from store.outbox import Outcome, Queued
from store.store import Store

NOW = datetime(2027, 1, 4, 8, tzinfo=UTC)
LEASE = timedelta(minutes=2)
LATER = NOW + LEASE + timedelta(seconds=1)

Factory = async_sessionmaker[AsyncSession]


async def _queued(factory: Factory, *keys: str) -> None:
    async with unit_of_work(factory) as session:
        for key in keys:
            await Store(session).outbox.queue(Queued(key, None, "notice", "member:1", {}), NOW)


async def _claim(factory: Factory, at: datetime, limit: int = 1) -> list[OutboxMessage]:
    async with unit_of_work(factory) as session:
        return await Store(session).outbox.claim_due(at, LEASE, limit)


async def _finish(factory: Factory, *outcomes: Outcome) -> None:
    async with unit_of_work(factory) as session:
        await Store(session).outbox.finish(outcomes, LATER)


async def _row(factory: Factory, message_id: int) -> OutboxMessage:
    async with unit_of_work(factory) as session:
        row = await Store(session).outbox.get(message_id)
        assert row is not None
        return row


async def test_each_outcome_of_a_claim_is_recorded_as_it_says(factory: Factory) -> None:
    await _queued(factory, "a", "b", "c")
    sent, later, gone = await _claim(factory, NOW, limit=3)
    retry_at = LATER + timedelta(minutes=5)
    await _finish(
        factory,
        Outcome(sent.id, sent.attempts, "sent", activity_id="act-1"),
        Outcome(later.id, later.attempts, "pending", "429", next_try_at=retry_at),
        Outcome(gone.id, gone.attempts, "dead", "404"),
    )
    rows = [await _row(factory, m.id) for m in (sent, later, gone)]
    assert [(r.status, r.last_error, r.activity_id, r.lease_until) for r in rows] == [
        ("sent", None, "act-1", None),
        ("pending", "429", None, None),
        ("dead", "404", None, None),
    ]
    assert [r.sent_at for r in rows] == [LATER, None, None]
    assert [r.next_try_at for r in rows] == [NOW, retry_at, NOW]


async def test_a_stalled_senders_outcome_leaves_the_new_claim_alone(factory: Factory) -> None:
    await _queued(factory, "k")
    [stalled] = await _claim(factory, NOW)
    [took_over] = await _claim(factory, LATER)
    assert (stalled.attempts, took_over.attempts) == (1, 2)
    await _finish(factory, Outcome(stalled.id, stalled.attempts, "sent", activity_id="old"))
    row = await _row(factory, stalled.id)
    assert (row.status, row.activity_id) == ("pending", None)
    assert row.lease_until is not None
    await _finish(factory, Outcome(took_over.id, took_over.attempts, "sent", activity_id="new"))
    row = await _row(factory, stalled.id)
    assert (row.status, row.activity_id, row.lease_until) == ("sent", "new", None)
