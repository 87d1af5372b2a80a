"""Microsoft's validators and axe-core, installed from npm once per checkout (.cache/node)."""

import json
import shutil
import subprocess
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / ".cache" / "node"
PACKAGES = {"@microsoft/app-manifest": "1.1.2", "adaptivecards": "3.0.6", "axe-core": "4.14.1"}


@cache
def node_modules() -> Path:
    """The folder holding the pinned npm packages; installs them if they are missing."""
    modules = ROOT / "node_modules"
    wanted = all(_installed(modules, name) == version for name, version in PACKAGES.items())
    if not wanted:
        ROOT.mkdir(parents=True, exist_ok=True)
        npm = shutil.which("npm")
        assert npm, "npm is needed for the manifest and card tests"
        specs = [f"{name}@{version}" for name, version in PACKAGES.items()]
        subprocess.run(
            [npm, "install", "--no-save", "--no-audit", "--no-fund", "--prefix", str(ROOT), *specs],
            check=True,
            capture_output=True,
            timeout=600,
        )
    return modules


def _installed(modules: Path, name: str) -> str | None:
    package = modules / name / "package.json"
    return json.loads(package.read_text())["version"] if package.exists() else None


def teams_schema(version: str, name: str = "MicrosoftTeams.schema.json") -> dict[str, object]:
    path = node_modules() / "@microsoft/app-manifest/build/json-schemas/teams" / f"v{version}"
    return json.loads((path / name).read_text(encoding="utf-8-sig"))
