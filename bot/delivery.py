"""Where a message the bot sends on its own goes, and how a failed send is reported."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Destination:
    service_url: str
    tenant_id: str
    reference: dict[str, Any] | None = None  # an existing 1:1 chat
    user_teams_id: str = ""  # a new 1:1 chat with this user
    channel_id: str = ""  # a new thread in this channel


def retry_after(headers: Mapping[str, str] | None) -> float | None:
    """A 429's Retry-After in seconds (the connector sends a number), if it sent one."""
    try:
        return float((headers or {})["Retry-After"])
    except (KeyError, ValueError):
        return None


class DeliveryError(Exception):
    def __init__(self, status: int, retry_after: float | None, detail: str) -> None:
        super().__init__(f"{status}: {detail}")
        self.status = status
        self.retry_after = retry_after
