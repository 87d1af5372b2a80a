"""How a claim's sends ended is recorded together (one statement on PostgreSQL), each outcome
as it says, and only while the message is still the claim it was sent under: a sender that
stalled past its lease leaves alone the claim that took the message over."""

import asyncio
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import outbox_sender
from bot.delivery import Destination
from dialogs.plain import Reply
from domain.clock import FakeClock
from store.db import unit_of_work
from store.models import OutboxMessage
from store.outbox import OutboxRepo, Outcome, Queued
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


async def _reachable(_store: object, messages: list[OutboxMessage]) -> list[Destination]:
    return [Destination("http://connector", "t", channel_id="c") for _ in messages]


async def test_a_send_that_ended_is_recorded_while_another_of_its_claim_hangs(
    factory: Factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A crash then repeats only the send that was under way (an independent review found
    finished outcomes waiting for the claim's slowest send when they were recorded at its end)."""

    monkeypatch.setattr(outbox_sender, "_destinations", _reachable)
    async with unit_of_work(factory) as session:
        for key in ("fast1", "fast2", "slow"):
            await Store(session).outbox.enqueue(
                key, None, "n", "member:1", Reply(key).to_payload(), NOW
            )
    delivered: Counter[str] = Counter()
    hang = asyncio.Event()

    async def deliver(_to: Destination, reply: Reply) -> str:
        delivered[reply.text] += 1
        if reply.text == "slow" and delivered["slow"] == 1:
            await hang.wait()
        return "act"

    clock = FakeClock()
    clock.set(NOW)
    sender = outbox_sender.OutboxSender(factory, clock, deliver, lease=LEASE)
    under_way = asyncio.create_task(sender.run_once())
    for _ in range(200):
        async with unit_of_work(factory) as session:
            rows = {m.key: m.status for m in await session.scalars(select(OutboxMessage))}
        if rows == {"fast1": "sent", "fast2": "sent", "slow": "pending"}:
            break
        await asyncio.sleep(0.01)
    assert rows == {"fast1": "sent", "fast2": "sent", "slow": "pending"}
    under_way.cancel()  # the process dies here
    with pytest.raises(asyncio.CancelledError):
        await under_way
    clock.set(LATER)
    await outbox_sender.OutboxSender(factory, clock, deliver, lease=LEASE).run_once()
    assert delivered == {"fast1": 1, "fast2": 1, "slow": 2}


async def test_a_shutdown_waits_for_a_claim_under_way(
    factory: Factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """drain() returned at once while a round was still claiming (its sends not begun): the
    claimed message then waited out its lease (found by an independent review)."""
    monkeypatch.setattr(outbox_sender, "_destinations", _reachable)
    await _queued(factory, "k")
    claiming, release = asyncio.Event(), asyncio.Event()
    claim_due = OutboxRepo.claim_due

    async def slow_claim(repo: OutboxRepo, *args: Any) -> list[OutboxMessage]:
        claimed = await claim_due(repo, *args)
        claiming.set()
        await release.wait()
        return claimed

    monkeypatch.setattr(OutboxRepo, "claim_due", slow_claim)
    delivered: list[str] = []

    async def deliver(_to: Destination, reply: Reply) -> str:
        delivered.append(reply.text)
        return "act"

    clock = FakeClock()
    clock.set(NOW)
    sender = outbox_sender.OutboxSender(factory, clock, deliver, lease=LEASE)
    round_ = asyncio.create_task(sender.run_once())
    await claiming.wait()
    drained = asyncio.create_task(sender.drain(timeout=5))
    await asyncio.sleep(0.2)
    assert not drained.done()
    release.set()
    await drained
    assert await round_ == 1
    assert delivered == [""]
    [row] = await _all_rows(factory)
    assert (row.status, row.lease_until) == ("sent", None)


async def _all_rows(factory: Factory) -> list[OutboxMessage]:
    async with unit_of_work(factory) as session:
        return list(await session.scalars(select(OutboxMessage)))
