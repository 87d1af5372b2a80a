"""Names and notes from people are shown as typed: no links, no bold, no mentions."""

from tests.e2e.flows import install
from tests.e2e.people import LIS, TEAM
from tests.e2e.teams import User, teams_session
from tests.e2e.test_cases import log_case
from tests.e2e.test_swaps import ready

EVIL = User("evil", "Bo [Nulstil adgangskode](https://evil.example/login) <at>Lise Berg</at>")


async def test_members_shows_a_display_name_with_a_link_as_plain_text(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await install(teams, people=(*TEAM, EVIL))
        listing = (await teams.say(teams.personal(LIS, "medlemmer")))[0].text
        assert "[Nulstil adgangskode](" not in listing and "<at>" not in listing
        assert (
            r"- Bo \[Nulstil adgangskode\](https://evil.example/login) "
            "&lt;at&gt;Lise Berg&lt;/at&gt;: sagsbehandler"
        ) in listing


async def test_a_case_note_with_markdown_is_shown_escaped_in_the_case_card(
    sqlite_url: str,
) -> None:
    async with teams_session(sqlite_url) as teams:
        await ready(teams)
        await teams.at("2027-01-04 10:00")
        note = "**Ring** [her](https://evil.example)\n# Vigtigt"
        await log_case(teams, LIS, "2027-01-04 09:40", note=note, company="A_S")
        card = (await teams.say(teams.personal(LIS, "sag 1")))[0].card
        assert card is not None
        texts = [b.get("text") for b in card["body"] if b.get("type") == "TextBlock"]
        assert "\\*\\*Ring\\*\\* \\[her\\](https://evil.example)\n\\# Vigtigt" in texts
        facts = next(b["facts"] for b in card["body"] if b.get("type") == "FactSet")
        assert {"title": "Virksomhed", "value": r"A\_S"} in facts
