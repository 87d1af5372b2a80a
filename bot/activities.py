"""Teams activities as JSON, and the plain values the dialogs work with: an incoming
activity becomes a `Request` or a `TeamEvent`, a `Reply` becomes an outgoing activity.

Plain dicts only (no botbuilder): the hot path never builds botbuilder's objects, and the
edge (`bot/teams_edge.py`, the only module that imports botbuilder) hands over the JSON
it was sent. Every field is read defensively: a sender may put anything anywhere.
"""

from typing import Any

from dialogs.plain import Person, Reply, Request, TeamEvent

CARD_TYPE = "application/vnd.microsoft.card.adaptive"
Wire = dict[str, Any]  # an activity (or part of one) as JSON
# A Teams activity nests 6 or 7 levels; deeper bodies are refused before anything reads them
# (a few hundred levels made msrest and the card code recurse and log a traceback each).
MAX_DEPTH = 32


def problem(body: Any) -> str | None:
    """Why a body cannot be an activity we accept, before botbuilder sees it."""
    if not isinstance(body, dict):
        return "an activity must be a JSON object"
    if not isinstance(body.get("type"), str) or not body["type"]:
        return "type is required"
    service_url = body.get("serviceUrl")
    if not isinstance(service_url, str) or not service_url.startswith(("http://", "https://")):
        return "serviceUrl is required"
    conversation = body.get("conversation")
    if not isinstance(conversation, dict) or not isinstance(conversation.get("id"), str):
        return "conversation.id is required"
    if not conversation["id"] or len(conversation["id"]) > 1000:
        return "conversation.id must be 1 to 1000 characters"
    for key in ("from", "recipient"):
        if key in body and not isinstance(body[key], dict):
            return f"{key} must be an object"
    for key in ("text", "locale", "replyToId"):
        if body.get(key) is not None and not isinstance(body[key], str):
            return f"{key} must be a string"
    for key in ("entities", "membersAdded", "membersRemoved"):
        if body.get(key) is not None and not isinstance(body[key], list):
            return f"{key} must be a list"
    if body.get("channelData") is not None and not isinstance(body["channelData"], dict):
        return "channelData must be an object"
    return None


def deeper_than(value: Any, limit: int) -> bool:
    """Whether JSON nests more than `limit` arrays and objects; without recursion."""
    if not isinstance(value, dict | list):
        return False
    # Only containers go on the stack: an activity is mostly strings, and this runs on every
    # turn (#17).
    stack: list[tuple[dict[str, Any] | list[Any], int]] = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return True
        for child in node.values() if isinstance(node, dict) else node:
            if isinstance(child, dict | list):
                stack.append((child, depth + 1))
    return False


def string(data: Wire, key: str) -> str:
    value = data.get(key)
    return value if isinstance(value, str) else ""


def part(data: Wire, key: str) -> Wire:
    """The object under `key` ({} when it is anything else)."""
    value = data.get(key)
    return value if isinstance(value, dict) else {}


def account_ids(body: Wire, key: str) -> list[str]:
    """The ids of the accounts listed under `key` (membersAdded, membersRemoved)."""
    return [string(m, "id") for m in body.get(key) or [] if isinstance(m, dict)]


# What the bot keeps of an account or a conversation (a stored reference, a reply's address);
# anything else a sender put there is left behind.
ACCOUNT_KEYS = ("id", "name", "aadObjectId", "role", "conversationType", "tenantId", "isGroup")


def _account(body: Wire, key: str) -> Wire:
    return {k: v for k, v in part(body, key).items() if k in ACCOUNT_KEYS}


def team_id_of(body: Wire) -> str | None:
    return string(part(part(body, "channelData"), "team"), "id") or None


def tenant_id_of(body: Wire) -> str:
    # Teams sends conversation.tenantId too; botbuilder's schema drops it (it expects tenantID).
    tenant = string(part(part(body, "channelData"), "tenant"), "id")
    return tenant or string(body["conversation"], "tenantId")


