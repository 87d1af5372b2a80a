"""The Friday report in the channel carries the chart of the last five weeks and the Tal link."""

import base64

from bot.jobs import tick
from dialogs.chart import BOTTOM, HEIGHT, PART, REST
from tests.dialogs.test_chart import bar_middles, decode
from tests.e2e.people import LIS
from tests.e2e.teams import teams_session
from tests.e2e.test_cases import log_case, outcome
from tests.e2e.test_swaps import ready


async def test_the_weekly_report_has_the_chart_and_a_link_to_tal(sqlite_url: str) -> None:
    async with teams_session(sqlite_url, public_url="http://127.0.0.1:3978") as teams:
        await ready(teams)
        await teams.at("2027-01-04 10:00")
        first = (await log_case(teams, LIS, "2027-01-04 09:00"))[1]
        await outcome(teams, first, outcome="settled")
        await log_case(teams, LIS, "2027-01-04 09:30")
        await teams.at("2027-01-08 14:00")
        await tick(teams.services)
        await teams.settle()
        (report,) = [s for s in teams.connector.sent if "Ugens tal" in s.text]
        card = report.card
        assert card is not None
        (image,) = [b for b in card["body"] if b["type"] == "Image"]
        assert "uge 1: 2 opkald, 1 klaret i telefonen" in image["altText"]
        rows, _ = decode(base64.b64decode(image["url"].split(",", 1)[1]))
        middles = bar_middles(rows)
        assert len(middles) == 1  # four empty weeks, then this week's bar (the last one)
        base = HEIGHT - BOTTOM
        bar = [r[middles[0]] for r in rows[:base]]
        assert bar.count(PART) == bar.count(REST)  # one of two calls settled on the phone
        assert card["actions"][0]["url"] == "http://127.0.0.1:3978/web/tal"
