"""A lead manages people by @mention in the channel or by typed name in a 1:1 chat."""

from sqlalchemy import select

from store.db import unit_of_work
from store.models import AuditEntry, Member, Membership
from tests.e2e.flows import install, setup, submit_data
from tests.e2e.people import ANNE, BO, CAMILLA, DORTE, LIS
from tests.e2e.teams import Teams, User, teams_session

ANNE_LARSEN = User("anne2", "Anne Larsen", "anne.larsen@kommune.dk")


async def membership(teams: Teams, user: User) -> Membership:
    async with unit_of_work(teams.services.sessions) as session:
        row = await session.scalar(
            select(Membership)
            .join(Member, Member.id == Membership.member_id)
            .where(Member.aad_object_id == user.aad_id)
        )
    assert row is not None
    return row


async def test_lead_sets_roles_rota_and_workdays_by_typed_name(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await install(teams)
        assert (
            "Camilla Nielsen er nu på vagtplanen"
            in (await teams.say(teams.personal(LIS, "på vagtplan camilla")))[0].text
        )
        assert (await membership(teams, CAMILLA)).on_rota
        assert (
            "Camilla Nielsen er ikke længere"
            in (await teams.say(teams.personal(LIS, "af vagtplan Camilla Nielsen")))[0].text
        )
        assert not (await membership(teams, CAMILLA)).on_rota
        reply = await teams.say(teams.personal(LIS, "arbejdsdage bo man-tor"))
        assert "Bo Jensen arbejder nu man-tor" in reply[0].text
        assert (await membership(teams, BO)).workdays == "0,1,2,3"
        english = await teams.say(teams.personal(LIS, "workdays Bo mon,wed,fri", locale="en-US"))
        assert "Bo Jensen now works mon, wed, fri" in english[0].text
        assert (
            "Dorte Lund er nu teamleder"
            in (await teams.say(teams.personal(LIS, "rolle dørte leder")))[0].text
        )
        assert (await membership(teams, DORTE)).role == "lead"
        async with unit_of_work(teams.services.sessions) as session:
            actions = [a.action for a in await session.scalars(select(AuditEntry))]
        assert actions.count("on_rota") == 2 and "role" in actions


async def test_lead_uses_mentions_in_the_channel(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await setup(teams, on_rota=(ANNE,))
        reply = await teams.say(teams.channel(LIS, f"på vagtplan @{BO.name}", mentions=(BO,)))
        assert "Bo Jensen er nu på vagtplanen" in reply[0].text
        reply = await teams.say(teams.channel(LIS, f"rolle @{BO.name} omstilling", mentions=(BO,)))
        assert "Bo Jensen er nu omstilling" in reply[0].text
        bo = await membership(teams, BO)
        assert bo.role == "switchboard" and not bo.on_rota


async def test_two_annes_get_buttons_and_the_click_decides(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await install(teams, people=(LIS, ANNE, ANNE_LARSEN, BO))
        question = (await teams.say(teams.personal(LIS, "på vagtplan anne")))[0]
        assert 'Flere i teamet passer på "anne"' in question.card_text
        assert "Anne Larsen (anne.larsen@kommune.dk)" in question.card_text
        assert not (await membership(teams, ANNE)).on_rota
        value = submit_data(question.card, "Anne Larsen (anne.larsen@kommune.dk)")
        answer = await teams.say(
            teams.personal(LIS, "", value=value, reply_to=question.activity_id)
        )
        assert "Anne Larsen er nu på vagtplanen" in answer[0].text
        assert (await membership(teams, ANNE_LARSEN)).on_rota
        assert not (await membership(teams, ANNE)).on_rota
        late = await teams.say(teams.personal(LIS, "", value=value))
        assert "allerede behandlet af Lis Berg" in late[0].text


async def test_roles_bad_input_changes_nothing(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await install(teams)
        cases = {
            "rolle Bo kaptajn": "Den rolle kender jeg ikke",
            "på vagtplan Zorro": 'Der er ingen i teamet, der hedder "Zorro"',
            "arbejdsdage Bo mandag-fisk": "man-tor",
            "på vagtplan": "Hvem?",
            "rolle Lis sagsbehandler": "eneste teamleder",
        }
        for command, expected in cases.items():
            reply = await teams.say(teams.personal(LIS, command))
            assert expected in reply[0].text, command
        denied = await teams.say(teams.personal(ANNE, "på vagtplan Bo"))
        assert "Det er kun teamledere, der kan gøre det" in denied[0].text
        assert not (await membership(teams, BO)).on_rota
        assert (await membership(teams, LIS)).role == "lead"
        assert (await membership(teams, BO)).workdays == "0,1,2,3,4"


async def test_members_lists_roles_and_rota(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await setup(teams, on_rota=(ANNE, BO))
        listing = (await teams.say(teams.personal(CAMILLA, "medlemmer")))[0].text
        assert "Anne Hansen: sagsbehandler, på vagtplanen, man-fre" in listing
        assert "Lis Berg: teamleder, ikke på vagtplanen" in listing
