"""The benchmark: the hotline bot against a stock botbuilder echo bot, in one run.

python -m bench [--turns 600] [--takes 200] [--rounds 3] [--concurrency 20] [--rss-turns 10000]

Three processes besides this one, all on 127.0.0.1: the connector stand-in, the hotline bot
(`hotline-bot serve` on a fresh SQLite file with a realistic team) and the echo bot. This
process drives both bots with the same activities, alternating bot and echo `--rounds` times,
and prints a Markdown table. Bounded in count: about three minutes on a 2-core machine.
"""

import argparse
import asyncio
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import aiohttp

from bench import pages, rota, switchboard, understanding
from bench.fanout import fan_out
from bench.load import Run, drive, median_run
from bench.seed import PEOPLE, Seeded, count, open_case_cards, open_swaps, seed
from domain.clock import FakeClock
from tests.databases import fresh_database
from tests.e2e.connector import Connector
from tests.e2e.processes import Server, start
from tests.e2e.teams import Teams

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
WORK = {
    "`vagt`": "replies",
    "`vagtplan`": "replies",
    "taking a swap (card button)": "swaps taken",
    "logging a case (card submit)": "cases stored",
}
Activities = Callable[[], Awaitable[list[dict[str, Any]]]]


@dataclass(frozen=True)
class Scenario:
    name: str
    activities: Activities  # fresh for each round: a swap can be taken only once
    done: Callable[[], Awaitable[int]]  # what the bot has done so far (rows, replies)


@dataclass(frozen=True)
class Compared:
    name: str
    bot: list[Run]
    echo: list[Run]
    done: int  # rows written or replies sent by the bot, over all rounds

    @property
    def ratio(self) -> float:
        return statistics.median(
            b.per_second / e.per_second for b, e in zip(self.bot, self.echo, strict=True)
        )


async def main(args: argparse.Namespace) -> None:
    rng = random.Random(2027)
    now = datetime.now(COPENHAGEN)
    with tempfile.TemporaryDirectory() as folder:
        async with fresh_database("sqlite", Path(folder)) as url:
            began = time.perf_counter()
            seeded = await seed(url, now, rng)
            print(
                f"seeded a team of 30, a year of rota, 500 cases in "
                f"{time.perf_counter() - began:.1f} s",
                file=sys.stderr,
            )
            config = Path(folder) / "bench.toml"
            # Twenty conversations at full speed are far over the per-person flood limit;
            # the check still runs on every turn.
            config.write_text("rate_limit_messages = 1000000\n", encoding="utf-8")
            connector = await start(
                "connector", ["-m", "bench.connector"], folder, {}, ready="/counts"
            )
            bot = await start(
                "bot",
                ["-m", "bot.cli", "serve", "--host", "127.0.0.1"],
                folder,
                {"HOTLINE_DATABASE_URL": url, "HOTLINE_CONFIG": str(config)},
                ready="/readyz",
            )
            echo = await start("echo", ["-m", "bench.echo"], folder, {}, ready="/healthz")
            try:
                report = await compare(args, url, seeded, now, connector, bot, echo)
                rss = await memory(args, connector, bot)
            finally:
                for server in (bot, echo, connector):
                    server.stop()
    fanned = await fan_out(teams=1000, throttle=0.2)
    print_table(args, report, rss, bot.started_in, echo.started_in, fanned)
    print(f"- {await pages.measure()}")


