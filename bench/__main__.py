"""The benchmark: the hotline bot against a stock botbuilder echo bot, in one run.

python -m bench [--only sqlite|postgres|overload|morning ...] [--turns 600] [--takes 200]
                [--rounds 3] [--concurrency 20] [--rss-turns 10000] [--seconds 30]

For each database (SQLite on a fresh file, PostgreSQL on a fresh database of the server on
127.0.0.1:5432, dropped afterwards), three processes besides this one, all on 127.0.0.1: the
connector stand-in, the hotline bot (`hotline-bot serve` with a realistic team) and the echo
bot. This process drives both bots with the same activities, alternating bot and echo
`--rounds` times, and prints Markdown tables: each database's, then both side by side against
the targets of issue #17. Then overload (bench.overload) and the heavy morning (bench.morning).
Bounded in count: about eight minutes on a 2-core machine.
"""

import argparse
import asyncio
import compileall
import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import aiohttp

from bench import morning, overload, pages, rota, switchboard, understanding
from bench.load import Run, drive, median_run
from bench.seed import PEOPLE, count, open_case_cards, open_swaps
from bench.serving import LABEL, Served, serving
from bot.scheduler import NIGHTLY
from domain.clock import FakeClock
from tests.databases import drop_template
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
    apologies: int  # turns the bot answered with its error apology (a turn that failed inside)

    @property
    def ratio(self) -> float:
        return statistics.median(
            b.per_second / e.per_second for b, e in zip(self.bot, self.echo, strict=True)
        )


PARTS = ("sqlite", "postgres", "overload", "morning")
# Ratio to the echo bot and p99 in seconds, per scenario (issue #17).
TARGETS = {
    "`vagt`": (6.0, 0.030),
    "`vagtplan`": (4.0, 0.060),
    "taking a swap (card button)": (3.0, 0.080),
    "logging a case (card submit)": (3.0, 0.080),
}


@dataclass(frozen=True)
class Measured:
    kind: str
    compared: list[Compared]
    rss: list[tuple[int, float]]
    bot_start: float
    echo_start: float


def compiled() -> None:
    """The project's modules as bytecode, as an install from the wheel leaves them (pip compiles
    what it installs). An editable checkout run with PYTHONDONTWRITEBYTECODE (as here) would
    otherwise compile some 130 modules at every start, and start-up would measure that."""
    root = Path(__file__).resolve().parent.parent
    for package in ("bot", "dialogs", "domain", "store", "rules", "understanding", "manifest"):
        compileall.compile_dir(root / package, quiet=1)


def machine_speed() -> float:
    """Seconds for a fixed piece of pure Python, the best of three. This VM's speed moves by a
    factor of three over a day (0.11 to 0.33 s); every figure of a run moves with it (#17)."""
    timings = []
    for _ in range(3):
        began = time.perf_counter()
        sum(range(10**7))
        timings.append(time.perf_counter() - began)
    return min(timings)


async def main(args: argparse.Namespace) -> None:
    compiled()
    parts = args.only or PARTS
    speed_before = machine_speed()
    now = datetime.now(COPENHAGEN)
    measured = []
    try:
        for kind in ("sqlite", "postgres"):
            if kind in parts:
                measured.append(await measure_database(args, kind, now))
    finally:
        await drop_template()
    loaded = None
    if "overload" in parts:
        async with serving("sqlite", now) as served:
            loaded = await overload.measure(served, now, args.overload, args.seconds)
        print("overload: done", file=sys.stderr)
    heavy = await morning.measure() if "morning" in parts else None
    print_header(args, now, (speed_before, machine_speed()))
    for m in measured:
        print_table(args, m)
    if measured:
        print_targets(measured)
    if loaded is not None:
        print(f"- {loaded}")
    if heavy is not None:
        print(f"- {heavy}")
    if not args.only:
        print(f"- {rota.measure(50, 20)}")
        print(f"- {switchboard.measure()}")
        print(f"- {understanding.measure()}")
        print(f"- {await pages.measure()}")


async def measure_database(args: argparse.Namespace, kind: str, now: datetime) -> Measured:
    async with serving(kind, now) as served:
        echo = await start("echo", ["-m", "bench.echo"], served.folder, {}, ready="/healthz")
        try:
            report = await compare(args, served, echo, now)
            # On both: PostgreSQL runs turns at once where SQLite queues them on its one
            # writer, so what turns hold at a time adds up there (#17).
            memory_mb = await memory(args, served.connector, served.bot)
            bot_start, echo_start = await start_up(served, echo)
        finally:
            echo.stop()
        return Measured(kind, report, memory_mb, bot_start, echo_start)


# Start-ups timed of each bot, alternating (the first is the one the runs above used): a single
# start moved by a fifth from one run to the next.
STARTS = 5


async def start_up(served: Served, echo: Server) -> tuple[float, float]:
    """The median start-up to ready of the bot (on the seeded database, idle otherwise) and of
    the echo bot."""
    bots, echoes = [served.bot.started_in], [echo.started_in]
    again = (
        (bots, served.command, served.env, "/readyz"),
        (echoes, ["-m", "bench.echo"], {}, "/healthz"),
    )
    for _ in range(STARTS - 1):
        for times, command, env, ready in again:
            server = await start("start-up", command, served.folder, env, ready=ready)
            server.stop()
            times.append(server.started_in)
    return statistics.median(bots), statistics.median(echoes)


