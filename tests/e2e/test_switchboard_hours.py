"""After opening hours the switchboard is told what to do now, and every "not the hotline"
verdict says where to and on which number (or plainly that the number is missing)."""

from datetime import date

from tests.e2e.people import SIGNE
from tests.e2e.teams import teams_session
from tests.e2e.test_announcements import holder_on
from tests.e2e.test_switchboard import guide, switchboard_team


async def test_after_hours_a_yes_says_to_call_again_and_never_to_put_through(
    sqlite_url: str,
) -> None:
    async with teams_session(sqlite_url) as teams:
        await switchboard_team(teams)
        await teams.at("2027-01-05 16:30")  # Tuesday, closed at 15:00
        wednesday = (await holder_on(teams, date(2027, 1, 6))).name
        after = await guide(teams, "employer", "risk")
        assert "Hører til fastholdelsestelefonen – lukket nu" in after
        assert "Stil om" not in after
        assert (
            "Bed den, der ringer, om at ringe igen onsdag 6. januar fra kl. 08:00 "
            "på **70 12 34 56**. "
            f"Så har {wednesday} fastholdelsestelefonen." in after
        )
        said = "tjek arbejdsgiver ringer om medarbejder med stress, frygter sygemelding"
        free = (await teams.say(teams.personal(SIGNE, said)))[0].card_text
        assert "lukket nu" in free and "om at ringe igen onsdag" in free
        assert "Stil om" not in free
        await teams.at("2027-01-05 10:00")
        assert "Stil om til fastholdelsestelefonen" in await guide(teams, "employer", "risk")


async def test_a_referral_without_a_number_says_the_number_is_missing(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await switchboard_team(teams)
        await teams.at("2027-01-05 10:00")
        for who, what in (("employee", "payment"), ("unemployed", "risk"), ("other", "other")):
            no = await guide(teams, who, what)
            assert "Ikke til fastholdelsestelefonen" in no and "Stil om til: **" in no
            assert "nummeret mangler" in no, no
