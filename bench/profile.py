"""Where a turn's work goes, in counts that a busy machine does not change (#17).

python -m bench.profile [--db sqlite|postgres] [--turns 50] [--top 25] [--only NAME ...]

The benchmark's team (bench/seed.py) on a fresh database, and the bot in this process (the
real app over HTTP, as tests/e2e drives it). For each of the benchmark's four scenarios it
posts `--turns` activities one after the other and prints:

- SQL statements per turn, by kind, counted with SQLAlchemy's `before_cursor_execute` event:
  those of the turn itself, and those of the outbox sender delivering what the turns queued
  (the sender's own loop is stopped; the harness runs it after the turns). SQLite's
  BEGIN IMMEDIATE goes to the driver's cursor directly (store/db.py) and is not counted;
  every unit that runs a statement sends one;
- Python function calls per turn and the functions with the largest cumulative time, as a
  share of the bot's request handler (cProfile over the turns only).
"""

import argparse
import asyncio
import cProfile
import pstats
import random
import tempfile
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import event, update
from sqlalchemy.ext.asyncio import AsyncEngine

from bench.seed import PEOPLE, open_case_cards, open_swaps, seed
from domain.clock import FakeClock
from store.db import unit_of_work
from store.models import ConversationRef, Team
from tests.databases import drop_template, fresh_database
from tests.e2e.teams import Teams, teams_session

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
HANDLER = ("app.py", "_messages")  # the bot's /api/messages handler: 100 % of a turn
KINDS = ("SELECT", "INSERT", "UPDATE", "DELETE")
DRIVER = ("BEGIN", "COMMIT", "ROLLBACK", "PREPARE")