async def compare(
    args: argparse.Namespace, served: Served, echo: Server, now: datetime
) -> list[Compared]:
    url, seeded, connector, bot = served.url, served.seeded, served.connector, served.bot
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

    async def sent(what: str) -> int:
        async with aiohttp.ClientSession() as http, http.get(connector.url + "/counts") as r:
            return int((await r.json())[what])

    async def replies() -> int:
        return await sent("sent")

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
            apologised = await sent("apologies")
            for _ in range(args.rounds):
                # The same activities to both: the echo bot answers anything.
                activities = await scenario.activities()
                if not activities:  # a median of empty runs has no latencies to show
                    raise RuntimeError(f"{scenario.name}: the seeded team had nothing left to do")
                echo_runs.append(await drive(http, echo.messages, activities, args.concurrency))
                before = await scenario.done()
                bot_runs.append(await drive(http, bot.messages, activities, args.concurrency))
                done += await scenario.done() - before
            apologies = await sent("apologies") - apologised
            compared.append(Compared(scenario.name, bot_runs, echo_runs, done, apologies))
            print(f"{LABEL[served.kind]}, {scenario.name}: done", file=sys.stderr)
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


def print_header(args: argparse.Namespace, began: datetime, speed: tuple[float, float]) -> None:
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
        f"Python {platform.python_version()} · {args.concurrency} conversations at once · "
        f"median of {args.rounds} alternating runs"
    )
    before, after = speed
    print(
        f"\nThe machine's speed, `sum(range(10**7))` best of three: {before:.2f} s before the "
        f"runs, {after:.2f} s after."
    )
    if nightly_within(began, datetime.now(COPENHAGEN)):
        print(
            "\nThis run crossed 02:30 (Copenhagen): the bots' nightly job (roster sync, rota "
            "extension, retention) ran during it, and what it measured then includes that work."
        )


def nightly_within(began: datetime, ended: datetime) -> bool:
    """Whether the bot's nightly job fell between the two."""
    night = datetime.combine(began.date(), NIGHTLY, tzinfo=COPENHAGEN)
    return any(began <= n <= ended for n in (night, night + timedelta(days=1)))


def print_table(args: argparse.Namespace, measured: Measured) -> None:
    print(f"\n{LABEL[measured.kind]}\n")
    print(
        "| scenario | bot turns/s | p50 ms | p95 ms | p99 ms | echo turns/s | echo p99 ms "
        "| bot/echo | the bot's work, checked |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for c in measured.compared:
        b, e = median_run(c.bot), median_run(c.echo)
        print(
            f"| {c.name}{_failed(c)} | {b.per_second:.0f} | {_ms(b.percentile(0.5))} | "
            f"{_ms(b.percentile(0.95))} | {_ms(b.percentile(0.99))} | {e.per_second:.0f} | "
            f"{_ms(e.percentile(0.99))} | {c.ratio:.2f}× | {c.done:,} {WORK[c.name]} for "
            f"{sum(r.turns for r in c.bot):,} turns |"
        )
    print()
    print(
        f"- start-up to ready, median of {STARTS} starts each: bot {measured.bot_start:.2f} s, "
        f"echo bot {measured.echo_start:.2f} s"
    )
    if measured.rss:
        print(
            "- bot RSS after the runs above, then every 2,000 turns of everyday questions: "
            + ", ".join(
                f"{mb:.0f} MB" if not n else f"+{n:,}: {mb:.0f} MB" for n, mb in measured.rss
            )
        )


def print_targets(measured: list[Measured]) -> None:
    """The databases side by side against issue #17's targets (ratio to the echo bot, p99)."""
    print(
        "\n| scenario | target | "
        + " | ".join(f"{LABEL[m.kind]} bot/echo | p99 ms | met" for m in measured)
        + " |"
    )
    print("|---|---|" + "---:|---:|---|" * len(measured))
    by_kind = [{c.name: c for c in m.compared} for m in measured]
    for name, (ratio, p99) in TARGETS.items():
        cells = []
        for compared in by_kind:
            c = compared[name]
            late = median_run(c.bot).percentile(0.99)
            met = c.ratio >= ratio and late <= p99 and not _failed(c)
            cells.append(f"{c.ratio:.2f}× | {_ms(late)} | {'met' if met else 'not met'}")
        print(f"| {name} | ≥ {ratio:.0f}×, p99 ≤ {_ms(p99)} ms | " + " | ".join(cells) + " |")
    print()


def _failed(c: Compared) -> str:
    failed = sum(r.failures for r in c.bot + c.echo)
    said = [f"{failed} failed"] if failed else []
    said += [f"{c.apologies} answered with the error apology"] if c.apologies else []
    return f" ({', '.join(said)})" if said else ""


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument(
        "--only", choices=PARTS, action="append", help="run this part only (repeatable)"
    )
    parser.add_argument("--turns", type=int, default=600, help="turns per run, text scenarios")
    parser.add_argument("--takes", type=int, default=200, help="turns per run, card scenarios")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--rss-turns", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=30.0, help="overload: how long")
    parser.add_argument("--overload", type=int, default=200, help="overload: conversations")
    return parser.parse_args()


if __name__ == "__main__":
    asyncio.run(main(parse()))
