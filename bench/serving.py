"""A fresh database with the realistic team, and the processes the benchmark talks to: the
connector stand-in and the bot, each in a process of its own on 127.0.0.1."""

import random
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import aiohttp
from sqlalchemy import update

from bench.seed import Seeded, seed
from store.db import create_engine, sessions, unit_of_work
from store.models import ConversationRef, Team
from tests.databases import fresh_database
from tests.e2e.processes import Server, start
from tests.e2e.teams import TEAM_ID

SERVE = ["-m", "bot", "serve", "--host", "127.0.0.1"]
LABEL = {"sqlite": "SQLite", "postgres": "PostgreSQL"}


@dataclass(frozen=True)
class Served:
    kind: str
    url: str  # the database's
    seeded: Seeded
    connector: Server
    bot: Server
    folder: str
    command: list[str]  # how the bot was started, with `env`: another can start the same way
    env: dict[str, str]

    async def counts(self, **query: str) -> dict[str, Any]:
        async with (
            aiohttp.ClientSession() as http,
            http.get(self.connector.url + "/counts", params=query) as r,
        ):
            return dict(await r.json())


@asynccontextmanager
async def serving(
    kind: str,
    now: datetime,
    *,
    bot: list[str] = SERVE,
    throttle: float = 0.0,
    prepare: Callable[[str, str], Awaitable[None]] | None = None,
) -> AsyncIterator[Served]:
    """The bot on a fresh `kind` database ("sqlite" or "postgres", dropped afterwards) with the
    team seeded as of `now`; `prepare(database url, connector url)` runs before the bot starts."""
    async with AsyncExitStack() as stack:
        folder = stack.enter_context(tempfile.TemporaryDirectory())
        url = await stack.enter_async_context(fresh_database(kind, Path(folder)))
        began = time.perf_counter()
        seeded = await seed(url, now, random.Random(2027))
        print(
            f"{LABEL[kind]}: seeded a team of 30, a year of rota, 500 cases in "
            f"{time.perf_counter() - began:.1f} s",
            file=sys.stderr,
        )
        config = Path(folder) / "bench.toml"
        # Twenty conversations at full speed are far over the per-person flood limit; the
        # check still runs on every turn.
        config.write_text("rate_limit_messages = 1000000\n", encoding="utf-8")
        connector = await start(
            "connector",
            ["-m", "bench.connector", "--throttle", str(throttle)],
            folder,
            {},
            ready="/counts",
        )
        stack.callback(connector.stop)
        await _reached_at(url, connector.url)
        await _rostered(connector.url, seeded)
        if prepare is not None:
            await prepare(url, connector.url)
        env = {"HOTLINE_DATABASE_URL": url, "HOTLINE_CONFIG": str(config)}
        server = await start("bot", bot, folder, env, ready="/readyz")
        stack.callback(server.stop)
        yield Served(kind, url, seeded, connector, server, folder, bot, env)


async def _rostered(connector_url: str, seeded: Seeded) -> None:
    """The stand-in answers roster look-ups with the seeded team's people, as Teams would: a
    run that crosses 02:30 (Copenhagen) has the bot's nightly roster sync, which found an empty
    roster and took everyone out of the team (every swap take was then refused)."""
    people = [user.roster_entry() for user in seeded.user_of.values()]
    async with (
        aiohttp.ClientSession() as http,
        http.put(f"{connector_url}/roster/{TEAM_ID}", json=people) as response,
    ):
        response.raise_for_status()


async def _reached_at(url: str, service_url: str) -> None:
    """The seed's connector stand-in is gone: what the bot sends on its own (channel cards,
    notices, announcements) goes to the connector process instead."""
    engine = create_engine(url)
    try:
        async with unit_of_work(sessions(engine)) as session:
            await session.execute(update(Team).values(service_url=service_url))
            await session.execute(update(ConversationRef).values(service_url=service_url))
    finally:
        await engine.dispose()
