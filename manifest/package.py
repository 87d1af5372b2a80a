"""Builds the Teams app package: the manifest template filled in, zipped with icons and the
English localisation at the zip's root."""

import json
import re
import zipfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
FILES = ("color.png", "outline.png", "en-us.json")
PLACEHOLDER = re.compile(r"\{\{[A-Z_]+\}\}")
GUID = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")


class ManifestError(ValueError):
    pass


def render(
    app_id: str,
    bot_id: str,
    domain: str,
    template: Path = HERE / "manifest.json",
) -> dict[str, Any]:
    for name, value in (("--app-id", app_id), ("--bot-id", bot_id)):
        if not GUID.match(value):
            raise ManifestError(f"{name} must be a GUID like 00000000-0000-0000-0000-000000000000")
    if not re.fullmatch(r"[a-z0-9.-]+\.[a-z]{2,}", domain):
        raise ManifestError("--domain must be a host name like hotline.kommune.dk")
    text = template.read_text(encoding="utf-8")
    for key, value in (("APP_ID", app_id), ("BOT_ID", bot_id), ("DOMAIN", domain)):
        text = text.replace("{{" + key + "}}", value)
    left = PLACEHOLDER.findall(text)
    if left:
        raise ManifestError(f"unfilled placeholders in the template: {', '.join(left)}")
    manifest: dict[str, Any] = json.loads(text)
    return manifest


def build(app_id: str, bot_id: str, domain: str, out: Path) -> Path:
    manifest = render(app_id, bot_id, domain)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
        for name in FILES:
            archive.write(HERE / name, name)
    return out
