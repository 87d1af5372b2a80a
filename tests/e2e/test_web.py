"""The browser pages over HTTP: sign-in by a one-time link, sessions, CSRF, access as in chat.

(The same flows in a real Chromium, with axe-core, are in tests/browser/.)"""

import logging
import re
from datetime import date

import aiohttp
import pytest

from tests.e2e.flows import setup
from tests.e2e.people import ANNE, BO, CAMILLA, LIS, SIGNE, TEAM
from tests.e2e.teams import Teams, User, teams_session
from tests.e2e.test_cases import log_case
from tests.e2e.test_cases import outcome as outcome_of
from tests.e2e.test_rota_and_duty import holders
from tests.e2e.test_swaps import first_day_of, short
from tests.test_cli_rota import run


async def web_link(teams: Teams, user: User, command: str = "web") -> str:
    """The sign-in link the bot sends in the 1:1 chat, pointed at the test server."""
    reply = (await teams.say(teams.personal(user, command)))[0].text
    url = next(w for w in reply.split() if "/web/login/" in w)
    return url.replace("http://127.0.0.1:3978", teams.bot_url)


def browser() -> aiohttp.ClientSession:
    return aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))


async def signed_in(teams: Teams, user: User, command: str = "web") -> aiohttp.ClientSession:
    session = browser()
    async with session.get(await web_link(teams, user, command)) as response:
        assert response.status == 200
    return session


def csrf(page: str) -> str:
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', page)
    assert found, "no CSRF token on the page"
    return found.group(1)


