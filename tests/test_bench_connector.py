"""The benchmark's connector stand-in counts what the bot sends, and among it the turns the bot
answered with its error apology: a turn that failed inside still gets an answer, so a count of
replies alone would not show it."""

from typing import Any

import aiohttp
import pytest
from aiohttp import web

from bench.connector import ChannelThrottled, app
from bench.seed import PEOPLE, Seeded
from bench.serving import _rostered
from dialogs.messages import t
from tests.e2e.connector import Sent
from tests.e2e.teams import TEAM_ID, free_port


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_error_apology_is_counted_and_an_answer_is_not(lang: str) -> None:
    connector = ChannelThrottled()
    connector._record(Sent("a:1", {"text": t(lang, "error_apology", ref="0f3a")}))
    connector._record(Sent("a:1", {"text": t(lang, "no_phone")}))
    assert (connector.received, connector.apologies, connector.sent) == (2, 1, [])


async def test_the_stand_in_answers_the_seeded_teams_roster() -> None:
    """The bot's nightly roster sync asks the stand-in for the team's people; an empty answer
    took every seeded person out of the team in a run that crossed 02:30."""
    runner = web.AppRunner(app())
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    url = f"http://127.0.0.1:{port}"
    seeded = Seeded(1, {n: user for n, user in enumerate(PEOPLE[:5])})
    try:
        assert await _roster(url) == []
        await _rostered(url, seeded)
        assert await _roster(url) == [user.roster_entry() for user in PEOPLE[:5]]
    finally:
        await runner.cleanup()


async def _roster(url: str) -> list[dict[str, Any]]:
    """The whole roster, page by page, as the connector client asks for it."""
    people: list[dict[str, Any]] = []
    token = ""
    async with aiohttp.ClientSession() as http:
        while True:
            async with http.get(
                f"{url}/v3/conversations/{TEAM_ID}/pagedmembers",
                params={"continuationToken": token} if token else {},
            ) as response:
                page = await response.json()
            people += page["members"]
            token = page.get("continuationToken") or ""
            if not token:
                return people
