"""`historik`: a day's duty history, looked up after the day has passed."""

from tests.e2e.people import BO, LIS
from tests.e2e.teams import teams_session
from tests.e2e.test_swaps import ready


async def test_history_of_a_day_without_a_year_looks_back(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await ready(teams)
        await teams.at("2027-01-04 10:00")
        await teams.say(teams.personal(LIS, f"sæt vagt 5.1 {BO.name}"))
        await teams.at("2027-03-22 10:00")
        history = (await teams.say(teams.personal(LIS, "historik 5.1")))[0].text
        assert "Historik for tirsdag 5. januar" in history  # 2027, not Wednesday 5.1.2028
        assert f"→ {BO.name}" in history
