"""Overload: far more conversations at once than the bot admits (bot.admission: at most
`max_turns_in_flight`, beyond FLOOR only while turns are answered within TARGET).

Every turn must be answered, or refused at once with 503 and Retry-After; a refused
conversation waits the Retry-After (with jitter), as Teams does, and asks again. Measured:
the answered turns' p99, the slowest refusal, the bot's RSS before, at its peak and after,
and a `vagt` turn right after the load.
"""

import asyncio
import random
import time
from dataclasses import dataclass
from datetime import datetime

import aiohttp

from bench.seed import PEOPLE
from bench.serving import Served
from bot.admission import FLOOR, TARGET
from domain.clock import FakeClock
from domain.settings import Settings
from tests.e2e.connector import Connector
from tests.e2e.teams import Teams

TEXTS = ("vagt", "vagtplan", "mine vagter", "sager i dag", "hjælp")
TEAMS_GIVES_UP = 15.0  # seconds Teams waits for a turn before it gives up on it


@dataclass(frozen=True)
class Overload:
    conversations: int
    seconds: float
    limit: int
    answered: tuple[float, ...]  # latencies, sorted
    refused: tuple[float, ...]
    failed: int  # anything else: an error status, or no answer within 15 s
    rss_mb: tuple[float, float, float]  # before, peak, after
    recovery: float  # the first `vagt` turn after the load, seconds
    recovered: bool  # ... answered 200 with a reply

    @property
    def answered_p99(self) -> float:
        return _percentile(self.answered, 0.99)

    @property
    def met(self) -> bool:
        return (
            self.failed == 0
            and self.recovered
            and self.answered_p99 <= 0.2
            and max(self.refused, default=0) <= 0.2
            and self.rss_mb[2] <= self.rss_mb[0] * 1.25
        )

    def __str__(self) -> str:
        before, peak, after = self.rss_mb
        return (
            f"overload, {self.conversations} conversations at once for {self.seconds:.0f} s "
            f"(at most {self.limit} turns in flight, {min(FLOOR, self.limit)} always, more while "
            f"turns are answered within {TARGET * 1000:.0f} ms): {len(self.answered):,} answered "
            f"({len(self.answered) / self.seconds:.0f}/s), p50 "
            f"{_percentile(self.answered, 0.5) * 1000:.0f} ms, p99 "
            f"{self.answered_p99 * 1000:.0f} ms (target ≤ 200 ms); {len(self.refused):,} "
            f"refused with 503 + Retry-After, the slowest in "
            f"{max(self.refused, default=0) * 1000:.0f} ms; {self.failed} failed or unanswered; "
            f"RSS {before:.0f} MB before, {peak:.0f} MB at peak, {after:.0f} MB after; the "
            f"first `vagt` after the load {'answered' if self.recovered else 'NOT answered'} "
            f"in {self.recovery * 1000:.0f} ms — {'met' if self.met else 'not met'}"
        )


async def measure(served: Served, now: datetime, conversations: int, seconds: float) -> Overload:
    speaker = Teams("", Connector(url=served.connector.url), None, FakeClock(), None)  # type: ignore[arg-type]
    speaker.clock.set(now)
    answered: list[float] = []
    refused: list[float] = []
    failed = 0
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    timeout = aiohttp.ClientTimeout(total=TEAMS_GIVES_UP)
    bot = served.bot
    rss_before = peak = bot.rss_mb()

    async def conversation(http: aiohttp.ClientSession, n: int) -> None:
        nonlocal failed
        for i in range(n, 10**9):
            if loop.time() >= deadline:
                return
            activity = speaker.personal(PEOPLE[n % len(PEOPLE)], TEXTS[i % len(TEXTS)])
            began = time.perf_counter()
            try:
                async with http.post(bot.messages, json=activity, timeout=timeout) as response:
                    await response.read()
                    status, retry = response.status, response.headers.get("Retry-After")
            except (TimeoutError, aiohttp.ClientError):
                status, retry = 0, None
            took = time.perf_counter() - began
            if status in (200, 201):
                answered.append(took)
            elif status == 503 and retry:
                refused.append(took)
                # Teams retries after the Retry-After, with jitter (not all at the same instant).
                await asyncio.sleep(float(retry) * random.uniform(1.0, 1.5))
            else:
                failed += 1

    async def sample() -> None:
        nonlocal peak
        while loop.time() < deadline:
            peak = max(peak, bot.rss_mb())
            await asyncio.sleep(0.5)

    unbounded = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=unbounded) as http:
        await asyncio.gather(sample(), *(conversation(http, n) for n in range(conversations)))
        sent = (await served.counts())["sent"]
        began = time.perf_counter()
        async with http.post(bot.messages, json=speaker.personal(PEOPLE[1], "vagt")) as response:
            await response.read()
            status = response.status
        recovery = time.perf_counter() - began
        recovered = status in (200, 201) and (await served.counts())["sent"] > sent
    return Overload(
        conversations,
        seconds,
        Settings().max_turns_in_flight,
        tuple(sorted(answered)),
        tuple(sorted(refused)),
        failed,
        (rss_before, peak, bot.rss_mb()),
        recovery,
        recovered,
    )


def _percentile(values: tuple[float, ...], p: float) -> float:
    return values[min(len(values) - 1, int(len(values) * p))] if values else 0.0
