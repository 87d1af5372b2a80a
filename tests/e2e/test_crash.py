"""kill -9 the real server (`hotline-bot serve`) in the middle of things, start it again:
nothing is lost, and only sends that were under way at the kill can arrive twice."""

import asyncio
import json
from collections import Counter
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path

import aiohttp
from sqlalchemy import func, select

from dialogs.plain import Reply
from domain.clock import FakeClock
from store.db import create_engine, sessions, unit_of_work
from store.models import OutboxMessage, SwapRequestRow
from store.store import Store
from tests.e2e.connector import Connector, Sent
from tests.e2e.people import ANNE, BO
from tests.e2e.processes import Server, start
from tests.e2e.teams import GENERAL, TENANT, Teams, running_connector, teams_session
from tests.e2e.test_rota_and_duty import holders
from tests.e2e.test_swaps import click, first_day_of, ready, short

BURST = 200


async def serve(url: str, folder: Path) -> Server:
    """The bot as operators run it, with a short lease so a dead sender's claims run out
    within the test."""
    config = folder / "crash.toml"
    config.write_text("outbox_lease_seconds = 2\n", encoding="utf-8")
    env = {"HOTLINE_DATABASE_URL": url, "HOTLINE_CONFIG": str(config)}
    return await start("bot", ["-m", "bot", "serve"], str(folder), env, ready="/readyz")


async def burst_rows(url: str) -> list[OutboxMessage]:
    """The burst's own outbox rows: the server's scheduler posts too (the morning announcement,
    when the test runs on a working morning), and those are not this test's."""
    engine = create_engine(url)
    try:
        async with unit_of_work(sessions(engine)) as session:
            found = select(OutboxMessage).where(OutboxMessage.key.startswith("burst:"))
            return list(await session.scalars(found))
    finally:
        await engine.dispose()


async def until(check: Callable[[], Awaitable[bool]], timeout: float = 60.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not await check():
        assert loop.time() < deadline, "gave up waiting"
        await asyncio.sleep(0.1)


async def queue_burst(url: str, connector: Connector) -> None:
    """A team whose channel is at the stand-in, and BURST posts due for it."""
    engine = create_engine(url)
    now = datetime.now(UTC)
    try:
        async with unit_of_work(sessions(engine)) as session:
            store = Store(session)
            team, _ = await store.teams.install(
                TENANT, GENERAL, "Sygedagpenge", connector.url, GENERAL, now
            )
            for n in range(BURST):
                payload = Reply(f"besked {n}").to_payload()
                await store.outbox.enqueue(
                    f"burst:{n}", team.id, "test", f"channel:{team.id}", payload, now
                )
    finally:
        await engine.dispose()


async def test_kill_9_during_a_burst_of_sends_loses_nothing(db_url: str, tmp_path: Path) -> None:
    async with running_connector() as connector:
        connector.delay = 0.05  # each post takes a while, so the kill finds some under way
        await queue_burst(db_url, connector)
        server = await serve(db_url, tmp_path)
        try:
            await connector.wait_for(lambda: len(connector.sent) >= BURST // 4, timeout=30)
            server.kill()
        finally:
            server.stop()
        at_kill = await burst_rows(db_url)
        cut_off = [m for m in at_kill if m.status == "pending" and m.lease_until]
        sent = sum(m.status == "sent" for m in at_kill)
        assert 0 < sent < BURST and cut_off  # the kill came mid-burst, with sends under way
        server = await serve(db_url, tmp_path)
        try:

            async def all_sent() -> bool:
                return all(m.status == "sent" for m in await burst_rows(db_url))

            await until(all_sent)
        finally:
            server.stop()
    arrived = Counter(s.text for s in connector.sent if s.text.startswith("besked "))
    assert set(arrived) == {f"besked {n}" for n in range(BURST)}
    duplicates = sum(n - 1 for n in arrived.values())
    assert duplicates <= len(cut_off), f"{duplicates} duplicates, {len(cut_off)} cut off"


async def test_kill_9_with_a_swap_open_and_it_can_still_be_taken(
    db_url: str, tmp_path: Path
) -> None:
    clock = FakeClock()
    async with running_connector() as connector:
        async with teams_session(db_url, clock, connector=connector) as teams:
            rota = await ready(teams)  # January 2027: still ahead of the server's real clock
        day = first_day_of(rota, ANNE)
        server = await serve(db_url, tmp_path)
        async with aiohttp.ClientSession() as http:
            live = Teams(server.url, connector, None, clock, http)  # type: ignore[arg-type]
            try:
                asked = await live.say(live.personal(ANNE, f"byt {short(day)}"))
                assert "er slået op i kanalen" in asked[0].text, asked[0].text
                server.kill()  # the request is stored; its channel card may be under way
            finally:
                server.stop()

            async def open_swaps() -> int:
                engine = create_engine(db_url)
                try:
                    async with unit_of_work(sessions(engine)) as session:
                        return int(await session.scalar(select(func.count(SwapRequestRow.id))))
                finally:
                    await engine.dispose()

            assert await open_swaps() == 1
            server = await serve(db_url, tmp_path)
            try:
                live.bot_url = server.url
                await connector.wait_for(lambda: bool(cards_in_channel(connector)), timeout=30)
                card = cards_in_channel(connector)[-1]
                taken = await click(live, BO, card, "Tag vagten")
                assert any("Du har nu vagten" in s.text for s in taken), [s.text for s in taken]
            finally:
                server.stop()
        async with teams_session(db_url, clock) as check:
            assert (await holders(check))[day] == BO.name
        assert len(cards_in_channel(connector)) in (1, 2)  # twice only if cut off mid-send


def cards_in_channel(connector: Connector) -> list[Sent]:
    """The open swap's cards posted in the channel (not the setup card, not updates)."""
    return [
        s
        for s in connector.sent
        if s.conversation_id.startswith(GENERAL + ";messageid=")
        and s.method == "POST"
        and "swap.take" in json.dumps(s.card)
    ]
