"""The morning announcement to 1,000 installed teams, through a connector that throttles.

python -m bench.fanout [--teams 1000] [--throttle 0.2]

Every team gets its post exactly once, however often Teams answers 429, and the bot never has
more sends in flight than its outbox concurrency.
"""

import argparse
import asyncio
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from datetime import time as clock_time
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.jobs import tick
from domain.clock import FakeClock
from store.db import unit_of_work
from store.members import RosterEntry
from store.models import OutboxMessage
from store.store import Store
from tests.databases import fresh_database
from tests.e2e.teams import TENANT, Teams, teams_session

MONDAY = date(2027, 1, 4)


@dataclass(frozen=True)
class FanOut:
    teams: int
    throttle: float
    seconds: float  # from the minute's tick until the last post arrived
    delivered: int  # channels that got the post
    duplicates: int  # posts beyond the first in a channel
    throttled: int  # 429 answers the outbox waited out
    max_in_flight: int
    concurrency: int

    def __str__(self) -> str:
        return (
            f"announcement fan-out to {self.teams:,} teams, {self.throttle:.0%} of sends "
            f"answered 429: {self.delivered:,} delivered in {self.seconds:.1f} s, "
            f"{self.duplicates} duplicates, {self.throttled} throttled sends retried, at most "
            f"{self.max_in_flight} in flight (outbox concurrency {self.concurrency})"
        )


async def fan_out(
    teams: int = 1000, throttle: float = 0.2, url: str | None = None, limit: float = 120.0
) -> FanOut:
    if url is None:
        with tempfile.TemporaryDirectory() as folder:
            async with fresh_database("sqlite", Path(folder)) as fresh:
                return await fan_out(teams, throttle, fresh, limit)
    clock = FakeClock()
    clock.set(datetime.combine(MONDAY, clock_time(7, 59), ZoneInfo("Europe/Copenhagen")))
    async with teams_session(url, clock) as session:
        await install(session.services.sessions, session.clock.now(), session.connector.url, teams)
        session.connector.throttle = throttle
        channels = {f"19:channel-{n}@thread.tacv2" for n in range(teams)}
        await session.at("2027-01-04 08:00")
        session.clock.run()  # Retry-After waits must really pass
        began = time.perf_counter()
        await tick(session.services)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + limit
        while loop.time() < deadline and len(channels.intersection(_posts(session))) < teams:
            await asyncio.sleep(0.1)
        seconds = time.perf_counter() - began
        await session.settle()  # anything still due would show up as a duplicate now
        posts = _posts(session)
        return FanOut(
            teams=teams,
            throttle=throttle,
            seconds=seconds,
            delivered=len(channels.intersection(posts)),
            duplicates=sum(n - 1 for n in posts.values()),
            throttled=await _retried(session),
            max_in_flight=session.connector.max_in_flight,
            concurrency=session.services.settings.outbox_concurrency,
        )


def _posts(session: Teams) -> Counter[str]:
    return Counter(
        s.conversation_id.split(";")[0]
        for s in session.connector.sent
        if ";messageid=" in s.conversation_id
    )


async def _retried(session: Teams) -> int:
    async with unit_of_work(session.services.sessions) as db:
        attempts = await db.scalar(select(func.sum(OutboxMessage.attempts - 1)))
    return int(attempts or 0)


async def install(
    sessions: async_sessionmaker[AsyncSession], now: datetime, service_url: str, count: int
) -> None:
    """`count` teams, each with one caseworker on duty on MONDAY, written as an install would."""
    async with unit_of_work(sessions) as db:
        store = Store(db)
        for n in range(count):
            team, _ = await store.teams.install(
                TENANT,
                f"19:team-{n}@thread.tacv2",
                f"Jobcenter {n}",
                service_url,
                f"19:channel-{n}@thread.tacv2",
                now,
            )
            member = await store.members.upsert(
                TENANT, RosterEntry(f"aad-{n}", f"29:holder-{n}", f"Sagsbehandler {n}"), now
            )
            membership = await store.members.join(team, member, "caseworker", now)
            membership.on_rota = True
            await store.rota.set(team.id, MONDAY, member.id, now, kept=False, source="generated")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--teams", type=int, default=1000)
    parser.add_argument("--throttle", type=float, default=0.2)
    args = parser.parse_args()
    print(asyncio.run(fan_out(args.teams, args.throttle)))


if __name__ == "__main__":
    main()
