"""The app package validates against Microsoft's own schema; a broken one does not."""

import json
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator, Draft6Validator, validators

from manifest.package import ManifestError, build, render
from tests.node_tools import teams_schema

APP = "0b5e4f0e-1c2d-4e5f-8a9b-0c1d2e3f4a5b"
BOT = "9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f"
# The schemas declare draft-04 but use draft-06's `const`: check it too.
TeamsValidator = validators.extend(Draft4Validator, {"const": Draft6Validator.VALIDATORS["const"]})


def problems(document: dict[str, Any], schema: dict[str, Any]) -> list[str]:
    return [
        f"{'/'.join(map(str, e.path))}: {e.message}"
        for e in TeamsValidator(schema).iter_errors(document)
    ]


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_the_built_package_validates_and_has_the_icons(tmp_path: Path) -> None:
    out = build(APP, BOT, "hotline.kommune.dk", tmp_path / "app.zip")
    with zipfile.ZipFile(out) as archive:
        assert set(archive.namelist()) == {
            "manifest.json",
            "color.png",
            "outline.png",
            "en-us.json",
        }
        manifest = json.loads(archive.read("manifest.json"))
        localisation = json.loads(archive.read("en-us.json"))
        color, outline = archive.read("color.png"), archive.read("outline.png")
    version = manifest["manifestVersion"]
    assert tuple(map(int, version.split("."))) >= (1, 19)
    assert problems(manifest, teams_schema(version)) == []
    assert (
        problems(localisation, teams_schema(version, "MicrosoftTeams.Localization.schema.json"))
        == []
    )
    assert manifest["id"] == APP and manifest["bots"][0]["botId"] == BOT
    assert manifest["bots"][0]["scopes"] == ["personal", "team", "groupChat"]
    assert manifest["validDomains"] == ["hotline.kommune.dk"]
    assert png_size(color) == (192, 192) and png_size(outline) == (32, 32)
    assert outline_pixels_are_white_or_transparent(outline)


def test_the_tabs_sign_in_with_the_bots_app_and_open_the_web_pages() -> None:
    manifest = render(APP, BOT, "hotline.kommune.dk")
    assert problems(manifest, teams_schema("1.19")) == []
    # The token's audience, which bot/sso.py checks (Settings.sso_audience): the bot's Entra app.
    assert manifest["webApplicationInfo"] == {
        "id": BOT,
        "resource": f"api://hotline.kommune.dk/{BOT}",
    }
    tabs = {tab["entityId"]: tab for tab in manifest["staticTabs"]}
    assert list(tabs) == ["conversations", "vagtplan", "tal", "omstilling"]  # chat stays first
    for page in ("vagtplan", "tal", "omstilling"):
        assert tabs[page]["scopes"] == ["personal"]
        assert tabs[page]["contentUrl"].startswith(
            f"https://hotline.kommune.dk/web/tab?page={page}&"
        )
        assert tabs[page]["websiteUrl"] == f"https://hotline.kommune.dk/web/{page}"
    (channel,) = manifest["configurableTabs"]
    assert channel["scopes"] == ["team"] and channel["context"] == ["channelTab"]
    assert channel["configurationUrl"].startswith("https://hotline.kommune.dk/web/tab/config")
    english = json.loads((Path(render.__globals__["HERE"]) / "en-us.json").read_text())
    assert [english[f"staticTabs[{i}].name"] for i in (1, 2, 3)] == [
        "Rota",
        "Figures",
        "Switchboard",
    ]


def outline_pixels_are_white_or_transparent(data: bytes) -> bool:
    """Teams wants the outline icon white on transparent. Reads our own simple PNGs (RGBA,
    8 bit, one IDAT, no row filters)."""
    width, height = png_size(data)
    assert data[24:26] == b"\x08\x06"  # 8-bit RGBA
    start = data.index(b"IDAT") + 4
    length = struct.unpack(">I", data[start - 8 : start - 4])[0]
    raw = zlib.decompress(data[start : start + length])
    stride = 1 + width * 4
    for y in range(height):
        assert raw[y * stride] == 0, "row filters are not expected"
        row = raw[y * stride + 1 : (y + 1) * stride]
        for x in range(width):
            r, g, b, a = row[x * 4 : x * 4 + 4]
            if a and (r, g, b) != (255, 255, 255):
                return False
    return True


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda m: m["bots"][0].__setitem__("scopes", ["personal", "groupchat"]), "groupchat"),
        (lambda m: m.__setitem__("manifestVersion", "1.99"), "'1.19' was expected"),
        (lambda m: m["name"].__setitem__("short", "x" * 31), "is too long"),
        (
            lambda m: m["bots"][0]["commandLists"][0]["commands"].extend(
                [{"title": f"c{i}", "description": "d"} for i in range(10)]
            ),
            "is too long",
        ),
        (lambda m: m.pop("developer"), "'developer' is a required property"),
        (lambda m: m["staticTabs"][1].__setitem__("entityId", "x" * 65), "is too long"),
        (lambda m: m["configurableTabs"][0].__setitem__("scopes", ["personal"]), "personal"),
        (lambda m: m["webApplicationInfo"].__setitem__("id", "app"), "does not match"),
    ],
)
def test_a_broken_manifest_fails(change: Any, expected: str) -> None:
    manifest = render(APP, BOT, "hotline.kommune.dk")
    change(manifest)
    found = problems(manifest, teams_schema("1.19"))
    assert found and any(expected in p for p in found), found


def test_bad_ids_are_refused() -> None:
    with pytest.raises(ManifestError, match="--app-id must be a GUID"):
        render("not-a-guid", BOT, "hotline.kommune.dk")
    with pytest.raises(ManifestError, match="--domain"):
        render(APP, BOT, "https://hotline.kommune.dk/")


def test_every_listed_command_is_in_the_routing_table_and_its_example_is_understood() -> None:
    """The compose box's command list (both languages): each title is a command the bot
    runs, and the everyday sentence its description offers is read as that command."""
    from datetime import date

    from dialogs.commands import match
    from dialogs.routing import COMMANDS
    from understanding import understand

    here = Path(render.__globals__["HERE"])
    danish = json.loads((here / "manifest.json").read_text(encoding="utf-8"))
    english = json.loads((here / "en-us.json").read_text(encoding="utf-8"))
    checked = 0
    for i, listed in enumerate(danish["bots"][0]["commandLists"]):
        for j, command in enumerate(listed["commands"]):
            key = f"bots[0].commandLists[{i}].commands[{j}]"
            for title, description in (
                (command["title"], command["description"]),
                (english[f"{key}.title"], english[f"{key}.description"]),
            ):
                found = match(title, COMMANDS)
                assert found is not None and found[1] == "", title
                if ": " in description:
                    example = description.split(": ", 1)[1]
                    assert understand(example, date(2026, 12, 7)).intent == found[0].name, example
                    checked += 1
    assert checked >= 16