async def compare(
    args: argparse.Namespace,
    url: str,
    seeded: Seeded,
    now: datetime,
    connector: Server,
    bot: Server,
    echo: Server,
) -> list[Compared]:
    speaker = Teams("", Connector(url=connector.url), None, FakeClock(), None)  # type: ignore[arg-type]
    speaker.clock.set(now)
    users = [PEOPLE[i % len(PEOPLE)] for i in range(args.turns)]

    def said(text: str, count: int) -> Activities:
        async def build() -> list[dict[str, Any]]:
            return [speaker.personal(users[i % len(users)], text) for i in range(count)]

        return build

    def clicked(pairs: Sequence[tuple[Any, dict[str, Any]]]) -> list[dict[str, Any]]:
        return [
            speaker.personal(user, "", value=value, reply_to=f"card-{n}")
            for n, (user, value) in enumerate(pairs)
        ]

    async def takes() -> list[dict[str, Any]]:
        return clicked(await open_swaps(url, seeded, now.date(), args.takes, rng))

    async def intakes() -> list[dict[str, Any]]:
        called = datetime.now(COPENHAGEN) - timedelta(minutes=10)
        filled = await open_case_cards(url, seeded, args.takes, called)
        return clicked(filled)

    rng = random.Random(5)

    async def replies() -> int:
        async with aiohttp.ClientSession() as http, http.get(connector.url + "/counts") as r:
            return int((await r.json())["sent"])

    scenarios = [
        Scenario("`vagt`", said("vagt", args.turns), replies),
        Scenario("`vagtplan`", said("vagtplan", args.turns), replies),
        Scenario("taking a swap (card button)", takes, lambda: count(url, "swaps_taken")),
        Scenario("logging a case (card submit)", intakes, lambda: count(url, "cases")),
    ]
    async with aiohttp.ClientSession() as http:
        for server in (bot, echo):  # connections, caches and first-time imports warmed up
            await drive(http, server.messages, await said("vagt", 100)(), args.concurrency)
        compared = []
        for scenario in scenarios:
            bot_runs, echo_runs, done = [], [], 0
            for _ in range(args.rounds):
                # The same activities to both: the echo bot answers anything.
                activities = await scenario.activities()
                echo_runs.append(await drive(http, echo.messages, activities, args.concurrency))
                before = await scenario.done()
                bot_runs.append(await drive(http, bot.messages, activities, args.concurrency))
                done += await scenario.done() - before
            compared.append(Compared(scenario.name, bot_runs, echo_runs, done))
            print(f"{scenario.name}: done", file=sys.stderr)
    return compared


async def memory(
    args: argparse.Namespace, connector: Server, bot: Server
) -> list[tuple[int, float]]:
    """The bot's resident memory every 2,000 turns of everyday questions."""
    speaker = Teams("", Connector(url=connector.url), None, FakeClock(), None)  # type: ignore[arg-type]
    texts = ("vagt", "vagtplan", "mine vagter", "sager i dag", "hjælp")
    samples = [(0, bot.rss_mb())]
    step = 2000
    async with aiohttp.ClientSession() as http:
        for done in range(step, args.rss_turns + 1, step):
            activities = [
                speaker.personal(PEOPLE[i % len(PEOPLE)], texts[i % len(texts)])
                for i in range(step)
            ]
            run = await drive(http, bot.messages, activities, args.concurrency)
            assert run.failures == 0, f"{run.failures} turns failed"
            samples.append((done, bot.rss_mb()))
    return samples


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f}"


def print_table(
    args: argparse.Namespace,
    compared: list[Compared],
    rss: list[tuple[int, float]],
    bot_start: float,
    echo_start: float,
    fanned: Any,
) -> None:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    print(
        f"\n{datetime.now(COPENHAGEN):%Y-%m-%d %H:%M} · {cpu} · {os.cpu_count()} cores · "
        f"Python {platform.python_version()} · SQLite · {args.concurrency} conversations at "
        f"once · median of {args.rounds} alternating runs\n"
    )
    print(
        "| scenario | bot turns/s | p50 ms | p95 ms | p99 ms | echo turns/s | echo p99 ms "
        "| bot/echo | the bot's work, checked |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for c in compared:
        b, e = median_run(c.bot), median_run(c.echo)
        failed = sum(r.failures for r in c.bot + c.echo)
        note = f" ({failed} failed)" if failed else ""
        print(
            f"| {c.name}{note} | {b.per_second:.0f} | {_ms(b.percentile(0.5))} | "
            f"{_ms(b.percentile(0.95))} | {_ms(b.percentile(0.99))} | {e.per_second:.0f} | "
            f"{_ms(e.percentile(0.99))} | {c.ratio:.2f}× | {c.done:,} {WORK[c.name]} for "
            f"{sum(r.turns for r in c.bot):,} turns |"
        )
    print()
    print(f"- start-up to ready: bot {bot_start:.2f} s, echo bot {echo_start:.2f} s")
    print(
        "- bot RSS after the runs above, then every 2,000 turns of everyday questions: "
        + ", ".join(f"{mb:.0f} MB" if not n else f"+{n:,}: {mb:.0f} MB" for n, mb in rss)
    )
    print(f"- {rota.measure(50, 20)}")
    print(f"- {switchboard.measure()}")
    print(f"- {understanding.measure()}")
    print(f"- {fanned}")


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--turns", type=int, default=600, help="turns per run, text scenarios")
    parser.add_argument("--takes", type=int, default=200, help="turns per run, card scenarios")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--rss-turns", type=int, default=10_000)
    return parser.parse_args()


if __name__ == "__main__":
    asyncio.run(main(parse()))
