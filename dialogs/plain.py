"""The plain shapes that cross the Teams edge: requests in, replies out."""

from dataclasses import dataclass, field
from typing import Any

from dialogs.markdown import Markup, escape


class Answered(Exception):
    """The turn's answer is known before its handler ends (a question back, such as a
    'which Anne?' card): raised through the handler, sent as the replies by dialogs/turn.py."""

    def __init__(self, *replies: "Reply") -> None:
        super().__init__()
        self.replies = list(replies)


@dataclass(frozen=True)
class Person:
    aad_object_id: str
    teams_user_id: str
    name: str
    email: str = ""


@dataclass(frozen=True)
class Request:
    tenant_id: str
    user: Person
    locale: str
    scope: str  # "personal", "channel" or "groupChat"
    conversation_id: str
    service_url: str
    team_teams_id: str | None = None
    channel_id: str | None = None
    text: str = ""
    value: dict[str, Any] | None = None
    mentions: tuple[Person, ...] = ()
    reply_to_id: str | None = None
    reference: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Mention:
    teams_user_id: str
    name: str

    @property
    def tag(self) -> str:
        return Markup(f"<at>{escape(self.name)}</at>")


@dataclass(frozen=True)
class Reply:
    text: str = ""
    card: dict[str, Any] | None = None
    mentions: tuple[Mention, ...] = ()
    # Replace the card the user clicked instead of posting a new message.
    update: bool = False

    def to_payload(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "card": self.card,
            "mentions": [{"id": m.teams_user_id, "name": m.name} for m in self.mentions],
        }

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> "Reply":
        return cls(
            text=payload.get("text") or "",
            card=payload.get("card"),
            mentions=tuple(Mention(m["id"], m["name"]) for m in payload.get("mentions") or ()),
        )


@dataclass(frozen=True)
class TeamEvent:
    """Install, uninstall or roster change in a team, with the roster when the edge fetched it."""

    kind: str  # "installed", "uninstalled", "members_changed"
    tenant_id: str
    team_teams_id: str
    team_name: str
    channel_id: str
    service_url: str
    actor: Person | None
    roster: tuple[Person, ...] | None = None
    locale: str = ""
    removed: tuple[str, ...] = ()  # Teams user ids the event says were taken off the team
