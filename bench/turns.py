"""Turns per second through the real server and a local connector stand-in.

python -m bench.turns [--turns 600] [--concurrency 20]

Starts the bot on a fresh SQLite database with a team of 30 on the rota, and drives `vagt`
from 20 conversations at once; prints throughput and latency percentiles. Loopback only,
bounded in count.
"""

import argparse
import asyncio
import tempfile
import time

from bot.clock import FakeClock
from tests.databases import fresh_database
from tests.e2e.flows import setup
from tests.e2e.teams import Teams, User, teams_session


async def run(turns: int, concurrency: int) -> None:
    people = tuple(User(f"p{i}", f"Person {i:02d}") for i in range(30))
    with tempfile.TemporaryDirectory() as folder:
        async with (
            fresh_database("sqlite", folder) as url,
            teams_session(url, FakeClock(), rate_limit_messages=10**6) as teams,
        ):
            teams.at("2027-01-04 07:00")
            await setup(teams, on_rota=people[1:], lead=people[0], people=people)
            latencies = await drive(teams, people, turns, concurrency)
    latencies.sort()
    total = sum(latencies)
    print(
        f"`vagt` x {turns} turns, {concurrency} at once: "
        f"{turns / wall[0]:.0f} turns/s, "
        f"p50 {latencies[len(latencies) // 2] * 1000:.0f} ms, "
        f"p95 {latencies[int(len(latencies) * 0.95)] * 1000:.0f} ms, "
        f"p99 {latencies[int(len(latencies) * 0.99)] * 1000:.0f} ms "
        f"(mean {total / len(latencies) * 1000:.0f} ms)"
    )


wall = [0.0]


async def drive(
    teams: Teams,
    people: tuple[User, ...],
    turns: int,
    concurrency: int,
) -> list[float]:
    latencies: list[float] = []
    queue: asyncio.Queue[int] = asyncio.Queue()
    for i in range(turns):
        queue.put_nowait(i)

    async def worker(n: int) -> None:
        user = people[n % len(people)]
        while not queue.empty():
            queue.get_nowait()
            start = time.perf_counter()
            status = await teams.post(teams.personal(user, "vagt"))
            latencies.append(time.perf_counter() - start)
            assert status == 201, status

    began = time.perf_counter()
    await asyncio.gather(*(worker(n) for n in range(concurrency)))
    wall[0] = time.perf_counter() - began
    return latencies


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--turns", type=int, default=600)
    parser.add_argument("--concurrency", type=int, default=20)
    args = parser.parse_args()
    asyncio.run(run(args.turns, args.concurrency))


if __name__ == "__main__":
    main()
