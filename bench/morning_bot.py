"""The bot as `hotline-bot serve` runs it, on a clock the benchmark moves: it stands at 07:59
on a Monday until POST /bench/morning sets it to 08:00 (from there it runs at the wall clock's
pace, so Retry-After waits really pass) and runs the minute's tick, as the scheduler would.

python -m bench.morning_bot --port N   (HOTLINE_DATABASE_URL and HOTLINE_CONFIG as for serve)
"""

import argparse
import asyncio
from dataclasses import replace
from datetime import datetime, time

from aiohttp import web

from bench.fanout import MONDAY
from bot.app import SERVICES, create_app
from bot.config import listen_url, load_settings
from bot.gc_pauses import freeze_after_startup
from bot.jobs import tick
from domain.clock import FakeClock


def app(port: int) -> web.Application:
    settings = replace(load_settings(), listen_url=listen_url("127.0.0.1", port))
    clock = FakeClock()
    clock.set(datetime.combine(MONDAY, time(7, 59), settings.zone))
    application = create_app(settings, clock, scheduled=False)
    ticks: set[asyncio.Task[int]] = set()

    async def morning(request: web.Request) -> web.Response:
        clock.set(datetime.combine(MONDAY, time(8, 0), settings.zone))
        clock.run()
        task = asyncio.create_task(tick(request.app[SERVICES]))
        ticks.add(task)
        task.add_done_callback(ticks.discard)
        return web.json_response({"ticked": clock.now().isoformat()}, status=202)

    application.router.add_post("/bench/morning", morning)
    application.on_startup.append(freeze_after_startup)  # as `hotline-bot serve` does
    return application


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    web.run_app(app(args.port), host="127.0.0.1", port=args.port, print=None)


if __name__ == "__main__":
    main()
