"""One rule for the language of every answer: the person's choice, else what they wrote in,
else the team's language, else the Teams locale."""

from tests.e2e.flows import setup
from tests.e2e.people import ANNE, BO, LIS
from tests.e2e.teams import teams_session

DANISH_DUTY = "fastholdelsestelefonen"  # in every Danish answer to `vagt`
ENGLISH_DUTY = "retention hotline"


async def test_a_dane_with_teams_in_english_gets_danish_to_a_danish_question(
    sqlite_url: str,
) -> None:
    async with teams_session(sqlite_url) as teams:
        await teams.at("2027-01-04 07:00")
        await setup(teams, on_rota=(ANNE, BO))
        reply = await teams.say(teams.personal(ANNE, "vagt", locale="en-US"))
        assert DANISH_DUTY in reply[0].text.lower()
        english = await teams.say(teams.personal(ANNE, "my duties", locale="da-DK"))
        assert "duties" in english[0].text.lower()


async def test_the_persons_own_choice_wins_also_for_refusals(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await teams.at("2027-01-04 07:00")
        await setup(teams, on_rota=(ANNE, BO))
        await teams.say(teams.personal(BO, "language danish", locale="en-US"))
        refused = await teams.say(
            teams.personal(BO, "my number is 010190-1234, is that ok?", locale="en-US")
        )
        assert "CPR-nummer" in refused[0].text
        reply = await teams.say(teams.personal(BO, "duty", locale="en-US"))
        assert DANISH_DUTY in reply[0].text.lower()
        channel = await teams.say(teams.channel(BO, "duty", locale="en-US"))
        assert DANISH_DUTY in channel[0].text.lower()


async def test_an_english_sentence_in_a_danish_team_is_answered_in_english(
    sqlite_url: str,
) -> None:
    async with teams_session(sqlite_url) as teams:
        await teams.at("2027-01-04 07:00")
        await setup(teams, on_rota=(ANNE, BO))
        reply = await teams.say(teams.channel(LIS, "help"))
        assert "What I can help with" in reply[0].card_text
        refused = await teams.say(teams.channel(LIS, "case 010190-1234"))
        assert "CPR number" in refused[0].text
