"""Start-up: without Bot Framework credentials the bot serves only this machine, and says so."""

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.app import create_app
from bot.config import ConfigError, Settings
from domain.clock import FakeClock
from tests.e2e.teams import running_bot

BIN = Path(sys.executable).parent / "hotline-bot"


@pytest.mark.parametrize(
    "url", ["https://hotline.kommune.dk", "http://10.0.0.5:3978", "https://[2001:db8::1]/"]
)
def test_a_public_url_without_credentials_is_refused(url: str) -> None:
    with pytest.raises(ConfigError, match=r"refusing to serve .* without MicrosoftAppId"):
        create_app(Settings(public_url=url))
    create_app(Settings(public_url=url, app_id="app", app_password="secret"))


def test_serve_behind_a_proxy_without_credentials_stops(tmp_path: Path) -> None:
    """Listening on 127.0.0.1 behind an HTTPS proxy is as open as listening on 0.0.0.0."""
    env = {
        **os.environ,
        "HOTLINE_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/x.sqlite3",
        "HOTLINE_PUBLIC_URL": "https://hotline.kommune.dk",
    }
    env.pop("MicrosoftAppId", None)
    result = subprocess.run(
        [str(BIN), "serve", "--port", "1"], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2, result.stderr
    assert "refusing to serve https://hotline.kommune.dk (HOTLINE_PUBLIC_URL)" in result.stderr
    assert "Traceback" not in result.stderr


async def test_every_start_says_who_gets_in(
    sqlite_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="bot.app")
    async with running_bot(Settings(database_url=sqlite_url), FakeClock()):
        pass
    assert "NO AUTHENTICATION" in caplog.text
    assert "accepted from ANY tenant" in caplog.text
    caplog.clear()
    settings = Settings(
        database_url=sqlite_url, app_id="app", app_password="pw", app_tenant_id="tenant-1"
    )
    async with running_bot(settings, FakeClock()):
        pass
    assert "NO AUTHENTICATION" not in caplog.text
    assert "accepted from tenant(s) tenant-1" in caplog.text
