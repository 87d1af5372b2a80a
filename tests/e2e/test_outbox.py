"""The outbox sender against a connector that throttles, refuses, or outlives a crash."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta

from sqlalchemy import select

from dialogs.plain import Reply
from store.db import unit_of_work
from store.models import OutboxMessage
from store.store import Store
from tests.e2e.flows import install
from tests.e2e.teams import GENERAL, Teams, teams_session


async def queue(teams: Teams, key: str = "test:1") -> int:
    async with unit_of_work(teams.services.sessions) as session:
        store = Store(session)
        team = (await store.teams.all_active())[0]
        assert await store.outbox.enqueue(
            key,
            team.id,
            "test",
            f"channel:{team.id}",
            Reply("Hej kanal").to_payload(),
            teams.clock.now(),
        )
        message = await store.outbox.by_key(key)
        assert message is not None
        return message.id


async def row(teams: Teams, message_id: int) -> OutboxMessage:
    async with unit_of_work(teams.services.sessions) as session:
        message = await session.get(OutboxMessage, message_id)
    assert message is not None
    return message


def posts(teams: Teams) -> list[str]:
    return [
        s.text
        for s in teams.connector.sent
        if s.conversation_id.startswith(GENERAL + ";messageid=new")
    ]


async def quiet(teams: Teams) -> None:
    """Let the install's own messages go, then stop the server's sender loop, so the test
    decides when sends happen."""
    for _ in range(200):
        async with unit_of_work(teams.services.sessions) as session:
            if set(await session.scalars(select(OutboxMessage.status))) == {"sent"}:
                break
        await asyncio.sleep(0.05)
    for task in teams.services.tasks:
        task.cancel()


@asynccontextmanager
async def quiet_team(url: str) -> AsyncIterator[Teams]:
    """An installed team whose sends happen only when the test runs the outbox."""
    async with teams_session(url) as teams:
        await install(teams)
        await quiet(teams)
        yield teams


async def test_throttled_twice_then_delivered_once(db_url: str) -> None:
    async with quiet_team(db_url) as teams:
        teams.connector.failures = [(429, {"Retry-After": "3"}), (429, {"Retry-After": "3"})]
        message_id = await queue(teams)
        assert await teams.services.outbox.run_once() == 1
        first = await row(teams, message_id)
        assert first.status == "pending" and first.next_try_at == teams.clock.now() + timedelta(
            seconds=3
        )
        assert await teams.services.outbox.run_once() == 0  # not before Retry-After
        teams.clock.advance(timedelta(seconds=3))
        await teams.services.outbox.run_once()
        teams.clock.advance(timedelta(seconds=3))
        await teams.services.outbox.run_once()
        done = await row(teams, message_id)
        assert done.status == "sent" and done.attempts == 3
        assert posts(teams) == ["Hej kanal"]
        teams.clock.advance(timedelta(hours=1))
        assert await teams.services.outbox.run_once() == 0
        assert posts(teams) == ["Hej kanal"]


async def test_throttling_is_waited_out_however_often_it_comes(db_url: str) -> None:
    """A run of 429s is no reason to give a message up (a fan-out once lost one that way)."""
    async with quiet_team(db_url) as teams:
        teams.connector.failures = [(429, {"Retry-After": "1"})] * 12
        message_id = await queue(teams)
        for _ in range(13):
            assert await teams.services.outbox.run_once() == 1
            teams.clock.advance(timedelta(seconds=1))
        done = await row(teams, message_id)
        assert done.status == "sent" and done.attempts == 13
        assert posts(teams) == ["Hej kanal"]


async def test_forbidden_is_final_and_never_retried(db_url: str) -> None:
    async with quiet_team(db_url) as teams:
        teams.connector.failures = [(403, {})]
        message_id = await queue(teams)
        await teams.services.outbox.run_once()
        dead = await row(teams, message_id)
        assert dead.status == "dead" and dead.attempts == 1 and "403" in (dead.last_error or "")
        teams.clock.advance(timedelta(days=1))
        assert await teams.services.outbox.run_once() == 0
        assert posts(teams) == []


async def test_a_claim_left_by_a_crash_is_taken_over_after_the_lease(db_url: str) -> None:
    async with quiet_team(db_url) as teams:
        message_id = await queue(teams)
        async with unit_of_work(teams.services.sessions) as session:  # a process that died
            claimed = await Store(session).outbox.claim_due(
                teams.clock.now(), timedelta(minutes=2), 10
            )
            assert [m.id for m in claimed] == [message_id]
        assert await teams.services.outbox.run_once() == 0
        teams.clock.advance(timedelta(minutes=1))
        assert await teams.services.outbox.run_once() == 0
        teams.clock.advance(timedelta(minutes=1, seconds=1))
        assert await teams.services.outbox.run_once() == 1
        assert (await row(teams, message_id)).status == "sent"
        assert posts(teams) == ["Hej kanal"]


async def test_a_send_that_hangs_gives_up_inside_its_lease_and_is_tried_again(
    db_url: str,
) -> None:
    async with quiet_team(db_url) as teams:
        teams.services.outbox.send_timeout = 0.2
        teams.connector.delay = 2.0
        message_id = await queue(teams)
        assert await teams.services.outbox.run_once() == 1
        hung = await row(teams, message_id)
        assert hung.status == "pending" and hung.lease_until is None
        assert hung.last_error == "TimeoutError" and hung.next_try_at > teams.clock.now()
        teams.connector.delay = 0.0
        teams.clock.advance(timedelta(minutes=1))
        assert await teams.services.outbox.run_once() == 1
        assert (await row(teams, message_id)).status == "sent"


async def test_server_errors_back_off_and_give_up_after_many_attempts(db_url: str) -> None:
    async with quiet_team(db_url) as teams:
        teams.connector.failures = [(400, {})]
        message_id = await queue(teams)
        await teams.services.outbox.run_once()
        assert (await row(teams, message_id)).status == "dead"
        async with unit_of_work(teams.services.sessions) as session:
            statuses = list(await session.scalars(select(OutboxMessage.status)))
        assert statuses.count("dead") == 1


async def test_old_sent_messages_and_card_flows_are_purged(db_url: str) -> None:
    from bot.jobs import purge_old

    async with quiet_team(db_url) as teams:
        message_id = await queue(teams, "test:old")
        await teams.services.outbox.run_once()
        teams.clock.advance(timedelta(days=89))
        assert await purge_old(teams.services) == 0
        teams.clock.advance(timedelta(days=2))
        fresh = await queue(teams, "test:new")  # still pending: never purged
        assert await purge_old(teams.services) == 3  # setup card, old message, setup flow
        async with unit_of_work(teams.services.sessions) as session:
            left = list(await session.scalars(select(OutboxMessage.id)))
        assert left == [fresh] and message_id not in left
