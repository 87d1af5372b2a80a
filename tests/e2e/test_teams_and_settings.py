"""Several teams, roster changes, settings, and where the morning post goes."""

from sqlalchemy import select

from store.db import unit_of_work
from store.models import Member, Membership, Team
from tests.e2e.flows import install, submit_data
from tests.e2e.people import ANNE, BO, CAMILLA, DORTE, LIS
from tests.e2e.teams import TEAM_ID, Teams, teams_session

OTHER_TEAM = "19:other-team@thread.tacv2"


async def team_row(teams: Teams, teams_id: str = TEAM_ID) -> Team:
    async with unit_of_work(teams.services.sessions) as session:
        team = await session.scalar(select(Team).where(Team.teams_team_id == teams_id))
    assert team is not None
    return team


async def test_a_member_of_two_teams_is_asked_once_and_the_choice_is_kept(
    sqlite_url: str,
) -> None:
    async with teams_session(sqlite_url) as teams:
        await install(teams)
        teams.roster(LIS, ANNE, team=OTHER_TEAM)
        await teams.say(teams.install(LIS, team=OTHER_TEAM, name="Jobcenter Nord"))
        question = (await teams.say(teams.personal(ANNE, "medlemmer")))[0]
        assert "Du er med i flere teams" in question.card_text
        value = submit_data(question.card, "Jobcenter Nord")
        answer = await teams.say(teams.personal(ANNE, "", value=value))
        assert "Dine beskeder til mig gælder nu Jobcenter Nord" in answer[0].text
        assert "Medlemmer af Jobcenter Nord" in answer[1].text  # the command ran after all
        assert "Bo Jensen" not in answer[1].text
        later = await teams.say(teams.personal(ANNE, "medlemmer"))
        assert "Medlemmer af Jobcenter Nord" in later[0].text


async def test_members_added_and_removed_events_sync_the_roster(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await install(teams, people=(LIS, ANNE, BO))
        await teams.say(teams.personal(LIS, "på vagtplan Bo"))
        calls = teams.connector.roster_calls
        teams.roster(LIS, ANNE, CAMILLA, DORTE)
        assert (
            await teams.post(teams.members_changed(LIS, added=(CAMILLA, DORTE), removed=(BO,)))
            == 201
        )
        async with unit_of_work(teams.services.sessions) as session:
            result = await session.execute(select(Member.name, Membership).join(Membership))
            rows = {name: ms for name, ms in result}
        assert rows[CAMILLA.name].in_roster and not rows[CAMILLA.name].on_rota
        assert not rows[BO.name].in_roster and not rows[BO.name].on_rota
        assert teams.connector.roster_calls > calls
        # Ordinary messages never look the roster up.
        calls = teams.connector.roster_calls
        for _ in range(3):
            await teams.say(teams.personal(ANNE, "hjælp"))
        assert teams.connector.roster_calls == calls


async def test_the_settings_card_checks_and_saves(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await install(teams)
        denied = await teams.say(teams.personal(ANNE, "indstillinger"))
        assert "teamledere" in denied[0].text
        card = (await teams.say(teams.personal(LIS, "indstillinger")))[0]
        assert "Indstillinger for Sygedagpenge" in card.card_text
        base = submit_data(card.card)
        for field, bad, message in (
            ("phone", "123", "8 cifre"),
            ("announce_time", "25:00", "TT:MM"),
            ("closed_days", "24.12, 31.02", '"31.02"'),
        ):
            reply = await teams.say(teams.personal(LIS, "", value={**base, field: bad}))
            assert message in reply[0].text, field
        assert (await team_row(teams)).settings == {}
        value = {
            **base,
            "phone": "70 99 88 77",
            "announce_time": "7:30",
            "post_language": "en",
            "closed_days": "24.12 31.12.2027",
        }
        saved = await teams.say(teams.personal(LIS, "", value=value, reply_to=card.activity_id))
        assert saved[0].method == "PUT" and "Indstillingerne er gemt" in saved[1].text
        settings = (await team_row(teams)).settings
        assert settings == {
            "phone": "70 99 88 77",
            "announce_time": "07:30",
            "post_language": "en",
            "closed_days": ["12-24", "2027-12-31"],
        }
        # Answers to a message in neither language now use the team's language.
        english = await teams.say(teams.channel(ANNE, "xyzzy"))
        assert "I don't know that command" in english[0].text


async def test_announce_here_moves_the_announcement_channel(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await install(teams)
        elsewhere = "19:vagt-channel@thread.tacv2"
        reply = await teams.say(teams.channel(LIS, "annoncér her", channel=elsewhere))
        assert "Morgenbeskeden kommer nu i denne kanal" in reply[0].text
        assert (await team_row(teams)).announce_channel_id == elsewhere
        personal = await teams.say(teams.personal(LIS, "annoncer her"))
        assert "kun i en af teamets kanaler" in personal[0].text
        denied = await teams.say(teams.channel(ANNE, "annoncér her"))
        assert "teamledere" in denied[0].text
        english = await teams.say(teams.channel(ANNE, "announce here"))  # written in English
        assert "Only team leads" in english[0].text


async def test_the_nightly_job_syncs_every_team_roster(sqlite_url: str) -> None:
    from bot.jobs import sync_rosters

    async with teams_session(sqlite_url) as teams:
        await install(teams, people=(LIS, ANNE))
        teams.roster(LIS, ANNE, DORTE)
        assert await sync_rosters(teams.services) == 1
        async with unit_of_work(teams.services.sessions) as session:
            names = set(await session.scalars(select(Member.name)))
        assert DORTE.name in names


async def test_an_install_with_an_empty_roster_still_makes_the_installer_lead(
    sqlite_url: str,
) -> None:
    """Teams' roster answer is ignored when empty (store/members.py `sync_roster`); the
    installer, whom the install event names, still gets the setup card and becomes the team's
    lead."""
    async with teams_session(sqlite_url) as teams:
        card = await install(teams, people=())
        assert card.card is not None
        async with unit_of_work(teams.services.sessions) as session:
            rows = (
                await session.execute(select(Member.name, Membership.role).join(Membership))
            ).all()
        assert [tuple(r) for r in rows] == [(LIS.name, "lead")]
