"""Screenshots of every page, desktop and 320 px wide, into docs/screenshots/.

python -m tests.browser.screenshots

A small team in January 2027 (a swap request, an absence, a few cases), served by the bot in
this process and shown by Debian's chromium; the same harness as the browser tests.
"""

import asyncio
import tempfile
from pathlib import Path

from tests.browser.harness import DESKTOP, NARROW, chromium, screenshot_dir, signed_in
from tests.databases import fresh_database
from tests.e2e.flows import setup, submit_data
from tests.e2e.people import ANNE, BO, CAMILLA, LIS, SIGNE
from tests.e2e.teams import Teams, teams_session
from tests.e2e.test_cases import log_case
from tests.e2e.test_rota_and_duty import holders
from tests.e2e.test_swaps import first_day_of, short


async def _story(teams: Teams) -> None:
    await teams.at("2027-01-04 07:00")
    await setup(teams, on_rota=(ANNE, BO, CAMILLA))
    await teams.at("2027-01-14 09:30")
    for call, outcome, misroute in (
        ("2027-01-04 09:00", "settled", ""),
        ("2027-01-05 10:00", "round_table", ""),
        ("2027-01-11 11:00", "referred", "payment"),
        ("2027-01-12 09:30", "fast_track", ""),
        ("2027-01-13 13:00", "settled", ""),
    ):
        card = (await log_case(teams, LIS, call))[1]
        value = {**submit_data(card.card), "outcome": outcome, "not_hotline": misroute}
        await teams.say(teams.personal(LIS, "", value=value))
    rota = await holders(teams)
    day = first_day_of(rota, ANNE, after=teams.clock.now().date())
    await teams.say(teams.personal(ANNE, f"byt {short(day)}"))
    await teams.say(teams.personal(CAMILLA, "fravær 25.1.2027-29.1.2027 ferie"))
    code = (await teams.say(teams.personal(LIS, "kode omstilling")))[0].text.split("**")[1]
    await teams.say(teams.personal(SIGNE, f"tilmeld {code}"))


async def main() -> list[Path]:
    out = screenshot_dir()
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as folder:
        async with fresh_database("sqlite", Path(folder)) as url, teams_session(url) as teams:
            await _story(teams)
            async with chromium() as browser:
                for size, viewport in (("desktop", DESKTOP), ("320", NARROW)):
                    for who, pages in ((BO, ("vagtplan", "tal")), (SIGNE, ("omstilling",))):
                        _, page = await signed_in(browser, teams, who, viewport)
                        for name in pages:
                            await page.goto(f"{teams.bot_url}/web/{name}")
                            path = out / f"{name}-{size}.png"
                            await page.screenshot(path=str(path), full_page=True)
                            written.append(path)
    return written


if __name__ == "__main__":
    for path in asyncio.run(main()):
        print(path)
