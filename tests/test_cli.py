"""The `hotline-bot` command as an operator runs it."""

import asyncio
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from store.db import create_engine, sessions, unit_of_work
from store.store import Store
from tests.e2e.teams import free_port

BIN = Path(sys.executable).parent / "hotline-bot"


def run(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOTLINE_DATABASE_URL": url}
    return subprocess.run([str(BIN), *args], env=env, capture_output=True, text=True, timeout=60)


async def _add_team(url: str) -> None:
    engine = create_engine(url)
    async with unit_of_work(sessions(engine)) as session:
        await Store(session).teams.install(
            "t", "19:x", "Sygedagpenge", "http://s/", "19:x", datetime.now(UTC)
        )
    await engine.dispose()


def test_db_upgrade_and_members_commands(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/cli.sqlite3"
    assert run(url, "db", "upgrade").returncode == 0
    asyncio.run(_add_team(url))
    added = run(
        url,
        "members",
        "add",
        "--team",
        "sygedagpenge",
        "--aad-id",
        "aad-1",
        "--name",
        "Anne Hansen",
    )
    assert added.returncode == 0, added.stderr
    assert (
        run(
            url, "members", "set-role", "--team", "1", "--aad-id", "aad-1", "--role", "lead"
        ).returncode
        == 0
    )
    listing = run(url, "members", "list", "--team", "Sygedagpenge")
    assert "aad-1\tAnne Hansen\tlead\toff rota" in listing.stdout
    missing = run(url, "members", "list", "--team", "nope")
    assert missing.returncode == 2 and "no single team matches 'nope'" in missing.stderr
    unknown = run(url, "members", "set-role", "--team", "1", "--aad-id", "x", "--role", "lead")
    assert unknown.returncode == 2 and "no member x" in unknown.stderr


def test_serve_refuses_a_public_address_without_credentials(tmp_path: Path) -> None:
    result = run(f"sqlite+aiosqlite:///{tmp_path}/x.sqlite3", "serve", "--host", "0.0.0.0")
    assert result.returncode == 2
    assert "refusing to listen on 0.0.0.0" in result.stderr


def test_bad_configuration_stops_with_a_clear_message(tmp_path: Path) -> None:
    env = {**os.environ, "HOTLINE_TIMEZONE": "Mars/Olympus"}
    result = subprocess.run(
        [str(BIN), "db", "upgrade"], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2 and "unknown zone 'Mars/Olympus'" in result.stderr


@contextmanager
def serving(tmp_path: Path, *args: str, **env: str) -> Iterator[tuple[int, list[str]]]:
    """`hotline-bot serve` on a free port, ready; yields the port and, once stopped, its
    output lines."""
    port = free_port()
    environment = {
        **os.environ,
        "HOTLINE_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/serve.sqlite3",
        **env,
    }
    process = subprocess.Popen(
        [str(BIN), "serve", "--port", str(port), *args],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output: list[str] = []
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2):
                    break
            except OSError:
                assert time.monotonic() < deadline, "server did not become ready"
                time.sleep(0.2)
        yield port, output
    finally:
        process.terminate()
        output.extend(process.communicate(timeout=30)[0].splitlines())


def test_serve_starts_on_an_empty_sqlite_file_and_answers_health(tmp_path: Path) -> None:
    with serving(tmp_path) as (port, _):
        health = urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
        assert b"up" in health.read()
        health.close()
    assert (tmp_path / "serve.sqlite3").exists()


def test_json_logs_carry_no_secrets(tmp_path: Path) -> None:
    secret = "s3cr3t-app-password-value"
    with serving(
        tmp_path,
        "--log-format",
        "json",
        MicrosoftAppPassword=secret,
        MicrosoftAppId="6f1e2d3c-4b5a-4968-8776-655443322110",
        MicrosoftAppTenantId="tenant-1",
    ) as (port, output):
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/api/messages",
            data=b"{}",
            headers={"Content-Type": "application/json"},
        )
        try:
            urllib.request.urlopen(request, timeout=5)
        except urllib.error.HTTPError as refused:
            assert refused.code == 400
            refused.close()
    lines = [json.loads(line) for line in output if line.strip()]
    assert any(entry["message"] == "ready" for entry in lines)
    assert all({"time", "level", "logger", "correlation_id", "message"} <= set(e) for e in lines)
    assert secret not in "\n".join(output)
