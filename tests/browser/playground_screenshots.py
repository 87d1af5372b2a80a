"""The README's Teams screenshots, taken again from Microsoft's Agents Playground.

python -m tests.browser.playground_screenshots

Starts `hotline-bot serve` on a fresh SQLite file in a temporary folder (127.0.0.1, a free
port), the Agents Playground (npm, pinned, installed into .cache/playground, kept on loopback by
/work/shared/tools/force-loopback.js or $FORCE_LOOPBACK) and drives its web page in Debian's
chromium: everything goes through the Playground's UI as a person would click and type it. Alex
Wilber installs the bot and leads; the setup card puts three colleagues on the rota. Writes
setup-card.png, help.png, rota.png, away-holder.png and case-card.png into docs/screenshots/,
then stops everything.
"""

import asyncio
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from datetime import date, timedelta
from pathlib import Path

from playwright.async_api import Locator, Page, async_playwright

from tests.browser.harness import CHROMIUM, screenshot_dir

ROOT = Path(__file__).resolve().parents[2]
PLAYGROUND = "@microsoft/m365agentsplayground"
VERSION = "0.2.28"
PREFIX = ROOT / ".cache" / "playground"
LOOPBACK = Path(os.environ.get("FORCE_LOOPBACK", "/work/shared/tools/force-loopback.js"))
VIEWPORT = {"width": 1280, "height": 1000}
ON_ROTA = ("Megan Bowen", "Adele Vance", "Isaiah Langer")
PHONE = "70 12 34 56"
WAIT_MS = 30_000
ZONE = "Europe/Copenhagen"


