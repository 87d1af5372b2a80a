"""Deployment settings: environment variables over an optional TOML file (HOTLINE_CONFIG).

Per-team settings live in the database (store.team_settings) and start from these defaults.
"""

import ipaddress
import os
import socket
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


class ConfigError(ValueError):
    """A setting is missing or malformed; the message names it."""


@dataclass(frozen=True)
class Settings:
    database_url: str = ""
    app_id: str = ""
    app_password: str = ""
    app_tenant_id: str = ""
    app_type: str = "SingleTenant"
    phone: str = ""
    timezone: str = "Europe/Copenhagen"
    announce_time: str = "08:00"
    latest_announce_time: str = "10:00"
    language: str = "da"
    rate_limit_messages: int = 20
    rate_limit_seconds: float = 10.0
    outbox_concurrency: int = 8
    # How long a claimed message waits before another sender may take it over (after a
    # crash); well over the 30 s a send may take.
    outbox_lease_seconds: float = 120.0
    log_format: str = "text"
    rota_weeks: int = 8
    # Sent messages and old card flows are deleted after this many days.
    retention_days: int = 90
    headsup_time: str = "15:00"
    # Where people reach the server from outside, for calendar links. Empty: the address
    # `serve` listens on (listen_url, which `serve` fills in).
    public_url: str = ""
    listen_url: str = field(default="", repr=False)
    # Where Bot Framework's token signing keys are published; tests point it at a stand-in.
    openid_metadata_url: str = ""
    # The Teams tab's single sign-on: where Entra ID publishes its signing keys (tests point it
    # at a stand-in), and the token audience, the Application ID URI; empty means
    # api://<host of public_url>/<app_id>, as the manifest's webApplicationInfo.resource.
    sso_openid_metadata_url: str = (
        "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration"
    )
    sso_resource: str = ""
    # Tenants whose Teams activities are let in, comma-separated; "*" for any. Empty: the
    # app's own tenant (app_tenant_id) when that is set, else any.
    tenants: str = ""
    # The [switchboard] table of the config file, and the file's text (to name lines).
    switchboard: Mapping[str, Any] = field(default_factory=dict)
    config_source: str = field(default="", repr=False)
    # Retention beyond cases (README "Personal data and retention"). Absences are deleted this
    # many days after their last day, sick days (health data) sooner; audit entries after
    # about five years; a member who left every team loses name, email and AAD id this long
    # after the nightly job saw them gone; an open case unchanged this long is flagged.
    absence_retention_days: int = 90
    sick_retention_days: int = 30
    audit_retention_days: int = 1826
    departed_member_days: int = 30
    stale_case_days: int = 30

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def authenticated(self) -> bool:
        return bool(self.app_id)

    @property
    def allowed_tenants(self) -> frozenset[str] | None:
        """The tenants let in; None for any."""
        listed = frozenset(t.strip() for t in self.tenants.split(",") if t.strip())
        if "*" in listed:
            return None
        if listed:
            return listed
        return frozenset({self.app_tenant_id}) if self.app_tenant_id else None

    @property
    def sso_audience(self) -> str:
        host = urlsplit(self.link_base).hostname or ""
        return self.sso_resource or f"api://{host}/{self.app_id}"

    @property
    def public_url_is_loopback(self) -> bool:
        """Whether the public address set (if any) is this machine only; unset claims none."""
        return not self.public_url or is_loopback(urlsplit(self.public_url).hostname or "")

    @property
    def link_base(self) -> str:
        """The address in links people open (calendar feeds): HOTLINE_PUBLIC_URL, else the
        host and port `serve` listens on."""
        return (self.public_url or self.listen_url or DEFAULT_LISTEN_URL).rstrip("/")

    @property
    def links_are_loopback(self) -> bool:
        return is_loopback(urlsplit(self.link_base).hostname or "")


DEFAULT_LISTEN_URL = "http://127.0.0.1:3978"  # `serve`'s default host and port


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
    from dialogs.switchboard_rules import check  # the rules are the dialogs' data

    check(settings.switchboard, settings.config_source)
    return settings


def is_loopback(host: str) -> bool:
    """Whether a host name or address is this machine only."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _is_hhmm(text: str) -> bool:
    parts = text.split(":")
    return (
        len(parts) == 2
        and all(p.isdigit() for p in parts)
        and 0 <= int(parts[0]) < 24
        and 0 <= int(parts[1]) < 60
    )
