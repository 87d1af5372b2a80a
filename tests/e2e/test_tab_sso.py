"""The Teams tab over HTTP: its pages load only this server's scripts and may be framed by Teams
alone; `POST /web/sso` turns a Teams SSO token into a web session for the member, and refuses
every token that is not this app's, this tenant's, current and signed by Entra ID."""

import contextlib
import re
import time
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import datetime
from typing import Any

import aiohttp
from aiohttp import web

from bot.app import SERVICES, create_app
from bot.config import Settings
from bot.logs import RedactingAccessLogger
from bot.sso import START_SESSION
from dialogs.context import Context
from dialogs.messages import t
from domain.clock import FakeClock
from store.db import unit_of_work
from store.store import Store
from tests.e2e.people import ANNE, SIGNE
from tests.e2e.teams import Teams, free_port, running_connector
from tests.e2e.test_switchboard import switchboard_team
from tests.entra import RESOURCE, TENANT, Entra, Keys, running_entra

Started = list[tuple[int, int]]


@contextlib.asynccontextmanager
async def tab_server(database: str, entra: Entra, started: Started | None) -> AsyncIterator[Teams]:
    """The bot as the test harness runs it, with a stand-in for the web pages' session store:
    it records whom it started a session for and answers a cookie value naming them (with
    `started` None: the real web sessions)."""

    async def start(ctx: Context, member_id: int, team_id: int, now: datetime) -> str:
        assert started is not None
        started.append((member_id, team_id))
        return f"session-{member_id}-{team_id}"

    port = free_port()
    settings = Settings(
        database_url=database,
        phone="70 12 34 56",
        public_url=f"http://127.0.0.1:{port}",
        tenants=TENANT,
        sso_resource=RESOURCE,
        sso_openid_metadata_url=entra.metadata_url,
    )
    clock = FakeClock()
    app = create_app(settings, clock, migrate=False, scheduled=False)
    if started is not None:
        app[START_SESSION] = start
    runner = web.AppRunner(app, access_log_class=RedactingAccessLogger)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        async with running_connector() as connector, aiohttp.ClientSession() as http:
            yield Teams(settings.public_url, connector, app[SERVICES], clock, http)
    finally:
        await runner.cleanup()


async def sign_in(
    teams: Teams, token: str, page: str = "vagtplan", **headers: str
) -> tuple[int, dict[str, Any], str]:
    """POST /web/sso as tab.js does; the status, the answer and the Set-Cookie header."""
    body = {"token": token, "page": page, "team": "", "locale": "da-DK"}
    async with teams.http.post(
        teams.bot_url + "/web/sso",
        json=body,
        headers={"Origin": teams.bot_url, **headers},
    ) as response:
        json_ = response.content_type == "application/json"
        answer = await response.json() if json_ else {}
        return response.status, answer, response.headers.get("Set-Cookie", "")


async def ids(teams: Teams, aad: str) -> tuple[int, int]:
    async with unit_of_work(teams.services.sessions) as session:
        member = await Store(session).members.by_aad(TENANT, aad)
        assert member is not None
        ((team, _),) = await Store(session).members.teams_of(member.id)
        return member.id, team.id


async def test_a_team_member_signs_in_with_the_tab_token(sqlite_url: str) -> None:
    started: Started = []
    async with running_entra() as entra, tab_server(sqlite_url, entra, started) as teams:
        await switchboard_team(teams)
        status, answer, cookie = await sign_in(teams, entra.token(oid=ANNE.aad_id))
        assert (status, answer) == (200, {"url": "/web/vagtplan"})
        assert started == [await ids(teams, ANNE.aad_id)]
        member, team = started[0]
        assert cookie.startswith(f"hotline_session=session-{member}-{team};")
        # Inside Teams the page is a frame of another site: the cookie must be sent there.
        for attribute in ("HttpOnly", "Secure", "SameSite=None", "Partitioned", "Path=/"):
            assert attribute.lower() in cookie.lower(), attribute

        # The switchboard's tabs: Omstilling opens its page, the others say they are not theirs.
        status, answer, _ = await sign_in(teams, entra.token(oid=SIGNE.aad_id), "omstilling")
        assert (status, answer) == (200, {"url": "/web/omstilling"})
        status, answer, _ = await sign_in(teams, entra.token(oid=SIGNE.aad_id), "tal")
        assert status == 200 and answer["url"].startswith("/web/tab/role")
        async with teams.http.get(teams.bot_url + answer["url"]) as response:
            assert "ikke for omstillingen" in await response.text()
        assert len(started) == 3


