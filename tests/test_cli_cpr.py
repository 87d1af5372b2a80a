"""The CLI refuses a CPR number with one clear line and exit code 2: no traceback, nothing
stored, and the number itself never printed."""

import argparse
import asyncio
from pathlib import Path

import pytest

from bot import cli
from bot.config import Settings
from store.store import Store
from tests.test_cli import _add_team, run

EN_DASH_CPR = "010190\u20131234"
REFUSED = "hotline-bot: refused: a value looks like a CPR number; nothing was stored\n"


@pytest.fixture
def url(tmp_path: Path) -> str:
    url = f"sqlite+aiosqlite:///{tmp_path}/cli.sqlite3"
    assert run(url, "db", "upgrade").returncode == 0
    asyncio.run(_add_team(url))
    return url


def test_members_add_refuses_a_cpr_in_the_name_or_email(url: str) -> None:
    add = ("members", "add", "--team", "1", "--aad-id", "aad-1")
    for extra in (("--name", f"Anne {EN_DASH_CPR}"), ("--name", "A", "--email", "0101901234")):
        result = run(url, *add, *extra)
        assert (result.returncode, result.stderr, result.stdout) == (2, REFUSED, "")
    listing = run(url, "members", "list", "--team", "1")
    assert listing.returncode == 0 and listing.stdout == ""


def test_rota_import_refuses_a_line_with_a_cpr_and_does_not_repeat_it(
    url: str, tmp_path: Path
) -> None:
    sheet = tmp_path / "rota.csv"
    sheet.write_text(f"date,name\n2027-01-05,{EN_DASH_CPR}\n", encoding="utf-8")
    result = run(url, "rota", "import", str(sheet))
    assert result.returncode == 2
    assert result.stderr == "hotline-bot: line 2: " + REFUSED.removeprefix("hotline-bot: ")
    assert "010190" not in result.stderr + result.stdout


def test_a_refusal_by_the_store_itself_is_one_line_too(
    url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Any command whose write the personal text columns refuse ends the same way."""

    def renames_the_team(args: argparse.Namespace, settings: Settings) -> int:
        async def work(store: Store) -> None:
            (await store.teams.all_active())[0].name = EN_DASH_CPR

        cli._with_store(settings, work)
        return 0

    monkeypatch.setenv("HOTLINE_DATABASE_URL", url)
    monkeypatch.setattr(cli, "setup_logging", lambda fmt: None)
    monkeypatch.setattr(cli, "_members_list", renames_the_team)
    assert cli.main(["members", "list", "--team", "1"]) == 2
    assert capsys.readouterr().err == REFUSED
    listing = run(url, "members", "list", "--team", "Sygedagpenge")
    assert listing.returncode == 0  # the team kept its name: nothing was stored
