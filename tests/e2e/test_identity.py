"""Who is speaking comes from Teams alone: another channel, a sender without an Entra id, or a
tenant that is not allowed is refused at the door, with nothing stored and nothing sent."""

from typing import Any

from sqlalchemy import func, select

from store.db import unit_of_work
from store.models import ConversationRef, Member
from tests.e2e.flows import install
from tests.e2e.people import ANNE, LIS
from tests.e2e.teams import Teams, teams_session


async def rows(teams: Teams) -> tuple[int, int]:
    async with unit_of_work(teams.services.sessions) as session:
        members = await session.scalar(select(func.count()).select_from(Member))
        refs = await session.scalar(select(func.count()).select_from(ConversationRef))
    return int(members or 0), int(refs or 0)


async def assert_refused(teams: Teams, activity: dict[str, Any]) -> None:
    before, sent = await rows(teams), len(teams.connector.sent)
    assert await teams.post(activity) == 403
    assert await rows(teams) == before
    assert teams.connector.sent[sent:] == []


def in_tenant(activity: dict[str, Any], tenant: str) -> dict[str, Any]:
    activity["channelData"] = {**activity["channelData"], "tenant": {"id": tenant}}
    activity["conversation"] = {**activity["conversation"], "tenantId": tenant}
    return activity


async def test_a_web_chat_activity_is_refused(sqlite_url: str) -> None:
    """Web Chat and Direct Line let the client choose its own `from`."""
    async with teams_session(sqlite_url) as teams:
        for channel in ("webchat", "directline", "emulator", "MSTEAMS", None):
            activity = {**teams.personal(ANNE, "hjælp"), "channelId": channel}
            await assert_refused(teams, activity)
        assert await rows(teams) == (0, 0)
        assert await teams.say(teams.personal(ANNE, "hjælp"))


async def test_a_message_without_an_entra_id_is_refused(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await install(teams)
        anonymous = teams.personal(ANNE, "hjælp")
        anonymous["from"] = {"id": ANNE.teams_id, "name": ANNE.name}
        await assert_refused(teams, anonymous)
        blank = teams.channel(ANNE, "vagt")
        blank["from"] = {**ANNE.account(), "aadObjectId": ""}
        await assert_refused(teams, blank)
        invoke = {**anonymous, "type": "invoke", "name": "adaptiveCard/action"}
        await assert_refused(teams, invoke)
        assert await teams.say(teams.personal(ANNE, "hjælp"))


async def test_member_events_need_no_entra_id_on_the_sender(sqlite_url: str) -> None:
    """Teams' own events are let in: their people come from the roster the connector gives."""
    async with teams_session(sqlite_url) as teams:
        teams.roster(LIS, ANNE)
        event = teams.install(LIS)
        event["from"] = {"id": LIS.teams_id}
        assert await teams.post(event) == 201
        members, _ = await rows(teams)
        assert members == 2


async def test_only_the_listed_tenants_get_in(sqlite_url: str) -> None:
    async with teams_session(sqlite_url, tenants="tenant-1, tenant-9") as teams:
        await assert_refused(teams, in_tenant(teams.personal(ANNE, "hjælp"), "tenant-2"))
        await assert_refused(teams, in_tenant(teams.install(LIS), "tenant-2"))
        no_tenant = teams.personal(ANNE, "hjælp")
        del no_tenant["channelData"]["tenant"], no_tenant["conversation"]["tenantId"]
        await assert_refused(teams, no_tenant)
        assert await teams.say(teams.personal(ANNE, "hjælp"))
        assert await teams.say(in_tenant(teams.personal(ANNE, "hjælp"), "tenant-9"))


async def test_the_apps_own_tenant_is_the_default_allow_list(sqlite_url: str) -> None:
    async with teams_session(sqlite_url, app_tenant_id="tenant-1") as teams:
        await assert_refused(teams, in_tenant(teams.personal(ANNE, "hjælp"), "tenant-2"))
        assert await teams.say(teams.personal(ANNE, "hjælp"))
    async with teams_session(sqlite_url, app_tenant_id="tenant-1", tenants="*") as teams:
        assert await teams.say(in_tenant(teams.personal(ANNE, "hjælp"), "tenant-2"))


async def test_the_tenant_is_read_where_the_turn_reads_it(sqlite_url: str) -> None:
    """channelData.tenant decides, as in the turn: an allowed conversation.tenantId beside a
    foreign channelData.tenant does not get in."""
    async with teams_session(sqlite_url, tenants="tenant-1") as teams:
        mixed = teams.personal(ANNE, "hjælp")
        mixed["channelData"] = {"tenant": {"id": "tenant-2"}}
        await assert_refused(teams, mixed)
