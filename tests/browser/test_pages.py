"""The pages in a real Chromium: sign in by link, the month, taking a swap, the figures' CSV,
the switchboard's page by keyboard alone, refusals, and axe-core on every page (desktop and
320 px wide): no serious or critical findings."""

import csv
import io
import re
from datetime import date

import pytest
from playwright.async_api import Page, expect

from tests.browser.harness import DESKTOP, NARROW, assert_accessible, chromium, link, signed_in
from tests.e2e.flows import setup
from tests.e2e.people import ANNE, BO, CAMILLA, LIS, SIGNE
from tests.e2e.teams import Teams, teams_session
from tests.e2e.test_rota_and_duty import holders
from tests.e2e.test_swaps import first_day_of, short

pytestmark = pytest.mark.timeout(180)


async def ready(teams: Teams) -> dict[date, str | None]:
    await teams.at("2027-01-04 09:00")
    await setup(teams, on_rota=(ANNE, BO, CAMILLA))
    return await holders(teams)


def cell(page: Page, day: date):  # type: ignore[no-untyped-def]
    """The calendar cell of a day (its accessible date text names it)."""
    return page.locator("table.month td", has=page.locator(f"span.date:text-is('{day.day}')"))


async def test_sign_in_see_the_month_take_a_swap_and_switch_month(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        rota = await ready(teams)
        day = first_day_of(rota, ANNE)
        await teams.say(teams.personal(ANNE, f"byt {short(day)}"))
        async with chromium() as browser:
            _, bo = await signed_in(browser, teams, BO)
            _, camilla = await signed_in(browser, teams, CAMILLA)
            await expect(bo).to_have_url(re.compile(r"/web/vagtplan$"))
            await expect(bo.locator("h1")).to_have_text("Vagtplan januar 2027")
            for when, name in rota.items():
                if when.month == 1 and name:
                    await expect(cell(bo, when).locator(".holder")).to_have_text(name)
            own = [d for d, n in rota.items() if n == BO.name and d.month == 1]
            await expect(bo.locator("td.mine")).to_have_count(len(own))
            await expect(bo.locator("td[aria-current='date']")).to_contain_text("4")
            await assert_accessible(bo)
            # Both see the button; Bo is first, Camilla's click is refused.
            await camilla.reload()
            await bo.get_by_role("button", name=re.compile("^Tag vagten")).click()
            await expect(bo.get_by_role("status")).to_contain_text("Du har nu vagten")
            await expect(cell(bo, day).locator(".holder")).to_have_text(BO.name)
            await camilla.get_by_role("button", name=re.compile("^Tag vagten")).click()
            await expect(camilla.get_by_role("alert")).to_contain_text(
                "allerede taget af Bo Jensen"
            )
            assert (await holders(teams))[day] == BO.name
            # The next month, by its link.
            await bo.get_by_role("link", name="Næste måned").click()
            await expect(bo.locator("h1")).to_have_text("Vagtplan februar 2027")
            february = next(d for d, n in sorted(rota.items()) if d.month == 2 and n)
            await expect(cell(bo, february).locator(".holder")).to_have_text(str(rota[february]))


async def test_a_missing_csrf_token_is_refused(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        rota = await ready(teams)
        day = first_day_of(rota, ANNE)
        await teams.say(teams.personal(ANNE, f"byt {short(day)}"))
        async with chromium() as browser:
            _, bo = await signed_in(browser, teams, BO)
            await bo.evaluate(
                "() => document.querySelectorAll('form.take input[name=csrf]')"
                ".forEach(e => e.remove())"
            )
            async with bo.expect_response(re.compile("/web/vagtplan/tag")) as answer:
                await bo.get_by_role("button", name=re.compile("^Tag vagten")).click()
            assert (await answer.value).status == 403
            assert (await holders(teams))[day] == ANNE.name


async def test_an_expired_or_reused_link_is_refused(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await ready(teams)
        async with chromium() as browser:
            page = await browser.new_page(locale="da-DK")
            used = await link(teams, BO)
            assert (await page.goto(used)).status == 200  # type: ignore[union-attr]
            other = await browser.new_page(locale="da-DK")
            again = await other.goto(used)
            assert again is not None and again.status == 401
            await expect(other.get_by_role("alert")).to_contain_text("allerede brugt")
            await assert_accessible(other)
            old = await link(teams, CAMILLA)
            await teams.at("2027-01-04 09:11")
            late = await other.goto(old)
            assert late is not None and late.status == 401
            nothing = await other.goto(f"{teams.bot_url}/web/vagtplan")
            assert nothing is not None and nothing.status == 401
            assert "Camilla" not in await other.content()


async def test_the_figures_download_the_rows_of_the_stats_command(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await ready(teams)
        async with chromium() as browser:
            _, lis = await signed_in(browser, teams, LIS)
            await lis.goto(f"{teams.bot_url}/web/tal")
            await expect(lis.locator("svg.chart")).to_have_count(6)
            await lis.get_by_label("Fra").fill("2026-12-28")
            await lis.get_by_label("Til").fill("2027-01-10")
            await lis.get_by_role("button", name="Vis").click()
            await expect(lis.locator("h1")).to_contain_text("28. december")
            await assert_accessible(lis)
            async with lis.expect_download() as download:
                await lis.get_by_role("link", name="Hent tallene som CSV").click()
            path = await (await download.value).path()
            rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
            assert rows[0][0] == "week" and [r[0] for r in rows[1:]] == ["2026-W53", "2027-W01"]


async def test_the_switchboard_sees_only_its_page_and_uses_the_guide_by_keyboard(
    sqlite_url: str,
) -> None:
    async with teams_session(sqlite_url) as teams:
        rota = await ready(teams)
        code = (await teams.say(teams.personal(LIS, "kode omstilling")))[0].text.split("**")[1]
        await teams.say(teams.personal(SIGNE, f"tilmeld {code}"))
        async with chromium() as browser:
            _, signe = await signed_in(browser, teams, SIGNE)
            await expect(signe).to_have_url(re.compile(r"/web/omstilling$"))
            await expect(signe.locator("nav a")).to_have_count(1)
            await expect(signe.locator("dl.facts")).to_contain_text(str(rota[date(2027, 1, 4)]))
            await expect(signe.locator("dl.facts")).to_contain_text("70 12 34 56")
            await assert_accessible(signe)
            # Keyboard alone: Tab into each group, arrows choose, Enter answers.
            await signe.locator("#who-employer").focus()
            await signe.keyboard.press("Space")
            await signe.keyboard.press("Tab")
            await signe.keyboard.press("Space")  # the first topic: risk of sick leave
            await signe.keyboard.press("Enter")
            await expect(signe.get_by_role("status")).to_contain_text(
                "Stil om til fastholdelsestelefonen"
            )
            refused = await signe.goto(f"{teams.bot_url}/web/vagtplan")
            assert refused is not None and refused.status == 403
            assert BO.name not in await signe.content()


@pytest.mark.parametrize("viewport", [DESKTOP, NARROW], ids=["desktop", "320px"])
async def test_every_page_passes_axe(sqlite_url: str, viewport: dict[str, int]) -> None:
    async with teams_session(sqlite_url) as teams:
        rota = await ready(teams)
        await teams.say(teams.personal(ANNE, f"byt {short(first_day_of(rota, ANNE))}"))
        async with chromium() as browser:
            _, bo = await signed_in(browser, teams, BO, viewport)
            for path in ("vagtplan", "tal", "omstilling"):
                response = await bo.goto(f"{teams.bot_url}/web/{path}")
                # axe on the page named, not on a sign-in or refusal page in its place
                assert response is not None and response.status == 200, path
                await assert_accessible(bo)
                width = await bo.evaluate("() => document.documentElement.scrollWidth")
                assert width <= viewport["width"], f"{path} scrolls sideways at {width}px"