async def test_tokens_that_are_not_this_apps_are_refused(sqlite_url: str) -> None:
    started: Started = []
    async with running_entra() as entra, tab_server(sqlite_url, entra, started) as teams:
        await switchboard_team(teams)
        refused = {
            "wrong audience": entra.token(aud="api://evil.example/x"),
            "wrong issuer": entra.token(iss="https://evil.example/tenant-1/v2.0"),
            "other tenant": entra.token(tid="tenant-2", iss=entra.issuer("tenant-2")),
            "expired": entra.token(exp=int(time.time()) - 3600),
            "bad signature": entra.token(keys=Keys(kid=entra.keys.kid)),
            "not a token": "not-a-token",
        }
        for name, token in refused.items():
            status, answer, cookie = await sign_in(teams, token)
            assert status == 401, name
            assert answer == {"message": "Du kunne ikke logges ind. Luk fanen og åbn den igen."}
            assert cookie == "", name
        status, answer, _ = await sign_in(teams, entra.token(oid="aad-nobody"))
        assert status == 403 and "kender dig ikke" in answer["message"]
        assert started == []


async def test_only_json_from_our_own_origin_signs_in(sqlite_url: str) -> None:
    """Login CSRF: another site can neither post a form here nor fetch with our Origin."""
    started: Started = []
    async with running_entra() as entra, tab_server(sqlite_url, entra, started) as teams:
        await switchboard_team(teams)
        token = entra.token(oid=ANNE.aad_id)
        status, answer, _ = await sign_in(teams, token, Origin="https://evil.example")
        assert status == 403
        # Every refusal is JSON with a text from the catalogue: the tab's script shows it.
        assert answer["message"] == t("da", "tab_refused")
        form = {"token": token, "page": "vagtplan"}
        async with teams.http.post(teams.bot_url + "/web/sso", data=form) as response:
            assert response.status == 415
            assert (await response.json())["message"] == t("da", "tab_refused")
        assert started == []
        assert (await sign_in(teams, token))[0] == 200


async def test_the_tab_pages_load_only_our_scripts_and_only_teams_may_frame_them(
    sqlite_url: str,
) -> None:
    async with running_entra() as entra, tab_server(sqlite_url, entra, []) as teams:
        for path in ("/web/tab?page=tal&lang=en-us", "/web/tab/config", "/web/tab/role"):
            async with teams.http.get(teams.bot_url + path) as response:
                assert response.status == 200, path
                page = await response.text()
                policy = response.headers["Content-Security-Policy"]
            assert "script-src 'self'" in policy and "unsafe-inline" not in policy
            assert "frame-ancestors https://teams.microsoft.com" in policy
            assert re.findall(r"<script(?![^>]*\bsrc=)", page) == []  # no inline script
            for script in re.findall(r'<script src="([^"]+)"', page):
                async with teams.http.get(teams.bot_url + script) as response:
                    assert response.status == 200, script
                    assert response.content_type == "text/javascript"
        async with teams.http.get(teams.bot_url + "/web/tab?page=tal&lang=en-us") as response:
            assert 'data-page="tal"' in await response.text()
        async with teams.http.get(teams.bot_url + "/web/tab/js/teams.js") as response:
            assert (await response.text()).startswith("/*! @microsoft/teams-js 2.58.0 | MIT")
        for missing in ("/web/tab?page=admin", "/web/tab/js/sso.py", "/web/tab/js/..%2Fsso.py"):
            async with teams.http.get(teams.bot_url + missing) as response:
                assert response.status == 404, missing


async def test_the_tab_token_opens_the_same_pages_as_a_sign_in_link(sqlite_url: str) -> None:
    async with running_entra() as entra, tab_server(sqlite_url, entra, None) as teams:
        await switchboard_team(teams)
        status, answer, cookie = await sign_in(teams, entra.token(oid=ANNE.aad_id))
        assert status == 200
        value = cookie.split(";")[0].split("=", 1)[1]
        async with teams.http.get(
            teams.bot_url + answer["url"], cookies={"hotline_session": value}
        ) as response:
            assert response.status == 200
            assert "Vagtplan" in await response.text()


def test_the_stand_in_mirrors_the_real_setting_names() -> None:
    assert replace(Settings(), sso_resource=RESOURCE).sso_audience == RESOURCE
