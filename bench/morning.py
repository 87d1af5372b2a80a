"""The heavy morning: the 08:00 announcement to 1,000 teams, a share of the posts answered
429 by the connector stand-in, while 20 conversations ask `vagt` at once, closed-loop, until
the last team has its post. The bot runs in its own process (bench.morning_bot) on a clock
the benchmark moves to 08:00; the teams are installed as bench.fanout installs them, next to
the realistic team the conversations belong to.
"""

import asyncio
import time
from dataclasses import dataclass
from datetime import datetime
from datetime import time as clock_time
from zoneinfo import ZoneInfo

import aiohttp

from bench.fanout import MONDAY, install
from bench.load import drive
from bench.seed import PEOPLE
from bench.serving import Served, serving
from domain.clock import FakeClock
from store.db import create_engine, sessions
from tests.e2e.connector import Connector
from tests.e2e.teams import Teams

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
CHANNELS = "19:channel-"  # the installed teams' channels (not the realistic team's)


@dataclass(frozen=True)
class Morning:
    teams: int
    throttle: float
    conversations: int
    vagt: tuple[float, ...]  # latencies of the answered `vagt` turns, sorted
    failed: int  # `vagt` turns not answered 200
    replies: int  # messages the connector got besides the channel posts
    seconds: float  # from the tick until the last team had its post
    delivered: int  # installed teams whose channel got the post
    duplicates: int  # posts beyond the first in a channel
    throttled: int  # posts answered 429 (and sent again later)

    @property
    def p99(self) -> float:
        return self.vagt[min(len(self.vagt) - 1, int(len(self.vagt) * 0.99))] if self.vagt else 0

    @property
    def met(self) -> bool:
        return (
            self.p99 <= 0.1
            and self.failed == 0
            and self.replies >= len(self.vagt)
            and self.delivered == self.teams
            and self.duplicates == 0
        )

    def __str__(self) -> str:
        return (
            f"heavy morning, {self.teams:,} teams announced at 08:00 with {self.throttle:.0%} "
            f"of posts answered 429 while {self.conversations} conversations ask `vagt`: "
            f"{len(self.vagt):,} `vagt` turns, p99 {self.p99 * 1000:.0f} ms (target ≤ 100 ms), "
            f"{self.failed} failed, {self.replies:,} replies; {self.delivered:,} of "
            f"{self.teams:,} teams got the post in {self.seconds:.1f} s, {self.duplicates} "
            f"duplicates, {self.throttled} posts throttled and sent again — "
            f"{'met' if self.met else 'not met'}"
        )


async def measure(
    kind: str = "sqlite",
    teams: int = 1000,
    throttle: float = 0.2,
    conversations: int = 20,
    limit: float = 180.0,
) -> Morning:
    early = datetime.combine(MONDAY, clock_time(7, 0), COPENHAGEN)

    async def installed(url: str, connector_url: str) -> None:
        engine = create_engine(url)
        try:
            await install(sessions(engine), early, connector_url, teams)
        finally:
            await engine.dispose()

    async with serving(
        kind, early, bot=["-m", "bench.morning_bot"], throttle=throttle, prepare=installed
    ) as served:
        return await _morning(served, teams, throttle, conversations, limit)


async def _morning(
    served: Served, teams: int, throttle: float, conversations: int, limit: float
) -> Morning:
    speaker = Teams("", Connector(url=served.connector.url), None, FakeClock(), None)  # type: ignore[arg-type]
    speaker.clock.set(datetime.combine(MONDAY, clock_time(8, 0), COPENHAGEN))
    bot = served.bot
    latencies: list[float] = []
    failed = 0
    over = asyncio.Event()

    async def ask(http: aiohttp.ClientSession, n: int) -> None:
        nonlocal failed
        while not over.is_set():
            began = time.perf_counter()
            activity = speaker.personal(PEOPLE[n % len(PEOPLE)], "vagt")
            async with http.post(bot.messages, json=activity) as response:
                await response.read()
                if response.status in (200, 201):
                    latencies.append(time.perf_counter() - began)
                else:
                    failed += 1
                    await asyncio.sleep(float(response.headers.get("Retry-After", 1)))

    async def watch() -> None:
        deadline = time.perf_counter() + limit
        while time.perf_counter() < deadline:
            if (await served.counts(channels=CHANNELS))["channels_posted"] >= teams:
                break
            await asyncio.sleep(0.2)
        over.set()

    async with aiohttp.ClientSession() as http:
        warm = [speaker.personal(PEOPLE[i % len(PEOPLE)], "vagt") for i in range(100)]
        await drive(http, bot.messages, warm, conversations)
        before = await served.counts()
        began = time.perf_counter()
        async with http.post(bot.url + "/bench/morning") as response:
            assert response.status == 202, response.status
        await asyncio.gather(watch(), *(ask(http, n) for n in range(conversations)))
        seconds = time.perf_counter() - began
    await asyncio.sleep(3)  # a post sent twice would show up by now
    after, posted = await served.counts(), await served.counts(channels=CHANNELS)
    return Morning(
        teams=teams,
        throttle=throttle,
        conversations=conversations,
        vagt=tuple(sorted(latencies)),
        failed=failed,
        replies=after["sent"] - before["sent"] - (_posts(after) - _posts(before)),
        seconds=seconds,
        delivered=posted["channels_posted"],
        duplicates=after["duplicate_posts"],
        throttled=after["throttled"],
    )


def _posts(counts: dict[str, int]) -> int:
    return counts["channels_posted"] + counts["duplicate_posts"]
