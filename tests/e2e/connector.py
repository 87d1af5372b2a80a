"""A local stand-in for the Teams connector service: it receives the bot's messages and
answers roster look-ups, as Teams would."""

import asyncio
import itertools
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass
class Sent:
    conversation_id: str
    activity: dict[str, Any]
    method: str = "POST"
    activity_id: str = ""

    @property
    def text(self) -> str:
        return self.activity.get("text") or ""

    @property
    def card(self) -> dict[str, Any] | None:
        for attachment in self.activity.get("attachments") or []:
            if attachment.get("contentType") == "application/vnd.microsoft.card.adaptive":
                return attachment["content"]
        return None

    @property
    def card_text(self) -> str:
        """Every string in the card, joined: good enough to assert on what a person reads."""
        return " ".join(_strings(self.card)) if self.card else ""


def _strings(node: Any) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [
            s for k, v in node.items() if k not in ("type", "$schema", "id") for s in _strings(v)
        ]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return []


@dataclass
class Connector:
    roster: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    sent: list[Sent] = field(default_factory=list)
    created: list[dict[str, Any]] = field(default_factory=list)
    members_of: dict[str, list[str]] = field(default_factory=dict)  # created chat → member ids
    # Status codes to answer the next sends with, before answering normally.
    failures: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    roster_calls: int = 0
    url: str = ""
    # Seconds to wait before answering a send, to keep sends in flight.
    delay: float = 0.0
    # The share of sends answered 429 with Retry-After: 1, as Teams does under load.
    throttle: float = 0.0
    in_flight: int = 0
    max_in_flight: int = 0
    _rng: random.Random = field(default_factory=lambda: random.Random(1))
    _ids: "itertools.count[int]" = field(default_factory=lambda: itertools.count(1))
    _changed: asyncio.Event = field(default_factory=asyncio.Event)

    def app(self) -> web.Application:
        app = web.Application(middlewares=[self._counted])
        base = "/v3/conversations"
        app.router.add_post(base, self._create)
        app.router.add_post(base + "/{cid}/activities", self._post)
        app.router.add_post(base + "/{cid}/activities/{aid}", self._post)
        app.router.add_put(base + "/{cid}/activities/{aid}", self._put)
        app.router.add_get(base + "/{cid}/members", self._members)
        app.router.add_get(base + "/{cid}/pagedmembers", self._paged)
        app.router.add_get(base + "/{cid}/members/{mid}", self._member)
        return app

    @web.middleware
    async def _counted(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Counts the sends in flight, to show the bot's concurrency is bounded."""
        if request.method == "GET":
            return await handler(request)
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            return await handler(request)
        finally:
            self.in_flight -= 1

    def _fail(self) -> web.Response | None:
        if self.throttle and self._rng.random() < self.throttle:
            return web.json_response(
                {"error": {"code": "429"}}, status=429, headers={"Retry-After": "1"}
            )
        if self.failures:
            status, headers = self.failures.pop(0)
            return web.json_response(
                {"error": {"code": str(status)}}, status=status, headers=headers
            )
        return None

    def _record(self, sent: Sent) -> None:
        self.sent.append(sent)
        self._changed.set()

    async def _create(self, request: web.Request) -> web.Response:
        await asyncio.sleep(self.delay)
        failed = self._fail()
        if failed:
            return failed
        body = await request.json()
        self.created.append(body)
        n = next(self._ids)
        channel = ((body.get("channelData") or {}).get("channel") or {}).get("id")
        cid = f"{channel};messageid=new{n}" if channel else f"a:personal-{n}"
        self.members_of[cid] = [m.get("id") for m in body.get("members") or []]
        activity = body.get("activity")
        if activity:
            self._record(Sent(cid, activity, activity_id=f"new{n}"))
        return web.json_response({"id": cid, "activityId": f"new{n}"}, status=201)

    async def _post(self, request: web.Request) -> web.Response:
        failed = self._fail()
        if failed:
            return failed
        activity_id = f"act{next(self._ids)}"
        self._record(Sent(request.match_info["cid"], await request.json(), "POST", activity_id))
        return web.json_response({"id": activity_id}, status=201)

    async def _put(self, request: web.Request) -> web.Response:
        self._record(
            Sent(request.match_info["cid"], await request.json(), "PUT", request.match_info["aid"])
        )
        return web.json_response({"id": request.match_info["aid"]})

    def _people(self, cid: str) -> list[dict[str, Any]]:
        return self.roster.get(cid.split(";")[0], [])

    async def _members(self, request: web.Request) -> web.Response:
        self.roster_calls += 1
        return web.json_response(self._people(request.match_info["cid"]))

    async def _paged(self, request: web.Request) -> web.Response:
        """Pages of two, so the bot must follow the continuation token."""
        self.roster_calls += 1
        people = self._people(request.match_info["cid"])
        start = int(request.query.get("continuationToken") or 0)
        page = people[start : start + 2]
        token = str(start + 2) if start + 2 < len(people) else None
        return web.json_response({"members": page, "continuationToken": token})

    async def _member(self, request: web.Request) -> web.Response:
        for person in self._people(request.match_info["cid"]):
            if person["id"] == request.match_info["mid"]:
                return web.json_response(person)
        return web.json_response({"error": {"code": "NotFound"}}, status=404)

    async def wait_for(self, condition: Callable[[], bool], timeout: float = 10.0) -> None:
        async def loop() -> None:
            while not condition():
                self._changed.clear()
                await self._changed.wait()

        await asyncio.wait_for(loop(), timeout)

    def to(self, conversation_id: str) -> list[Sent]:
        return [s for s in self.sent if s.conversation_id == conversation_id]

    def chats_with(self, teams_user_id: str, personal_chat: str) -> set[str]:
        """A person's 1:1 conversations: the one they wrote in, and those the bot created."""
        made = {cid for cid, members in self.members_of.items() if teams_user_id in members}
        return {personal_chat} | made
