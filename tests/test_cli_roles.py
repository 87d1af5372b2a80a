"""`hotline-bot members set-role` keeps the chat's rules: the last lead stays, and a change of
who can hold the phone re-plans the coming rota."""

import asyncio
from datetime import date, timedelta
from pathlib import Path

from store.db import create_engine, sessions, unit_of_work
from store.store import Store
from tests.test_cli import _add_team, run


def _add(url: str, aad: str, name: str, role: str) -> None:
    added = run(
        url, "members", "add", "--team", "1", "--aad-id", aad, "--name", name, "--role", role
    )
    assert added.returncode == 0, added.stderr


async def _put_everyone_on_the_rota(url: str) -> None:
    engine = create_engine(url)
    async with unit_of_work(sessions(engine)) as session:
        store = Store(session)
        for _, ms in await store.members.of_team(1):
            store.members.change(ms, "on_rota", True)
    await engine.dispose()


def _holders(url: str, first: date, last: date) -> list[str]:
    shown = run(url, "rota", "show", "--from", str(first), "--to", str(last), "--format", "csv")
    assert shown.returncode == 0, shown.stderr
    return [line.split(",")[1] for line in shown.stdout.splitlines()[1:]]


def _role(url: str, aad: str) -> str:
    listing = run(url, "members", "list", "--team", "1").stdout.splitlines()
    [line] = [row for row in listing if row.startswith(f"{aad}\t")]
    return line.split("\t")[2]


def test_set_role_keeps_the_last_lead_and_replans_the_rota(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/roles.sqlite3"
    assert run(url, "db", "upgrade").returncode == 0
    asyncio.run(_add_team(url))
    for aad, name, role in (
        ("aad-1", "Anne Hansen", "lead"),
        ("aad-2", "Bo Nielsen", "caseworker"),
        ("aad-3", "Camilla Berg", "caseworker"),
    ):
        _add(url, aad, name, role)
    asyncio.run(_put_everyone_on_the_rota(url))

    refused = run(
        url, "members", "set-role", "--team", "1", "--aad-id", "aad-1", "--role", "caseworker"
    )
    assert refused.returncode == 2
    assert "Anne Hansen is the team's only team lead" in refused.stderr
    assert _role(url, "aad-1") == "lead"

    first = date.today() + timedelta(days=1)
    last = first + timedelta(weeks=3)
    planned = run(url, "rota", "generate", "--from", str(first), "--to", str(last))
    assert planned.returncode == 0, planned.stderr
    before = _holders(url, first, last)
    assert "Bo Nielsen" in before

    moved = run(
        url, "members", "set-role", "--team", "1", "--aad-id", "aad-2", "--role", "switchboard"
    )
    assert moved.returncode == 0, moved.stderr
    after = _holders(url, first, last)
    assert "Bo Nielsen" not in after and "" not in after  # Anne and Camilla hold every day
    assert len(after) == len(before) and set(after) == {"Anne Hansen", "Camilla Berg"}
    assert _role(url, "aad-2") == "switchboard"