def _channel_id(body: Wire) -> str:
    channel = string(part(part(body, "channelData"), "channel"), "id")
    return channel or body["conversation"]["id"].split(";messageid=")[0]


def person(account: Wire) -> Person:
    return Person(
        aad_object_id=string(account, "aadObjectId"),
        teams_user_id=string(account, "id"),
        name=string(account, "name"),
        email=string(account, "email"),
    )


def _text_and_mentions(body: Wire, text: str) -> tuple[str, tuple[Person, ...]]:
    bot_id = string(part(body, "recipient"), "id")
    mentions: list[Person] = []
    for entity in body.get("entities") or []:
        if not isinstance(entity, dict) or entity.get("type") != "mention":
            continue
        mentioned, tag = part(entity, "mentioned"), string(entity, "text")
        if string(mentioned, "id") == bot_id:
            text = text.replace(tag, " ") if tag else text
        else:
            name = string(mentioned, "name")
            text = text.replace(tag, name) if tag else text
            mentions.append(Person("", string(mentioned, "id"), name))
    text = text.replace("&nbsp;", " ")
    return " ".join(text.split()), tuple(mentions)


def _reference(body: Wire) -> Wire:
    """Where to reach this conversation later: botbuilder's ConversationReference, as JSON."""
    return {
        "activityId": body.get("id"),
        "user": _account(body, "from"),
        "bot": _account(body, "recipient"),
        "conversation": _account(body, "conversation"),
        "channelId": body.get("channelId"),
        "locale": body.get("locale"),
        "serviceUrl": body["serviceUrl"],
    }


def to_request(body: Wire, text: str | None = None) -> Request:
    raw_text, mentions = _text_and_mentions(body, string(body, "text"))
    scope = string(body["conversation"], "conversationType") or "personal"
    value = body.get("value")
    return Request(
        tenant_id=tenant_id_of(body),
        user=person(part(body, "from")),
        locale=string(body, "locale"),
        scope=scope,
        conversation_id=body["conversation"]["id"],
        service_url=body["serviceUrl"],
        team_teams_id=team_id_of(body),
        channel_id=_channel_id(body) if scope == "channel" else None,
        text=raw_text if text is None else text,
        value=value if isinstance(value, dict) else None,
        mentions=mentions,
        reply_to_id=string(body, "replyToId") or None,
        reference=_reference(body),
    )


def to_event(body: Wire, kind: str, roster: tuple[Person, ...] | None = None) -> TeamEvent:
    return TeamEvent(
        kind=kind,
        tenant_id=tenant_id_of(body),
        team_teams_id=team_id_of(body) or "",
        team_name=string(part(part(body, "channelData"), "team"), "name"),
        channel_id=_channel_id(body),
        service_url=body["serviceUrl"],
        actor=person(part(body, "from")),
        roster=roster,
        locale=string(body, "locale"),
        removed=tuple(i for i in account_ids(body, "membersRemoved") if i),
    )


def to_activity(reply: Reply) -> dict[str, Any]:
    activity: dict[str, Any] = {"type": "message"}
    if reply.text:
        activity["text"] = reply.text
    if reply.card is not None:
        activity["attachments"] = [{"contentType": CARD_TYPE, "content": reply.card}]
    if reply.mentions:
        activity["entities"] = [
            {
                "type": "mention",
                "text": m.tag,
                "mentioned": {"id": m.teams_user_id, "name": m.name},
            }
            for m in reply.mentions
        ]
    return activity


def reply_address(incoming: Wire) -> Wire:
    """Who a reply is from and to, as botbuilder's conversation reference would fill it in."""
    return {
        "from": _account(incoming, "recipient"),
        "recipient": _account(incoming, "from"),
        "conversation": _account(incoming, "conversation"),
        "channelId": incoming.get("channelId"),
        "serviceUrl": incoming["serviceUrl"],
        "replyToId": string(incoming, "id") or None,
        "locale": incoming.get("locale"),
    }
