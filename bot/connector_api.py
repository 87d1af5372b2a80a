"""The three Bot Connector REST calls the bot sends with, over one reused aiohttp session.

botbuilder sends through msrest and `requests` in a thread pool, building new clients and a
new HTTP session for every turn; that was most of a turn's cost. The protocol itself is
small: https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference
"""

import json
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import quote

import aiohttp

from bot.delivery import DeliveryError, retry_after

Token = Callable[[], Awaitable[str | None]]


class ConnectorApi:
    def __init__(self, token: Token, timeout: float = 30.0) -> None:
        self._token = token
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self._session: aiohttp.ClientSession | None = None

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def send(
        self,
        service_url: str,
        conversation_id: str,
        activity: dict[str, Any],
        reply_to: str | None = None,
    ) -> str:
        """Post a message into a conversation (in reply to an activity, if given)."""
        path = f"v3/conversations/{quote(conversation_id, safe='')}/activities"
        if reply_to:
            path += f"/{quote(reply_to, safe='')}"
        answer = await self._call("POST", service_url, path, activity)
        return str(answer.get("id") or "")

    async def update(
        self, service_url: str, conversation_id: str, activity_id: str, activity: dict[str, Any]
    ) -> str:
        path = (
            f"v3/conversations/{quote(conversation_id, safe='')}"
            f"/activities/{quote(activity_id, safe='')}"
        )
        answer = await self._call("PUT", service_url, path, {**activity, "id": activity_id})
        return str(answer.get("id") or activity_id)

    async def create_conversation(
        self, service_url: str, parameters: dict[str, Any]
    ) -> tuple[str, str]:
        """A new conversation (a channel thread when `parameters` carries its first activity,
        or a 1:1 chat): its id, and the id of the activity posted with it."""
        answer = await self._call("POST", service_url, "v3/conversations", parameters)
        return str(answer.get("id") or ""), str(answer.get("activityId") or "")

    async def roster_aad_id(self, service_url: str, team_id: str, member_id: str) -> str | None:
        """The AAD object id of one person on a team's roster as Teams has it now, or None
        if they are not on it."""
        path = f"v3/conversations/{quote(team_id, safe='')}/members/{quote(member_id, safe='')}"
        try:
            found = await self._call("GET", service_url, path, None)
        except DeliveryError as exc:
            if exc.status in (400, 403, 404):
                return None
            raise
        return str(found.get("aadObjectId") or "") or None

    async def _call(
        self, method: str, service_url: str, path: str, body: dict[str, Any] | None
    ) -> dict[str, Any]:
        headers = {}
        token = await self._token()
        if token:
            headers["Authorization"] = f"Bearer {token}"
        url = service_url.rstrip("/") + "/" + path
        try:
            async with self._http().request(method, url, json=body, headers=headers) as response:
                if response.status >= 300:
                    raise DeliveryError(
                        response.status,
                        retry_after(response.headers),
                        f"{method} {path.split('/')[1]}",
                    )
                raw = await response.read()
        except aiohttp.ClientError as exc:
            raise DeliveryError(0, None, type(exc).__name__) from None
        try:
            answer = json.loads(raw) if raw.strip() else {}
        except ValueError:
            return {}
        return answer if isinstance(answer, dict) else {}

    def _http(self) -> aiohttp.ClientSession:
        if self._session is None:
            self._session = aiohttp.ClientSession(timeout=self._timeout)
        return self._session
