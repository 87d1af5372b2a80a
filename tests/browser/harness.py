"""A real Chromium (Debian's, never a downloaded one) against the bot's pages, and axe-core."""

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from playwright.async_api import Browser, BrowserContext, Page, async_playwright

from tests.e2e.teams import Teams, User
from tests.node_tools import node_modules

CHROMIUM = "/usr/bin/chromium"
DESKTOP = {"width": 1280, "height": 900}
NARROW = {"width": 320, "height": 800}


@asynccontextmanager
async def chromium() -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"],
        )
        try:
            yield browser
        finally:
            await browser.close()


async def link(teams: Teams, user: User, command: str = "web") -> str:
    """The one-time sign-in link the bot sends in the 1:1 chat, pointed at the test server."""
    reply = (await teams.say(teams.personal(user, command)))[0].text
    url = next(w for w in reply.split() if "/web/login/" in w)
    return url.replace("http://127.0.0.1:3978", teams.bot_url)


async def signed_in(
    browser: Browser, teams: Teams, user: User, viewport: dict[str, int] = DESKTOP
) -> tuple[BrowserContext, Page]:
    context = await browser.new_context(viewport=viewport, accept_downloads=True)  # type: ignore[arg-type]
    page = await context.new_page()
    response = await page.goto(await link(teams, user))
    assert response is not None and response.status == 200
    return context, page


def _axe_source() -> str:
    return (node_modules() / "axe-core" / "axe.min.js").read_text(encoding="utf-8")


async def axe_findings(page: Page) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations (WCAG 2.1 A and AA) on the page as shown.

    Injected through the DevTools protocol, which the page's CSP does not govern, so the page
    keeps its real policy while it is checked."""
    await page.evaluate(_axe_source() + "\n;true")
    result = await page.evaluate(
        """async () => {
            const r = await axe.run(document, {
                runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
            });
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(" ")).slice(0, 5)}));
        }"""
    )
    return [v for v in result if v["impact"] in ("serious", "critical")]


async def assert_accessible(page: Page) -> None:
    findings = await axe_findings(page)
    assert not findings, json.dumps(findings, indent=2, ensure_ascii=False)


def screenshot_dir() -> Path:
    return Path(__file__).resolve().parents[2] / "docs" / "screenshots"
