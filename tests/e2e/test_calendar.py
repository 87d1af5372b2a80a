"""Private calendar links: subscribe, revoke, and never in the log."""

import logging
from datetime import date
from pathlib import Path

import aiohttp
import pytest
from icalendar import Calendar

from domain.clock import FakeClock
from tests.e2e.flows import setup
from tests.e2e.people import ANNE, BO, CAMILLA, LIS, TEAM
from tests.e2e.processes import start
from tests.e2e.teams import TENANT, Teams, User, running_connector, teams_session


async def link(teams: Teams, user: User, command: str) -> str:
    """The calendar link the bot sends, pointed at the test server."""
    reply = (await teams.say(teams.personal(user, command)))[0].text
    url = next(w for w in reply.split() if "/ical/" in w)
    return url.replace("http://127.0.0.1:3978", teams.bot_url)


async def test_my_calendar_link_serves_my_duties_and_can_be_replaced(
    sqlite_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    async with teams_session(sqlite_url) as teams:
        await teams.at("2027-01-04 07:00")
        await setup(teams, on_rota=(ANNE, BO, CAMILLA))
        url = await link(teams, ANNE, "min kalender")
        secret = url.rsplit("/", 1)[1].removesuffix(".ics")
        async with teams.http.get(url) as response:
            assert response.status == 200
            assert response.content_type == "text/calendar"
            feed = Calendar.from_ical(await response.read())
        events = feed.walk("VEVENT")
        mine = (await teams.say(teams.personal(ANNE, "mine vagter")))[0].text
        assert len(events) == mine.count("\n- ")
        assert all(str(e["summary"]) == "Fastholdelsestelefonen" for e in events)
        assert events[0].decoded("dtstart") >= date(2027, 1, 4)
        again = (await teams.say(teams.personal(ANNE, "min kalender")))[0].text
        assert secret in again  # the same link until renewed
        renewed = (await teams.say(teams.personal(ANNE, "ny kalender")))[0].text
        assert secret not in renewed
        async with teams.http.get(url) as response:
            assert response.status == 404
        channel = (await teams.say(teams.channel(ANNE, "min kalender")))[0].text
        assert "privat chat" in channel
        denied = await teams.say(teams.personal(LIS, "my calendar", locale="en-US"))
        assert "/ical/" in denied[0].text  # a lead has one too
    assert secret not in caplog.text
    assert "/ical/[redacted]" in caplog.text


async def test_the_team_calendar_names_every_holder(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await teams.at("2027-01-04 07:00")
        await setup(teams, on_rota=(ANNE, BO, CAMILLA))
        url = await link(teams, BO, "teamkalender")
        async with teams.http.get(url) as response:
            feed = Calendar.from_ical(await response.read())
        summaries = {str(e["summary"]) for e in feed.walk("VEVENT")}
        assert summaries == {f"Fastholdelsestelefonen: {u.name}" for u in (ANNE, BO, CAMILLA)}
        # Each member has a link of their own: a colleague's renewal breaks nobody else's.
        await teams.say(teams.personal(LIS, "teamkalender ny"))
        async with teams.http.get(url) as response:
            assert response.status == 200
        renewed = (await teams.say(teams.personal(BO, "teamkalender ny")))[0].text
        assert url.rsplit("/", 1)[1] not in renewed
        async with teams.http.get(url) as response:
            assert response.status == 404


async def test_the_team_calendar_has_its_own_text_and_renewal_hint(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await setup(teams, on_rota=(ANNE, BO, CAMILLA))
        text = (await teams.say(teams.personal(BO, "teamkalender")))[0].text
        assert "vagtkalenderen for hele Sygedagpenge" in text
        assert "**teamkalender ny**" in text and "**ny kalender**" not in text
        assert "dine kollegers links virker stadig" in text
        assert "når du forlader teamet" in text
        english = (await teams.say(teams.personal(BO, "team calendar", locale="en-US")))[0].text
        assert "**team calendar new**" in english and "when you leave the team" in english


async def test_calendar_links_name_the_port_serve_listens_on(
    sqlite_url: str, tmp_path: Path
) -> None:
    """Without HOTLINE_PUBLIC_URL the link is where the server listens, not a fixed port."""
    async with running_connector() as connector:
        server = await start(
            "bot",
            ["-m", "bot", "serve"],
            str(tmp_path),
            {"HOTLINE_DATABASE_URL": sqlite_url},
            ready="/readyz",
        )
        try:
            async with aiohttp.ClientSession() as http:
                live = Teams(server.url, connector, None, FakeClock(), http)  # type: ignore[arg-type]
                live.roster(*TEAM)
                await live.say(live.install(LIS))
                reply = (await live.say(live.personal(LIS, "teamkalender")))[0].text
            url = next(w for w in reply.split() if "/ical/" in w)
            assert url.startswith(server.url + "/ical/"), url
            async with aiohttp.ClientSession() as http, http.get(url) as response:
                assert response.status == 200
        finally:
            server.stop()


async def test_a_loopback_link_with_credentials_is_warned_about_at_start(
    sqlite_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="bot.app")
    credentials = {"app_id": "app", "app_password": "pw", "app_tenant_id": TENANT}
    async with teams_session(sqlite_url, **credentials):
        pass
    assert "calendar links point at http://127.0.0.1:3978" in caplog.text
    assert "HOTLINE_PUBLIC_URL" in caplog.text
    caplog.clear()
    async with teams_session(sqlite_url, public_url="https://hotline.kommune.dk", **credentials):
        pass
    assert "calendar links point at" not in caplog.text
