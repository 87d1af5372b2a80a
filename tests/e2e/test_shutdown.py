"""A graceful shutdown lets the outbox's sends in flight finish and records them."""

import asyncio

from sqlalchemy import select

from store.db import create_engine, sessions, unit_of_work
from store.models import OutboxMessage
from tests.e2e.flows import install
from tests.e2e.teams import running_bot, teams_session


async def test_a_send_in_flight_at_shutdown_completes_and_is_recorded(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        teams.connector.delay = 1.0
        async with running_bot(teams.services.settings, teams.clock):
            pass  # a replica that comes and goes does no harm
        await install(teams)  # queues the setup card for the installer
        await asyncio.sleep(0.3)  # the sender has claimed it and waits for the connector
        assert teams.services.outbox._in_flight > 0  # the round and its send
    # The session has shut the bot down; the send finished first.
    engine = create_engine(sqlite_url)
    async with unit_of_work(sessions(engine)) as session:
        rows = list(await session.execute(select(OutboxMessage.status, OutboxMessage.lease_until)))
    await engine.dispose()
    assert rows == [("sent", None)]
    assert len(teams.connector.created) == 1
