"""A card a person's own message brought up is theirs to press, a button acts only on the kind
of card it belongs to, and a group chat shows nothing of a team (found by an attacker's review:
a lead pressing a colleague's "which team?" card in a group chat ran her command as the lead)."""

from typing import Any

from sqlalchemy import select

from store.db import unit_of_work
from store.models import CardFlow, Member, Team
from tests.e2e.flows import install, submit_data
from tests.e2e.people import ANNE, BO, LIS
from tests.e2e.teams import TENANT, Teams, teams_session

OTHER_TEAM = "19:other-team@thread.tacv2"


def in_group_chat(activity: dict[str, Any]) -> dict[str, Any]:
    activity["conversation"] = {
        "id": "19:a-group-chat@thread.v2",
        "conversationType": "groupChat",
        "tenantId": TENANT,
    }
    return activity


async def active_team(teams: Teams, user_aad: str) -> int | None:
    async with unit_of_work(teams.services.sessions) as session:
        member = await session.scalar(select(Member).where(Member.aad_object_id == user_aad))
    assert member is not None
    return member.active_team_id


async def flow_done(teams: Teams, flow_id: str) -> bool:
    async with unit_of_work(teams.services.sessions) as session:
        flow = await session.get(CardFlow, flow_id)
    assert flow is not None
    return flow.done


async def two_teams(teams: Teams) -> None:
    await install(teams)
    teams.roster(LIS, ANNE, BO, team=OTHER_TEAM)
    await teams.say(teams.install(LIS, team=OTHER_TEAM, name="Jobcenter Nord"))


async def test_only_the_writer_can_answer_which_team(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await two_teams(teams)
        question = (await teams.say(teams.personal(ANNE, "medlemmer")))[0]
        value = submit_data(question.card, "Jobcenter Nord")
        before = await active_team(teams, ANNE.aad_id)
        pressed = await teams.say(teams.personal(BO, "", value=value))
        assert "hører til en kollegas besked" in pressed[0].text
        assert all("Medlemmer af" not in r.text for r in pressed)
        assert await active_team(teams, BO.aad_id) is None  # the click picked nothing for Bo
        assert not await flow_done(teams, value["flow"])
        answer = await teams.say(teams.personal(ANNE, "", value=value))
        assert "Medlemmer af Jobcenter Nord" in answer[1].text
        async with unit_of_work(teams.services.sessions) as session:
            nord = await session.scalar(select(Team.id).where(Team.name == "Jobcenter Nord"))
        assert nord is not None and await active_team(teams, ANNE.aad_id) == nord != before


async def test_a_button_of_another_kind_of_card_does_nothing(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await two_teams(teams)
        question = (await teams.say(teams.personal(ANNE, "medlemmer")))[0]
        value = submit_data(question.card, "Jobcenter Nord")
        forged = {**value, "action": "case.new"}
        answer = await teams.say(teams.personal(ANNE, "", value=forged))
        assert "virker ikke længere" in answer[0].text
        assert not await flow_done(teams, value["flow"])


async def test_a_group_chat_shows_nothing_of_the_team(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await install(teams)
        for text in ("medlemmer", "sager i dag", "vagt", "hvem har telefonen i dag?"):
            answer = await teams.say(in_group_chat(teams.personal(ANNE, text)))
            assert len(answer) == 1 and "gruppechat" in answer[0].text, (text, answer)
            assert answer[0].card is None
        helped = await teams.say(in_group_chat(teams.personal(ANNE, "hjælp")))
        assert "gruppechat" not in helped[0].text + helped[0].card_text  # anyone's still works
        assert "sprog" in helped[0].card_text