class Statements:
    """Counts the statements an engine runs, by their first word, and on PostgreSQL the round
    trips SQLAlchemy does not see as statements: asyncpg's BEGIN, COMMIT and ROLLBACK, and a
    statement's first PREPARE on a connection (later ones use the connection's cache)."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.kinds: Counter[str] = Counter()
        self.texts: Counter[str] = Counter()
        event.listen(engine.sync_engine, "before_cursor_execute", self._seen)
        if engine.dialect.name == "postgresql":
            self._count_driver_round_trips()

    def _count_driver_round_trips(self) -> None:
        import asyncpg.transaction

        def counted(owner: Any, name: str, kind: str) -> None:
            real = getattr(owner, name)

            async def call(*args: Any, **kwargs: Any) -> Any:
                self.kinds[kind] += 1
                return await real(*args, **kwargs)

            setattr(owner, name, call)

        for name, kind in (("start", "BEGIN"), ("commit", "COMMIT"), ("rollback", "ROLLBACK")):
            counted(asyncpg.transaction.Transaction, name, kind)
        counted(asyncpg.Connection, "prepare", "PREPARE")

    def _seen(self, _conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        words = statement.split(None, 1)
        kind = words[0].upper() if words else "?"
        self.kinds[kind if kind in KINDS else "other"] += 1
        text = " ".join(statement.split())
        self.texts[text if len(text) < 170 else f"{text[:60]} … {text[-100:]}"] += 1

    @contextmanager
    def counting(self) -> Iterator[tuple[Counter[str], Counter[str]]]:
        kinds_before, texts_before = Counter(self.kinds), Counter(self.texts)
        kinds: Counter[str] = Counter()
        texts: Counter[str] = Counter()
        yield kinds, texts
        kinds.update(self.kinds - kinds_before)
        texts.update(self.texts - texts_before)


@dataclass(frozen=True)
class Scenario:
    name: str
    activities: Callable[[int], Awaitable[list[dict[str, Any]]]]


def scenarios(teams: Teams, url: str, seeded: Any, now: datetime) -> list[Scenario]:
    rng = random.Random(5)

    def said(text: str) -> Callable[[int], Awaitable[list[dict[str, Any]]]]:
        async def build(n: int) -> list[dict[str, Any]]:
            return [teams.personal(PEOPLE[i % len(PEOPLE)], text) for i in range(n)]

        return build

    def clicked(pairs: list[tuple[Any, dict[str, Any]]]) -> list[dict[str, Any]]:
        return [
            teams.personal(user, "", value=value, reply_to=f"card-{n}")
            for n, (user, value) in enumerate(pairs)
        ]

    async def takes(n: int) -> list[dict[str, Any]]:
        return clicked(await open_swaps(url, seeded, now.date(), n, rng))

    async def intakes(n: int) -> list[dict[str, Any]]:
        return clicked(await open_case_cards(url, seeded, n, now - timedelta(minutes=10)))

    return [
        Scenario("vagt", said("vagt")),
        Scenario("vagtplan", said("vagtplan")),
        Scenario("swap take", takes),
        Scenario("case log", intakes),
    ]


def _per_turn(kinds: Counter[str], turns: int) -> str:
    total = sum(kinds[k] for k in (*KINDS, "other"))
    parts = [f"{k} {kinds[k] / turns:.1f}" for k in (*KINDS, "other") if kinds[k]]
    line = f"{total / turns:.1f} ({', '.join(parts) or 'none'})"
    driver = [f"{k} {kinds[k] / turns:.1f}" for k in DRIVER if kinds[k]]
    if driver:  # PostgreSQL: every statement is a round trip, and so is each of these
        trips = total + sum(kinds[k] for k in DRIVER)
        line += f"; round trips {trips / turns:.1f} (+ {', '.join(driver)})"
    return line


def report(
    name: str,
    turns: int,
    turn_sql: tuple[Counter[str], Counter[str]],
    outbox_sql: tuple[Counter[str], Counter[str]],
    profile: cProfile.Profile,
    top: int,
    statements: bool,
) -> None:
    print(f"\n## {name}: {turns} turns, one at a time\n")
    print(f"- SQL statements per turn: {_per_turn(turn_sql[0], turns)}")
    print(f"- outbox afterwards, per turn: {_per_turn(outbox_sql[0], turns)}")
    if statements:
        for text, n in sorted(turn_sql[1].items(), key=lambda kv: -kv[1]):
            print(f"    {n / turns:5.2f}× {text}")
        for text, n in sorted(outbox_sql[1].items(), key=lambda kv: -kv[1]):
            print(f"    {n / turns:5.2f}× (outbox) {text}")
    stats = pstats.Stats(profile)
    rows: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    calls = sum(nc for (_cc, nc, _tt, _ct, _callers) in rows.values())
    handler = max(
        (
            ct
            for (f, _l, fn), (_cc, _nc, _tt, ct, _c) in rows.items()
            if (f.endswith(HANDLER[0]) and fn == HANDLER[1])
        ),
        default=0.0,
    )
    print(f"- Python calls per turn (the whole process): {calls / turns:,.0f}")
    print(f"- top cumulative, as a share of the bot's handler ({HANDLER[1]}):\n")
    ordered = sorted(rows.items(), key=lambda kv: -kv[1][3])
    shown = 0
    for (file, line, function), (_cc, nc, _tt, ct, _callers) in ordered:
        if shown == top or not handler:
            break
        if ct > handler * 1.0001 or file == "~" or "asyncio" in file or "aiohttp/web_" in file:
            continue
        where = _short(file)
        print(f"    {ct / handler:6.1%}  {nc / turns:7.1f}×  {where}:{line} {function}")
        shown += 1


def _short(file: str) -> str:
    for marker in ("site-packages/", "/perf/", "/main/", "/lib/python3"):
        if marker in file:
            return file.split(marker, 1)[1]
    return file


async def main(args: argparse.Namespace) -> None:
    now = datetime.now(COPENHAGEN).replace(hour=10, minute=0, second=0, microsecond=0)
    with tempfile.TemporaryDirectory() as folder:
        async with fresh_database(args.db, Path(folder)) as url:
            seeded = await seed(url, now, random.Random(2027))
            clock = FakeClock()
            clock.set(now)
            async with teams_session(url, clock, rate_limit_messages=10**6) as teams:
                services = teams.services
                for task in services.tasks:  # the harness runs the outbox itself
                    task.cancel()
                async with unit_of_work(services.sessions) as session:
                    await session.execute(update(Team).values(service_url=teams.connector.url))
                    await session.execute(
                        update(ConversationRef).values(service_url=teams.connector.url)
                    )
                counter = Statements(services.engine)
                warm = await scenarios(teams, url, seeded, now)[0].activities(20)
                for activity in warm:  # first-time imports and caches
                    await teams.post(activity)
                await teams.settle()
                for scenario in scenarios(teams, url, seeded, now):
                    if args.only and scenario.name not in args.only:
                        continue
                    activities = await scenario.activities(args.turns)
                    profile = cProfile.Profile()
                    with counter.counting() as turn_sql:
                        profile.enable()
                        for activity in activities:
                            status = await teams.post(activity)
                            assert status in (200, 201), status
                        profile.disable()
                    with counter.counting() as outbox_sql:
                        await teams.settle()
                    report(
                        scenario.name,
                        len(activities),
                        turn_sql,
                        outbox_sql,
                        profile,
                        args.top,
                        args.statements,
                    )
    await drop_template()


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.profile")
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--turns", type=int, default=50)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument(
        "--only", action="append", help="vagt, vagtplan, 'swap take', 'case log' (repeatable)"
    )
    parser.add_argument(
        "--statements", action="store_true", help="list each statement's text and count"
    )
    return parser.parse_args()


if __name__ == "__main__":
    asyncio.run(main(parse()))
