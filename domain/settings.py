"""The deployment's settings as every layer sees them (loaded from the environment and the
config file by bot/config.py)."""

import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo


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
    # Turns in flight at once; more are refused at once with 503 and Retry-After (Teams
    # retries). Above the 20 conversations at once of the benchmark, below a queue that
    # would keep turns waiting for seconds.
    max_turns_in_flight: int = 32
    # PostgreSQL connections a process keeps, and never more: every replica's, plus the CLI's
    # and maintenance, must fit the server's max_connections (100 by default). 0: one for every
    # turn let in at once, every parallel send and the scheduler's teams at once (bot/app.py).
    database_connections: int = 0

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def authenticated(self) -> bool:
        return bool(self.app_id)

    @cached_property  # read for every activity; the setting never changes in a process
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


def is_loopback(host: str) -> bool:
    """Whether a host name or address is this machine only."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