async def test_a_link_signs_in_once_and_sets_a_safe_cookie(
    sqlite_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    async with teams_session(sqlite_url) as teams:
        await teams.at("2027-01-04 07:00")
        await setup(teams, on_rota=(ANNE, BO, CAMILLA))
        url = await web_link(teams, ANNE, "åbn")
        token = url.rsplit("/", 1)[1]
        async with browser() as anne:
            async with anne.get(url, allow_redirects=False) as response:
                assert response.status == 303
                assert response.headers["Location"] == "/web/vagtplan"
                cookie = response.headers["Set-Cookie"]
                assert "hotline_session=" in cookie and "HttpOnly" in cookie
                assert "SameSite=Lax" in cookie and "Max-Age=28800" in cookie
            async with anne.get(f"{teams.bot_url}/web/vagtplan") as response:
                page = await response.text()
                assert response.status == 200
                csp = response.headers["Content-Security-Policy"]
                assert "script-src 'self'" in csp and "unsafe-inline" not in csp
            assert "Anne Hansen" in page and '<html lang="da">' in page
        async with browser() as thief:  # the same link again: refused, no data
            async with thief.get(url) as response:
                assert response.status == 401
                assert "Anne Hansen" not in await response.text()
            async with thief.get(f"{teams.bot_url}/web/vagtplan") as response:
                assert response.status == 401
    assert token not in caplog.text
    assert "/web/login/[redacted]" in caplog.text


async def test_an_expired_link_and_no_session_get_no_data(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await teams.at("2027-01-04 07:00")
        await setup(teams, on_rota=(ANNE, BO, CAMILLA))
        url = await web_link(teams, ANNE)
        await teams.at("2027-01-04 07:11")
        async with browser() as anne:
            async with anne.get(url) as response:
                assert response.status == 401
            for page in ("vagtplan", "tal", "tal.csv", "omstilling"):
                async with anne.get(f"{teams.bot_url}/web/{page}") as response:
                    assert response.status == 401, page
                    assert "Anne Hansen" not in await response.text()


async def test_the_session_ends_after_eight_hours(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await teams.at("2027-01-04 07:00")
        await setup(teams, on_rota=(ANNE, BO, CAMILLA))
        async with await signed_in(teams, ANNE) as anne:
            await teams.at("2027-01-04 14:59")
            async with anne.get(f"{teams.bot_url}/web/vagtplan") as response:
                assert response.status == 200
            await teams.at("2027-01-04 15:01")
            async with anne.get(f"{teams.bot_url}/web/vagtplan") as response:
                assert response.status == 401


async def test_a_leavers_session_stops_at_once(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await teams.at("2027-01-04 07:00")
        await setup(teams, on_rota=(ANNE, BO, CAMILLA))
        async with await signed_in(teams, ANNE) as anne:
            teams.roster(*(u for u in TEAM if u is not ANNE))
            await teams.say(teams.members_changed(LIS, removed=(ANNE,)))
            async with anne.get(f"{teams.bot_url}/web/vagtplan") as response:
                assert response.status == 401
                assert "Bo Jensen" not in await response.text()


async def test_the_month_shows_the_holders_and_a_swap_is_taken_once(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await teams.at("2027-01-04 07:00")
        await setup(teams, on_rota=(ANNE, BO, CAMILLA))
        rota = await holders(teams)
        day = first_day_of(rota, ANNE)
        await teams.say(teams.personal(ANNE, f"byt {short(day)}"))
        base = teams.bot_url
        async with await signed_in(teams, BO) as bo, await signed_in(teams, CAMILLA) as camilla:
            async with bo.get(f"{base}/web/vagtplan?month=2027-01") as response:
                page = await response.text()
            for when, name in rota.items():
                if when.month == 1 and name:
                    assert name in page
            assert page.count("Tag vagten</button>") == 1
            async with camilla.get(f"{base}/web/vagtplan?month=2027-01") as response:
                camillas = await response.text()
            form = {"swap": re.search(r'name="swap" value="(\d+)"', page).group(1)}  # type: ignore[union-attr]
            form["month"] = "2027-01"
            async with bo.post(f"{base}/web/vagtplan/tag", data=form) as response:
                assert response.status == 403  # no CSRF token
            async with bo.post(
                f"{base}/web/vagtplan/tag", data={**form, "csrf": csrf(camillas)}
            ) as response:
                assert response.status == 403  # another session's token
            async with bo.post(
                f"{base}/web/vagtplan/tag", data={**form, "csrf": csrf(page)}
            ) as response:
                assert response.status == 200
                assert "Du har nu vagten" in await response.text()
            assert (await holders(teams))[day] == BO.name
            async with camilla.post(
                f"{base}/web/vagtplan/tag", data={**form, "csrf": csrf(camillas)}
            ) as response:
                assert response.status == 409
                assert "allerede taget af Bo Jensen" in await response.text()
            assert (await holders(teams))[day] == BO.name


async def test_the_switchboard_sees_only_its_page(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await teams.at("2027-01-04 09:00")
        await setup(teams, on_rota=(ANNE, BO, CAMILLA))
        code = (await teams.say(teams.personal(LIS, "kode omstilling")))[0].text.split("**")[1]
        await teams.say(teams.personal(SIGNE, f"tilmeld {code}"))
        today = (await holders(teams))[date(2027, 1, 4)]
        async with await signed_in(teams, SIGNE) as signe:
            async with signe.get(f"{teams.bot_url}/web/omstilling") as response:
                page = await response.text()
                assert response.status == 200
            assert today is not None and today in page and "70 12 34 56" in page
            assert "/web/vagtplan" not in page and "/web/tal" not in page
            for other in ("vagtplan", "tal", "tal.csv"):
                async with signe.get(f"{teams.bot_url}/web/{other}") as response:
                    assert response.status == 403, other
                    assert "Bo Jensen" not in await response.text()
            answer = {"who": "employer", "what": "risk", "csrf": csrf(page)}
            async with signe.post(f"{teams.bot_url}/web/omstilling", data=answer) as response:
                assert "Stil om til fastholdelsestelefonen" in await response.text()
            async with signe.post(
                f"{teams.bot_url}/web/omstilling", data={"who": "employer", "what": "risk"}
            ) as response:
                assert response.status == 403


async def test_the_csv_has_the_rows_of_the_stats_command(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await teams.at("2027-01-04 07:00")
        await setup(teams, on_rota=(ANNE, BO, CAMILLA))
        await teams.at("2027-01-20 10:00")
        for call, outcome, misroute in (
            ("2027-01-04 09:00", "referred", "complaint"),
            ("2027-01-11 00:30", "settled", ""),  # Monday locally, Sunday in UTC
            ("2027-01-18 08:00", "referred", "payment"),
        ):
            card = (await log_case(teams, LIS, call))[1]
            await outcome_of(teams, card, outcome=outcome, not_hotline=misroute)
        async with await signed_in(teams, LIS) as lis:
            async with lis.get(f"{teams.bot_url}/web/tal") as response:
                page = await response.text()
                assert response.status == 200 and page.count("<svg") == 7
            query = "from=2027-01-01&to=2027-01-20"
            async with lis.get(f"{teams.bot_url}/web/tal.csv?{query}") as response:
                assert response.content_type == "text/csv"
                downloaded = await response.text()
    cli = run(sqlite_url, "stats", "--from", "2027-01-01", "--to", "2027-01-20")
    assert cli.returncode == 0, cli.stderr
    assert downloaded.splitlines() == cli.stdout.splitlines()
    assert len(downloaded.splitlines()) == 5 and "complaint=1" in downloaded


async def test_an_away_holder_is_never_the_one_to_call_on_the_pages(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await teams.at("2027-01-04 09:00")
        await setup(teams, on_rota=(ANNE, BO, CAMILLA))
        code = (await teams.say(teams.personal(LIS, "kode omstilling")))[0].text.split("**")[1]
        await teams.say(teams.personal(SIGNE, f"tilmeld {code}"))
        day = first_day_of(await holders(teams), ANNE)
        await teams.say(teams.personal(ANNE, f"fravær {short(day)} ferie"))
        await teams.at(f"{day.isoformat()} 10:00")
        async with await signed_in(teams, SIGNE) as signe:
            async with signe.get(f"{teams.bot_url}/web/omstilling") as response:
                page = await response.text()
            # Told as in chat: away, not taken, and never why (the switchboard).
            assert "Anne Hansen er fraværende" in page and "ferie" not in page
            answer = {"who": "employer", "what": "payment", "csrf": csrf(page)}
            async with signe.post(f"{teams.bot_url}/web/omstilling", data=answer) as response:
                # A referral without a number says so, as the chat's verdict does.
                assert "nummeret mangler" in await response.text()
        async with (
            await signed_in(teams, BO) as bo,
            bo.get(f"{teams.bot_url}/web/vagtplan") as response,
        ):
            assert "Anne Hansen har ferie – ikke taget endnu" in await response.text()
