"""The rota card: week numbers, past days, a date or a month, and an away holder marked."""

from tests.e2e.connector import Sent
from tests.e2e.flows import setup
from tests.e2e.people import ANNE, BO, CAMILLA
from tests.e2e.teams import teams_session
from tests.e2e.test_rota_and_duty import holders
from tests.e2e.test_swaps import first_day_of, short


def rows(card: Sent) -> list[str]:
    assert card.card is not None
    return [
        " ".join(c["items"][0]["text"] for c in b["columns"])
        for b in card.card["body"]
        if b["type"] == "ColumnSet"
    ]


async def test_the_card_has_week_numbers_and_no_past_day_is_nobody_yet(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await teams.at("2027-01-06 07:00")  # a Wednesday: the rota starts today
        await setup(teams, on_rota=(ANNE, BO, CAMILLA))
        card = (await teams.say(teams.personal(ANNE, "vagtplan")))[0]
        assert "Uge 1" in card.card_text and "Uge 2" in card.card_text
        lines = rows(card)
        assert lines[0].startswith("4/1 man") and lines[1].startswith("5/1 tir")
        assert all("ingen endnu" not in line for line in lines)
        assert "← i dag" in lines[2]


async def test_a_date_or_a_month_shows_that_week_or_month(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await teams.at("2027-01-04 07:00")
        await setup(teams, on_rota=(ANNE, BO, CAMILLA))
        week = (await teams.say(teams.personal(ANNE, "vagtplan 21.1")))[0]
        assert "Vagtplan mandag 18. januar – fredag 22. januar" in week.card_text
        assert "Uge 3" in week.card_text and len(rows(week)) == 5
        month = (await teams.say(teams.personal(ANNE, "vagtplan februar")))[0]
        assert "Vagtplan mandag 1. februar – søndag 28. februar" in month.card_text
        assert len(rows(month)) == 20
        assert "Uge 5" in month.card_text and "Uge 8" in month.card_text
        english = (await teams.say(teams.personal(ANNE, "rota march", locale="en-US")))[0]
        assert "Rota Monday 1 March – Wednesday 31 March" in english.card_text


async def test_an_away_holder_is_marked_on_the_card(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await teams.at("2027-01-04 07:00")
        await setup(teams, on_rota=(ANNE, BO, CAMILLA))
        day = first_day_of(await holders(teams), BO)
        await teams.say(teams.personal(BO, f"fravær {short(day)} kursus"))
        card = (await teams.say(teams.personal(ANNE, f"vagtplan {short(day)}")))[0]
        [line] = [r for r in rows(card) if r.startswith(f"{day.day}/{day.month} ")]
        assert line.endswith("Bo Jensen er på kursus – ikke taget endnu")
