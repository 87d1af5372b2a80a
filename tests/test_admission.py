"""Overload protection: turns beyond the limit are refused at once with 503 and Retry-After,
the rest of the server stays answerable, and the next turn after the load is served."""

import asyncio
import time
from typing import Any

from tests.e2e.flows import setup
from tests.e2e.people import ANNE, BO
from tests.e2e.teams import teams_session


async def test_a_turn_beyond_the_limit_is_refused_at_once_and_the_next_is_served(
    sqlite_url: str,
) -> None:
    async with teams_session(sqlite_url, max_turns_in_flight=1) as teams:
        await setup(teams, on_rota=(ANNE, BO), lead=ANNE)
        runner = teams.services.runner
        answer = runner.message
        entered, release = asyncio.Event(), asyncio.Event()

        async def slow(request: Any) -> Any:
            entered.set()
            await release.wait()
            return await answer(request)

        runner.message = slow  # type: ignore[method-assign]
        first = asyncio.create_task(teams.post(teams.personal(BO, "vagt")))
        await asyncio.wait_for(entered.wait(), 10)

        began = time.perf_counter()
        async with teams.http.post(
            teams.bot_url + "/api/messages", json=teams.personal(BO, "vagt")
        ) as refused:
            assert refused.status == 503
            assert refused.headers["Retry-After"] == "1"
        assert time.perf_counter() - began < 1.0
        async with teams.http.get(teams.bot_url + "/healthz") as health:
            assert health.status == 200

        release.set()
        assert await first in (200, 201)
        runner.message = answer  # type: ignore[method-assign]
        replies = await teams.say(teams.personal(BO, "vagt"))
        assert "har fastholdelsestelefonen" in replies[0].text
