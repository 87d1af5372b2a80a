"""Where a message the bot sends on its own goes, and how a failed send is reported."""

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Destination:
    service_url: str
    tenant_id: str
    reference: dict[str, Any] | None = None  # an existing 1:1 chat
    user_teams_id: str = ""  # a new 1:1 chat with this user
    channel_id: str = ""  # a new thread in this channel


class DeliveryError(Exception):
    def __init__(self, status: int, retry_after: float | None, detail: str) -> None:
        super().__init__(f"{status}: {detail}")
        self.status = status
        self.retry_after = retry_after
