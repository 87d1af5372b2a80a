"""The wheel (what `pip install .` and the image install) holds every file the code reads at
run time, not only the modules: an editable checkout hides a missing one."""

import inspect
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from dialogs import switchboard_rules
from manifest import package
from store import db

ROOT = Path(__file__).resolve().parents[1]


def _packages() -> list[str]:
    """The top-level package directories pyproject.toml ships (`bot*` → `bot`)."""
    with (ROOT / "pyproject.toml").open("rb") as f:
        include = tomllib.load(f)["tool"]["setuptools"]["packages"]["find"]["include"]
    return sorted({pattern.rstrip("*").rstrip(".") for pattern in include})


def _source_files(top: str) -> list[str]:
    """The files of a package directory that belong to the project (git's view, so a stray
    local file such as a SQLite database is not asked for)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--", top], cwd=ROOT, capture_output=True, check=True
    )
    return [name for name in listed.stdout.decode().split("\0") if name]


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory: pytest.TempPathFactory) -> frozenset[str]:
    # Built from a copy, so no build/ or stale egg-info in the checkout can add or hide a file.
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    for top in _packages():
        shutil.copytree(
            ROOT / top, source / top, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
        )
    out = tmp_path_factory.mktemp("wheel")
    build = ["wheel", "-q", "--no-deps", "--no-build-isolation", "--no-index"]
    subprocess.run(
        [sys.executable, "-m", "pip", *build, "-w", str(out), str(source)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    (wheel,) = out.glob("hotline_bot-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        return frozenset(archive.namelist())


def _in_repo(path: Path) -> str:
    return path.resolve().relative_to(ROOT).as_posix()


def test_every_file_of_the_packages_is_in_the_wheel(wheel_names: frozenset[str]) -> None:
    files = [name for top in _packages() for name in _source_files(top)]
    assert "dialogs/switchboard_default.toml" in files  # the listing itself works
    missing = sorted(set(files) - wheel_names)
    assert not missing, f"not in the wheel (add them to package-data): {missing}"


def test_the_files_the_code_opens_are_in_the_wheel(wheel_names: frozenset[str]) -> None:
    template = inspect.signature(package.render).parameters["template"].default
    opened = [
        switchboard_rules.DEFAULTS,
        template,
        *(package.HERE / name for name in package.FILES),
        db.MIGRATIONS / "env.py",
        db.MIGRATIONS / "script.py.mako",
        *sorted((db.MIGRATIONS / "versions").glob("*.py")),
    ]
    assert len(opened) > 7  # the migrations were found
    missing = sorted(name for name in map(_in_repo, opened) if name not in wheel_names)
    assert not missing, f"read at run time but not in the wheel: {missing}"


def test_the_wheel_holds_no_tests_or_caches(wheel_names: frozenset[str]) -> None:
    stray = sorted(
        name
        for name in wheel_names
        if name.startswith(("tests/", "bench/", "docs/")) or "__pycache__" in name
    )
    assert not stray, stray


def _pins(lock: str) -> dict[str, str]:
    text = (ROOT / lock).read_text(encoding="utf-8")
    found = re.findall(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+) \\$", text, flags=re.MULTILINE)
    return {canonicalize_name(name): version for name, version in found}


def _unmet(requirements: list[str], pins: dict[str, str]) -> list[str]:
    unmet = []
    for line in requirements:
        requirement = Requirement(line)
        if requirement.marker and not requirement.marker.evaluate({"extra": ""}):
            continue
        version = pins.get(canonicalize_name(requirement.name))
        if version is None or not requirement.specifier.contains(version, prereleases=True):
            unmet.append(f"{line} (locked: {version})")
    return unmet


@pytest.mark.parametrize(
    ("lock", "extras"), [("requirements.lock", ()), ("requirements-test.lock", ("test",))]
)
def test_the_locks_hold_every_dependency_of_pyproject(lock: str, extras: tuple[str, ...]) -> None:
    with (ROOT / "pyproject.toml").open("rb") as f:
        project = tomllib.load(f)
    wanted = project["build-system"]["requires"] + project["project"]["dependencies"]
    for extra in extras:
        wanted += project["project"]["optional-dependencies"][extra]
    unmet = _unmet(wanted, _pins(lock))
    assert not unmet, f"{lock} is out of date with pyproject.toml, run .ci/lock: {unmet}"


def test_the_image_runs_the_versions_ci_tests() -> None:
    runtime, test = _pins("requirements.lock"), _pins("requirements-test.lock")
    assert len(runtime) > 20
    differ = {name: (v, test.get(name)) for name, v in runtime.items() if test.get(name) != v}
    assert not differ, f"run .ci/lock: {differ}"


def test_the_image_copies_every_package_and_then_removes_its_source() -> None:
    """The Dockerfile lists the packages by name: one missing (domain and understanding were)
    builds an image that fails at its first import."""
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    copied = set(re.findall(r"^COPY (\w+) \./\1$", dockerfile, re.MULTILINE))
    removed = set(re.search(r"rm -rf build \*\.egg-info ([\w ]+)", dockerfile).group(1).split())  # type: ignore[union-attr]
    assert copied == set(_packages())
    assert removed == set(_packages())


def test_every_pin_carries_a_hash() -> None:
    for lock in ("requirements.lock", "requirements-test.lock", "requirements-audit.lock"):
        entries = re.split(r"\n(?=[A-Za-z0-9])", (ROOT / lock).read_text(encoding="utf-8"))
        pinned = [entry for entry in entries if "==" in entry.split("\n", 1)[0]]
        assert pinned, lock
        unhashed = [e.split()[0] for e in pinned if "--hash=sha256:" not in e]
        assert not unhashed, f"{lock}: {unhashed}"