def playground_bin() -> Path:
    """The Playground's command, installed at the pinned version if it is missing."""
    package = PREFIX / "node_modules" / PLAYGROUND / "package.json"
    if not package.exists() or json.loads(package.read_text())["version"] != VERSION:
        npm = shutil.which("npm")
        assert npm, "npm is needed to install the Agents Playground"
        PREFIX.mkdir(parents=True, exist_ok=True)
        install = [npm, "install", "--no-save", "--no-audit", "--no-fund", "--prefix", str(PREFIX)]
        subprocess.run(
            [*install, f"{PLAYGROUND}@{VERSION}"],
            check=True,
            capture_output=True,
            timeout=600,
        )
    return PREFIX / "node_modules" / ".bin" / "agentsplayground"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for_port(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    for _ in range(600):
        if process.poll() is not None:
            raise RuntimeError(f"exited early:\n{log.read_text(errors='replace')}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on {port}:\n{log.read_text(errors='replace')}")


@contextmanager
def started(args: list[str], env: dict[str, str], port: int, log: Path) -> Iterator[None]:
    """A server process, up once it accepts on `port`; terminated (then killed) at the end.
    It runs in the log's folder (the Playground writes devTools/ into its working folder)."""
    with log.open("wb") as out:
        process = subprocess.Popen(
            args, env=env, cwd=log.parent, stdout=out, stderr=subprocess.STDOUT
        )
        try:
            _wait_for_port(port, process, log)
            yield
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@asynccontextmanager
async def playground_page(folder: Path) -> AsyncIterator[Page]:
    bot_port, ui_port = free_port(), free_port()
    env = {**os.environ, "HOTLINE_DATABASE_URL": f"sqlite+aiosqlite:///{folder / 'bot.sqlite3'}"}
    hotline_bot = Path(sys.executable).parent / "hotline-bot"
    bot = [str(hotline_bot), "serve", "--host", "127.0.0.1", "--port", str(bot_port)]
    assert LOOPBACK.exists(), f"{LOOPBACK} keeps the Playground on loopback; set FORCE_LOOPBACK"
    ui_env = {
        **os.environ,
        "NODE_OPTIONS": f"-r {LOOPBACK}",
        "TEAMSAPPTESTER_BROWSER": "none",
    }
    ui = [str(playground_bin()), "-e", f"http://127.0.0.1:{bot_port}/api/messages"]
    ui += ["-c", "msteams", "--disable-telemetry", "-p", str(ui_port)]
    with (
        started(bot, env, bot_port, folder / "bot.log"),
        started(ui, ui_env, ui_port, folder / "playground.log"),
    ):
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(
                executable_path=CHROMIUM,
                args=["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"],
            )
            try:
                # The bot's zone, so the Playground's clock agrees with the times in the cards.
                page = await browser.new_page(viewport=VIEWPORT, timezone_id=ZONE)  # type: ignore[arg-type]
                page.set_default_timeout(WAIT_MS)
                await page.goto(f"http://127.0.0.1:{ui_port}")
                yield page
            finally:
                await browser.close()


async def shown(page: Page, text: str) -> Locator:
    """The last element showing `text`, once it is there."""
    found = page.get_by_text(text).last
    await found.wait_for()
    return found


async def say(page: Page, text: str, answer: str | re.Pattern[str]) -> Locator:
    """Types `text` into the chat box, sends it and waits for a reply containing `answer`."""
    before = await page.get_by_text(answer).count()
    box = page.locator('[role="textbox"][contenteditable="true"]').last
    await box.click()
    await page.keyboard.type(text)
    await page.keyboard.press("Enter")
    found = page.get_by_text(answer)
    for _ in range(WAIT_MS // 100):
        if await found.count() > before:
            break
        await page.wait_for_timeout(100)
    else:
        raise TimeoutError(f"no reply with {answer!r} to {text!r}")
    await page.wait_for_timeout(800)  # let the card finish laying out
    return found.last


async def pick(page: Page, label: str, options: tuple[str, ...]) -> None:
    await page.get_by_role("combobox", name=label).click()
    for option in options:
        await page.get_by_role("menuitemcheckbox", name=option, exact=True).click()
    await page.keyboard.press("Escape")


async def setup_card(page: Page, out: Path) -> None:
    """General: the setup card the bot posts when the Playground installs it, filled in."""
    await page.get_by_role("treeitem", name="My Team - General").click()
    await shown(page, "Opsætning af fastholdelsestelefonen")
    await page.get_by_label("Fastholdelsestelefonens nummer").click()
    await page.keyboard.type(PHONE)
    await pick(page, "På vagtplanen", ON_ROTA)
    title = page.get_by_text("Opsætning af fastholdelsestelefonen").last
    await whole_card(page, title, out / "setup-card.png")
    await page.get_by_role("button", name="Gem", exact=True).last.click()
    await shown(page, "Opsætningen er gemt")


async def whole_card(page: Page, inside: Locator, path: Path) -> None:
    """A screenshot with the whole card holding `inside` in view: a taller window if needed."""
    card = inside.locator("xpath=ancestor::*[contains(@class,'ac-adaptiveCard')][1]")
    box = await card.bounding_box()
    assert box is not None
    height = max(VIEWPORT["height"], int(box["height"]) + 300)
    await page.set_viewport_size({"width": VIEWPORT["width"], "height": height})
    await page.wait_for_timeout(500)
    await card.evaluate("e => e.scrollIntoView({block: 'center'})")
    await page.mouse.move(0, 0)
    await page.wait_for_timeout(300)
    await page.screenshot(path=str(path))
    await page.set_viewport_size(VIEWPORT)  # type: ignore[arg-type]


def _next_duty(rota_text: str, today: date) -> tuple[date, str]:
    """The first day after today in the rota card's lines ('2/12   ons   Isaiah Langer')."""
    for day, month, name in re.findall(r"(\d{1,2})/(\d{1,2})\s+\w+\s+([^\n←]+)", rota_text):
        year = today.year + (1 if int(month) < today.month else 0)
        when = date(year, int(month), int(day))
        if when > today and name.strip() in ON_ROTA:
            return when, name.strip()
    raise AssertionError(f"no duty after {today} in:\n{rota_text}")


async def personal_chat(page: Page, out: Path) -> None:
    await page.get_by_role("treeitem", name="Personal Chat").click()
    await say(page, "hjælp", "Vis denne liste")
    await whole_card(page, page.get_by_text("Det kan jeg hjælpe med").last, out / "help.png")

    await say(page, "vagt", re.compile("har fastholdelsestelefonen|er ikke en arbejdsdag"))
    rota = await say(page, "vagtplan", "Vagtplan ")
    await page.mouse.move(0, 0)
    await page.screenshot(path=str(out / "rota.png"))

    card = rota.locator("xpath=ancestor::*[contains(@class,'ac-adaptiveCard')][1]")
    text = await (card if await card.count() else page.locator("body")).inner_text()
    day, name = _next_duty(text, date.today())
    short = f"{day.day}.{day.month}"
    first = name.split()[0]
    await say(page, f"fravær {first} {short} ferie", "er registreret")
    await say(page, f"vagt {short}", "vagten er ikke taget endnu")
    await shown(page, "Tag vagten")
    await page.wait_for_timeout(500)
    await page.mouse.move(0, 0)
    await page.screenshot(path=str(out / "away-holder.png"))


async def case_card(page: Page, out: Path) -> None:
    """`ny sag`, filled in and created, then Registrér udfald → a round table."""
    await say(page, "ny sag", "Opret sagen")
    await page.get_by_role("radio", name="Arbejdsgiver").last.check()
    await page.get_by_label("Virksomhed").last.fill("Bager Jensen ApS")
    await page.get_by_label("Kontaktperson").last.fill("Karen Jensen")
    await page.get_by_role("combobox", name="Emne").last.click()
    await page.get_by_role("option", name="Risiko for sygemelding").click()
    await page.get_by_role("button", name="Opret sagen").last.click()
    await shown(page, "er oprettet")
    await page.get_by_role("button", name="Registrér udfald").last.click()
    await page.get_by_role("button", name="Rundbordssamtale aftalt").last.click()
    meeting = date.today() + timedelta(days=7)
    await page.get_by_label("Mødedato").last.fill(meeting.isoformat())
    await page.get_by_label("Mødetidspunkt").last.fill("10:00")
    await page.get_by_label("Mødested").last.fill("Jobcentret, mødelokale 2")
    await page.get_by_role("button", name="Gem udfald").last.click()
    await shown(page, "Sag #1: Rundbordssamtale aftalt")
    await page.wait_for_timeout(1000)
    await page.get_by_text("Sag #1", exact=True).last.scroll_into_view_if_needed()
    await page.mouse.move(0, 0)
    await page.screenshot(path=str(out / "case-card.png"))


async def main() -> list[Path]:
    out = screenshot_dir()
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        async with playground_page(folder) as page:
            try:
                await setup_card(page, out)
                await personal_chat(page, out)
                await case_card(page, out)
            except Exception:
                await page.screenshot(path=str(folder.parent / "playground-failure.png"))
                (folder.parent / "playground-failure.html").write_text(await page.content())
                print((folder / "bot.log").read_text(errors="replace")[-4000:], file=sys.stderr)
                raise
    names = ("setup-card", "help", "rota", "away-holder", "case-card")
    return [out / f"{n}.png" for n in names]


if __name__ == "__main__":
    for path in asyncio.run(main()):
        print(path)
