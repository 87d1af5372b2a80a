"""Private calendar links: subscribe, revoke, and never in the log."""

import logging
from datetime import date

import pytest
from icalendar import Calendar

from tests.e2e.flows import setup
from tests.e2e.people import ANNE, BO, CAMILLA, LIS
from tests.e2e.teams import Teams, User, teams_session


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
