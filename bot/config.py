"""Deployment settings: environment variables over an optional TOML file (HOTLINE_CONFIG).

Per-team settings live in the database (store.team_settings) and start from these defaults.
"""

import os
import socket
import tomllib
from dataclasses import fields
from pathlib import Path
from zoneinfo import ZoneInfoNotFoundError

from domain.settings import DEFAULT_LISTEN_URL, ConfigError, Settings, is_loopback

__all__ = [
    "DEFAULT_LISTEN_URL",
    "ConfigError",
    "Settings",
    "is_loopback",
    "listen_url",
    "load_settings",
]


def listen_url(host: str, port: int) -> str:
    """The address of a server listening on `host`:`port`, as a link. A wildcard address
    (0.0.0.0, ::) is every interface: the machine's own name is the one to give out."""
    if host in ("", "0.0.0.0", "::"):
        host = socket.getfqdn()
    elif ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}"


# Environment variable → field. The Bot Framework names are the ones Azure's docs use.
ENV_NAMES = {
    "HOTLINE_DATABASE_URL": "database_url",
    "MicrosoftAppId": "app_id",
    "MicrosoftAppPassword": "app_password",
    "MicrosoftAppTenantId": "app_tenant_id",
    "MicrosoftAppType": "app_type",
    "HOTLINE_PHONE": "phone",
    "HOTLINE_TIMEZONE": "timezone",
    "HOTLINE_ANNOUNCE_TIME": "announce_time",
    "HOTLINE_LATEST_ANNOUNCE_TIME": "latest_announce_time",
    "HOTLINE_LANGUAGE": "language",
    "HOTLINE_LOG_FORMAT": "log_format",
    "HOTLINE_ROTA_WEEKS": "rota_weeks",
    "HOTLINE_RETENTION_DAYS": "retention_days",
    "HOTLINE_HEADSUP_TIME": "headsup_time",
    "HOTLINE_PUBLIC_URL": "public_url",
    "TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL": "openid_metadata_url",
    "HOTLINE_TENANTS": "tenants",
    "HOTLINE_SSO_OPENID_METADATA_URL": "sso_openid_metadata_url",
    "HOTLINE_SSO_RESOURCE": "sso_resource",
}

SECRET_FIELDS = frozenset({"app_password", "database_url"})


def default_database_url(cwd: Path | None = None) -> str:
    return f"sqlite+aiosqlite:///{(cwd or Path.cwd()) / 'hotline.sqlite3'}"


def load_settings(env: dict[str, str] | None = None) -> Settings:
    env = dict(os.environ) if env is None else env
    values: dict[str, object] = {}
    path = env.get("HOTLINE_CONFIG")
    if path:
        values.update(_read_toml(Path(path)))
    for name, field_name in ENV_NAMES.items():
        if env.get(name):
            values[field_name] = env[name]
    values.setdefault("database_url", default_database_url())
    return _validated(values)


def _read_toml(path: Path) -> dict[str, object]:
    try:
        source = path.read_text(encoding="utf-8")
        data = tomllib.loads(source)
    except FileNotFoundError as exc:
        raise ConfigError(f"HOTLINE_CONFIG: no such file {path}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    known = {f.name for f in fields(Settings)} - {"config_source", "listen_url"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ConfigError(f"{path}: unknown setting(s) {', '.join(unknown)}")
    values: dict[str, object] = {k: v for k, v in data.items() if k in known}
    values["config_source"] = source
    return values


def _validated(values: dict[str, object]) -> Settings:
    types = {f.name: f.type for f in fields(Settings)}
    clean: dict[str, object] = {}
    for key, raw in values.items():
        kind = types[key]
        if key == "switchboard" and not isinstance(raw, dict):
            raise ConfigError("switchboard: must be a table ([switchboard])")
        if key == "tenants" and not isinstance(raw, str):
            raise ConfigError("tenants: expected tenant ids separated by commas, as one string")
        try:
            clean[key] = int(str(raw)) if kind is int else float(str(raw)) if kind is float else raw
        except ValueError as exc:
            raise ConfigError(f"{key}: expected a number, got {raw!r}") from exc
    settings = Settings(**clean)  # type: ignore[arg-type]
    try:
        settings.zone  # noqa: B018 - validates the name
    except ZoneInfoNotFoundError as exc:
        raise ConfigError(f"timezone: unknown zone {settings.timezone!r}") from exc
    for key in ("announce_time", "latest_announce_time", "headsup_time"):
        if not _is_hhmm(getattr(settings, key)):
            raise ConfigError(f"{key}: expected HH:MM, got {getattr(settings, key)!r}")
    if settings.language not in ("da", "en"):
        raise ConfigError(f"language: expected da or en, got {settings.language!r}")
    if settings.database_connections < 0:
        raise ConfigError(
            f"database_connections: expected 0 (as many as the bot needs) or more, "
            f"got {settings.database_connections}"
        )
    from dialogs.switchboard_rules import check  # the rules are the dialogs' data

    check(settings.switchboard, settings.config_source)
    return settings


def _is_hhmm(text: str) -> bool:
    parts = text.split(":")
    return (
        len(parts) == 2
        and all(p.isdigit() for p in parts)
        and 0 <= int(parts[0]) < 24
        and 0 <= int(parts[1]) < 60
    )
