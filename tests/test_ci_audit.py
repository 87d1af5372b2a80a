"""The CI vulnerability audit (.ci/audit): a found vulnerability fails the build, an advisory
database that cannot be reached is said plainly and does not, and a package the database did not
answer for is never counted as clean."""

import importlib.machinery
import importlib.util
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.e2e.teams import free_port

SCRIPT = Path(__file__).resolve().parents[1] / ".ci" / "audit"


def _load() -> ModuleType:
    loader = importlib.machinery.SourceFileLoader("ci_audit", str(SCRIPT))
    spec = importlib.util.spec_from_loader("ci_audit", loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


audit = _load()

# Shaped as pip-audit 2.10 writes them (-f json), taken from runs on this machine.
CLEAN = {"name": "aiosignal", "version": "1.4.0", "vulns": []}
VULNERABLE = {
    "name": "aiohttp",
    "version": "3.14.5",
    "vulns": [
        {
            "id": "CVE-2099-0001",
            "fix_versions": ["99.0"],
            "aliases": ["GHSA-test-0001"],
            "description": "test",
        }
    ],
}
NOT_FOUND = {
    "name": "alembic",
    "skip_reason": "Dependency not found on PyPI and could not be audited: alembic (1.20.1)",
}


def report(*dependencies: dict[str, Any]) -> dict[str, Any]:
    return {"dependencies": list(dependencies), "fixes": []}


def test_a_known_vulnerability_fails_and_is_named() -> None:
    code, message = audit.verdict(1, report(CLEAN, VULNERABLE, NOT_FOUND), "")
    assert code == 1
    assert "aiohttp 3.14.5: CVE-2099-0001 (fixed in 99.0)" in message


def test_no_answer_for_any_package_is_a_skip_not_a_clean_audit() -> None:
    # What pip-audit's PyPI service gives behind a proxy that refuses the per-release JSON:
    # exit 0, "No known vulnerabilities found", and every package skipped.
    code, message = audit.verdict(0, report(NOT_FOUND, NOT_FOUND), "No known vulnerabilities")
    assert code == 0
    assert message.startswith("vulnerability audit skipped: advisory database unreachable")


def test_packages_without_an_answer_are_listed() -> None:
    code, message = audit.verdict(0, report(CLEAN, NOT_FOUND), "")
    assert code == 0
    assert "no known vulnerabilities in 1 locked packages" in message
    assert "NOT checked (no answer): alembic" in message


def test_a_network_failure_inside_pip_audit_is_a_skip() -> None:
    output = "requests.exceptions.ConnectionError: HTTPSConnectionPool(host='api.osv.dev')"
    code, message = audit.verdict(1, None, output)
    assert code == 0
    assert message.startswith("vulnerability audit skipped: advisory database unreachable")


def test_any_other_pip_audit_failure_fails() -> None:
    code, message = audit.verdict(1, None, "ValueError: invalid requirement")
    assert code == 1
    assert "invalid requirement" in message


def test_the_lock_is_read_pin_by_pin() -> None:
    lock = (SCRIPT.parents[1] / "requirements-test.lock").read_text(encoding="utf-8")
    pins = dict(audit.locked_pins(lock))
    assert pins["aiohttp"].startswith("3.")
    assert len(pins) == lock.count("==")


class _Osv(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        self._answer(200, b"{}")

    def do_GET(self) -> None:  # a proxy that refuses PyPI's per-release JSON
        self._answer(404, b"not found")

    def _answer(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def advisory_server() -> Iterator[str]:
    server = HTTPServer(("127.0.0.1", 0), _Osv)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_the_probe_takes_the_service_that_answers(
    advisory_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(audit, "OSV_URL", f"{advisory_server}/v1/query")
    assert audit.reachable_service(("aiohttp", "3.14.5")) == "osv"
    monkeypatch.setattr(audit, "OSV_URL", f"http://127.0.0.1:{free_port()}/v1/query")
    monkeypatch.setattr(audit, "PYPI_URL", f"{advisory_server}/pypi")  # answers 404
    assert audit.reachable_service(("aiohttp", "3.14.5")) is None


def test_the_script_says_plainly_when_it_cannot_reach_a_database() -> None:
    closed = f"http://127.0.0.1:{free_port()}"
    env = {"AUDIT_OSV_URL": f"{closed}/v1/query", "AUDIT_PYPI_URL": f"{closed}/pypi"}
    done = subprocess.run(
        [sys.executable, str(SCRIPT)],
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("vulnerability audit skipped: advisory database unreachable")
    assert done.stdout.count("\n") == 1  # one plain line
