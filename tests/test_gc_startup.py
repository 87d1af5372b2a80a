"""The garbage collector during start-up (#17): off while the command's modules are imported,
then on, and for `serve` with what start-up built frozen out of its passes."""

import json
import os
import subprocess
import sys
from pathlib import Path

# Runs `hotline-bot ARGS` as the installed command does (bot/__main__.py) and prints, as JSON,
# whether the collector was on when SQLAlchemy was imported, and at the end; `serve` is stopped
# right after its app has started, and reports the collector then.
SCRIPT = """
import asyncio, gc, json, sys
from aiohttp import web

seen = {}
sys.addaudithook(
    lambda event, args: event == "import" and args[0] == "sqlalchemy"
    and seen.setdefault("importing", gc.isenabled())
)

def run_app(app, **_kw):
    async def started():
        runner = web.AppRunner(app)
        await runner.setup()
        seen["serving"] = [gc.isenabled(), gc.get_freeze_count() > 0]
        await runner.cleanup()
    asyncio.run(started())

web.run_app = run_app
sys.argv = ["hotline-bot", *sys.argv[1:]]
from bot.__main__ import main
seen["code"] = main()
seen["after"] = gc.isenabled()
print(json.dumps(seen))
"""


def _run(tmp_path: Path, *args: str) -> dict[str, object]:
    env = {**os.environ, "HOTLINE_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/gc.sqlite3"}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout.splitlines()[-1]))


def test_a_command_imports_with_the_collector_off_and_runs_with_it_on(tmp_path: Path) -> None:
    assert _run(tmp_path, "db", "upgrade") == {"importing": False, "code": 0, "after": True}


def test_serve_starts_with_the_collector_on_and_start_up_frozen(tmp_path: Path) -> None:
    seen = _run(tmp_path, "serve", "--port", "0")
    assert seen["importing"] is False
    assert seen["serving"] == [True, True]
