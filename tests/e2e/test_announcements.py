"""The morning announcement and the heads-up, driven by a fake clock through the real server."""

import asyncio
from datetime import date

from sqlalchemy import select

from bot.jobs import extend_rotas, tick
from store.db import unit_of_work
from store.models import Duty, Member, OutboxMessage
from store.store import Store
from tests.e2e.connector import Sent
from tests.e2e.flows import setup
from tests.e2e.people import ANNE, BO, CAMILLA, LIS
from tests.e2e.teams import GENERAL, Teams, another_instance, teams_session


async def holder_on(teams: Teams, day: date) -> Member:
    async with unit_of_work(teams.services.sessions) as session:
        member = await session.scalar(
            select(Member).join(Duty, Duty.member_id == Member.id).where(Duty.day == day)
        )
    assert member is not None
    return member


def channel_posts(teams: Teams) -> list[Sent]:
    return [
        s for s in teams.connector.sent if s.conversation_id.startswith(GENERAL + ";messageid=new")
    ]


async def ready_team(teams: Teams, local: str = "2027-01-04 07:00") -> None:
    await teams.at(local)
    await setup(teams, on_rota=(ANNE, BO, CAMILLA))


async def test_the_morning_post_comes_once_at_eight_with_a_real_mention(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await ready_team(teams)
        await teams.at("2027-01-04 07:59")
        assert await tick(teams.services) == 0
        await teams.at("2027-01-04 08:00")
        assert await tick(teams.services) == 1
        await teams.settle()
        [post] = channel_posts(teams)
        holder = await holder_on(teams, date(2027, 1, 4))
        tag = f"<at>{holder.name}</at>"
        assert post.text.startswith(f"God morgen! I dag, mandag 4. januar, har {tag}")
        assert "**70 12 34 56**" in post.text
        [entity] = post.activity["entities"]
        assert entity["type"] == "mention" and entity["text"] == tag
        assert entity["mentioned"]["id"] == holder.teams_user_id
        assert teams.connector.created[-1]["channelData"]["channel"]["id"] == GENERAL
        await teams.at("2027-01-04 08:01")
        assert await tick(teams.services) == 0
        await teams.settle()
        assert len(channel_posts(teams)) == 1


async def test_a_server_started_at_half_past_nine_still_posts_but_not_at_half_past_ten(
    sqlite_url: str,
) -> None:
    async with teams_session(sqlite_url) as teams:
        await ready_team(teams)
        await teams.at("2027-01-04 09:30")
        async with another_instance(teams) as started_late:  # as the scheduler's first run
            assert await tick(started_late) == 1
            await teams.at("2027-01-05 10:30")
            assert await tick(started_late) == 0
        await teams.settle()
        assert len(channel_posts(teams)) == 1


async def test_daylight_saving_weekends_keep_eight_oclock(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await ready_team(teams, "2027-03-22 07:00")
        # Clocks went forward on Easter Sunday; Monday is a holiday.
        await teams.at("2027-03-30 07:59")
        assert await tick(teams.services) == 0
        await teams.at("2027-03-30 08:00")
        assert teams.clock.now().hour == 6  # 08:00 CEST is 06:00 UTC
        assert await tick(teams.services) == 1
        await teams.at("2027-10-25 07:00")
        assert await extend_rotas(teams.services) > 0  # the nightly job plans ahead
        await teams.at("2027-11-01 07:59")  # the Monday after clocks went back
        assert await tick(teams.services) == 0
        await teams.at("2027-11-01 08:00")
        assert teams.clock.now().hour == 7
        assert await tick(teams.services) == 1


async def test_an_absent_holder_is_never_announced_and_the_leads_are_told(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await ready_team(teams)
        day = date(2027, 1, 5)
        holder = await holder_on(teams, day)
        async with unit_of_work(teams.services.sessions) as session:
            team = (await Store(session).teams.all_active())[0]
            Store(session).rota.add_absence(
                team.id, holder.id, day, day, "sick", None, teams.clock.now()
            )
        await teams.at("2027-01-05 08:00")
        assert await tick(teams.services) == 1
        await teams.settle()
        [post] = channel_posts(teams)
        # A sickness is "fraværende" in the channel (health data), and says who to call instead.
        assert f"{holder.name} er fraværende – vagten er ikke taget endnu" in post.text
        assert "<at>" not in post.text
        others = {ANNE.name, BO.name, CAMILLA.name} - {holder.name}
        assert any(f"Ring i stedet til {name}" in post.text for name in others)
        lead_chat = [s for s in teams.connector.sent if "sæt vagt 2027-01-05" in s.text]
        assert len(lead_chat) == 1 and not lead_chat[0].conversation_id.startswith(GENERAL)
        chats = [c for c in teams.connector.created if not c.get("isGroup")]
        assert any(c["members"][0]["id"] == LIS.teams_id for c in chats)


async def test_the_next_holder_gets_a_heads_up_the_afternoon_before(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await ready_team(teams)
        tomorrow = await holder_on(teams, date(2027, 1, 5))
        await teams.at("2027-01-04 14:59")
        assert await tick(teams.services) == 0
        await teams.at("2027-01-04 15:00")
        assert await tick(teams.services) == 1
        await teams.at("2027-01-04 16:00")
        assert await tick(teams.services) == 0
        await teams.settle()
        heads_up = [
            s for s in teams.connector.sent if "Husk: du har fastholdelsestelefonen" in s.text
        ]
        assert len(heads_up) == 1 and "tirsdag 5. januar" in heads_up[0].text
        chats = [c for c in teams.connector.created if not c.get("isGroup")]
        assert any(c["members"][0]["id"] == tomorrow.teams_user_id for c in chats)


async def test_two_replicas_on_one_postgres_database_post_once(pg_url: str) -> None:
    async with teams_session(pg_url) as teams:
        await ready_team(teams)
        await teams.at("2027-01-04 08:00")
        async with another_instance(teams) as second:
            counts = await asyncio.gather(tick(teams.services), tick(second))
            assert sorted(counts) == [0, 1]
            await asyncio.gather(teams.services.outbox.run_once(), second.outbox.run_once())
        await teams.settle()
        assert len(channel_posts(teams)) == 1
        async with unit_of_work(teams.services.sessions) as session:
            rows = list(
                await session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "announce"))
            )
        assert [r.status for r in rows] == ["sent"]
