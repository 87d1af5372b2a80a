"""Page speed: the browser pages for a team of 50 with a year of rota and 500 cases.

python -m bench.pages [--runs 20]

Each page is fetched `--runs` times from the bot in this process (over loopback HTTP, signed
in with a real session); the time is the request's, measured around it: the server's work plus
a loopback round trip. The budget is 100 ms a page.
"""

import argparse
import asyncio
import random
import statistics
import tempfile
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import aiohttp

from bench.seed import FIRST, LAST, seed
from domain.clock import FakeClock
from tests.databases import fresh_database
from tests.e2e.teams import User, teams_session

PEOPLE = tuple(User(f"w{i:02d}", f"{FIRST[i % 10]} {LAST[i // 10 % 3]} {i}") for i in range(50))
PAGES = ("vagtplan", "vagtplan?month={next}", "tal", "tal.csv", "omstilling")
BUDGET_MS = 100.0


async def measure(runs: int = 20) -> str:
    now = datetime.now(ZoneInfo("Europe/Copenhagen")).replace(hour=10)
    with tempfile.TemporaryDirectory() as folder:
        async with fresh_database("sqlite", Path(folder)) as url:
            await seed(url, now, random.Random(2027), PEOPLE)
            clock = FakeClock()
            clock.set(now)
            async with teams_session(url, clock, rate_limit_messages=10**6) as teams:
                reply = (await teams.say(teams.personal(PEOPLE[0], "web")))[0].text
                link = next(w for w in reply.split() if "/web/login/" in w)
                link = link.replace("http://127.0.0.1:3978", teams.bot_url)
                jar = aiohttp.CookieJar(unsafe=True)
                async with aiohttp.ClientSession(cookie_jar=jar) as browser:
                    async with browser.get(link) as response:
                        assert response.status == 200, response.status
                    nxt = f"{now.year + (now.month == 12)}-{now.month % 12 + 1:02d}"
                    timings = {}
                    for page in PAGES:
                        path = page.format(next=nxt)
                        spent = []
                        for _ in range(runs + 2):
                            began = time.perf_counter()
                            async with browser.get(f"{teams.bot_url}/web/{path}") as response:
                                await response.read()
                                assert response.status == 200, (path, response.status)
                            spent.append((time.perf_counter() - began) * 1000)
                        timings[path.split("?")[0] + (" (next month)" if "?" in path else "")] = (
                            spent[2:]  # the first two warm the caches
                        )
    parts = ", ".join(
        f"{name} {statistics.median(ms):.0f} ms (max {max(ms):.0f})" for name, ms in timings.items()
    )
    worst = max(max(ms) for ms in timings.values())
    verdict = "within" if worst <= BUDGET_MS else "OVER"
    return (
        f"web pages, team of 50, a year of rota, 500 cases, median of {runs}: {parts}; "
        f"{verdict} the {BUDGET_MS:.0f} ms budget"
    )


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.pages")
    parser.add_argument("--runs", type=int, default=20)
    print(asyncio.run(measure(parser.parse_args().runs)))


if __name__ == "__main__":
    main()
