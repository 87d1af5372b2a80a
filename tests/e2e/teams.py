"""Drives the real bot over HTTP as Teams does: activities in, the stand-in collects replies."""

import asyncio
import contextlib
import itertools
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import aiohttp
from aiohttp import web
from sqlalchemy import select

from bot.app import SERVICES, Services, create_app
from bot.config import Settings
from bot.logs import RedactingAccessLogger
from domain.clock import FakeClock
from store.db import unit_of_work
from store.models import OutboxMessage
from store.store import Store
from tests.e2e.connector import Connector, Sent

TENANT = "tenant-1"
TEAM_ID = "19:team-general@thread.tacv2"
GENERAL = TEAM_ID
BOT = {"id": "28:hotline-bot", "name": "Hotline"}
COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True)
class User:
    key: str
    name: str
    email: str = ""

    @property
    def teams_id(self) -> str:
        return f"29:{self.key}"

    @property
    def aad_id(self) -> str:
        return f"aad-{self.key}"

    @property
    def personal_chat(self) -> str:
        return f"a:chat-{self.key}"

    def account(self) -> dict[str, Any]:
        return {"id": self.teams_id, "name": self.name, "aadObjectId": self.aad_id}

    def roster_entry(self) -> dict[str, Any]:
        return {
            **self.account(),
            "email": self.email or f"{self.key}@kommune.dk",
            "userPrincipalName": f"{self.key}@kommune.dk",
        }


@dataclass
class Teams:
    """One running bot, one connector stand-in, and helpers that speak as Teams."""

    bot_url: str
    connector: Connector
    services: Services
    clock: FakeClock
    http: aiohttp.ClientSession
    _ids: "itertools.count[int]" = field(default_factory=lambda: itertools.count(1))

    def _base(self, user: User, conversation: dict[str, Any], **extra: Any) -> dict[str, Any]:
        return {
            "id": f"in{next(self._ids)}",
            "channelId": "msteams",
            "serviceUrl": self.connector.url,
            "from": user.account(),
            "recipient": BOT,
            "conversation": conversation,
            "timestamp": self.clock.now().isoformat(),
            **extra,
        }

    def personal(
        self,
        user: User,
        text: str = "",
        *,
        value: dict[str, Any] | None = None,
        locale: str = "da-DK",
        reply_to: str | None = None,
    ) -> dict[str, Any]:
        activity = self._base(
            user,
            {"id": user.personal_chat, "conversationType": "personal", "tenantId": TENANT},
            type="message",
            text=text,
            locale=locale,
            channelData={"tenant": {"id": TENANT}},
        )
        if value is not None:
            activity["value"] = value
        if reply_to:
            activity["replyToId"] = reply_to
        return activity

    def channel(
        self,
        user: User,
        text: str,
        *,
        mentions: tuple[User, ...] = (),
        value: dict[str, Any] | None = None,
        reply_to: str | None = None,
        channel: str = GENERAL,
        locale: str = "da-DK",
    ) -> dict[str, Any]:
        """A channel message that @mentions the bot, as Teams sends it."""
        bot_tag = f"<at>{BOT['name']}</at>"
        entities = [{"type": "mention", "text": bot_tag, "mentioned": BOT}]
        for other in mentions:
            tag = f"<at>{other.name}</at>"
            entities.append(
                {
                    "type": "mention",
                    "text": tag,
                    "mentioned": {"id": other.teams_id, "name": other.name},
                }
            )
            text = text.replace(f"@{other.name}", tag)
        activity = self._base(
            user,
            {
                "id": f"{channel};messageid=m{next(self._ids)}",
                "conversationType": "channel",
                "isGroup": True,
                "tenantId": TENANT,
            },
            type="message",
            text=f"{bot_tag} {text}" if value is None else "",
            locale=locale,
            entities=entities,
            channelData={
                "tenant": {"id": TENANT},
                "team": {"id": TEAM_ID, "name": "Sygedagpenge"},
                "channel": {"id": channel},
                "teamsTeamId": TEAM_ID,
            },
        )
        if value is not None:
            activity["value"] = value
        if reply_to:
            activity["replyToId"] = reply_to
        return activity

    def _team_update(self, actor: User, team: str, name: str, **members: Any) -> dict[str, Any]:
        return self._base(
            actor,
            {"id": team, "conversationType": "channel", "isGroup": True, "tenantId": TENANT},
            type="conversationUpdate",
            channelData={
                "tenant": {"id": TENANT},
                "eventType": "teamMemberAdded",
                "team": {"id": team, "name": name},
            },
            **members,
        )

    def install(
        self, installer: User, team: str = TEAM_ID, name: str = "Sygedagpenge"
    ) -> dict[str, Any]:
        return self._team_update(installer, team, name, membersAdded=[BOT])

    def members_changed(
        self, actor: User, added: tuple[User, ...] = (), removed: tuple[User, ...] = ()
    ) -> dict[str, Any]:
        return self._team_update(
            actor,
            TEAM_ID,
            "Sygedagpenge",
            membersAdded=[u.account() for u in added],
            membersRemoved=[u.account() for u in removed],
        )

    async def post(
        self,
        activity: dict[str, Any] | str,
        headers: dict[str, str] | None = None,
    ) -> int:
        kwargs: dict[str, Any] = {
            "headers": {"Content-Type": "application/json", **(headers or {})}
        }
        if isinstance(activity, str):
            kwargs["data"] = activity
        else:
            kwargs["json"] = activity
        async with self.http.post(self.bot_url + "/api/messages", **kwargs) as response:
            await response.read()
            return response.status

    async def say(self, activity: dict[str, Any]) -> list[Sent]:
        """Post an activity and return what the bot answered to it."""
        before = len(self.connector.sent)
        status = await self.post(activity)
        assert status in (200, 201), status
        conversation = activity["conversation"]["id"]
        return [
            s
            for s in self.connector.sent[before:]
            if s.conversation_id == conversation and s.activity.get("replyToId") == activity["id"]
        ]

    async def at(self, local: str) -> None:
        """Move the fake clock to a Copenhagen wall-clock time, `2027-01-04 08:00`.

        Sends under way finish first: a jump of days would let their two-minute lease run out
        mid-send, and the sender would (rightly, for a crashed claimer) send them again."""
        await self._until(False, "sends under way did not finish")
        self.clock.set(datetime.fromisoformat(local).replace(tzinfo=COPENHAGEN))

    async def settle(self) -> None:
        """Let the outbox (this call, and the server's own sender loop) deliver what is due now."""
        await self._until(True, "the outbox did not settle")

    async def _until(self, deliver: bool, failure: str) -> None:
        """Wait until no send is under way (and, with `deliver`, nothing is due either)."""
        for _ in range(200):
            if deliver:
                await self.services.outbox.run_once()
            async with unit_of_work(self.services.sessions) as session:
                due = deliver and await Store(session).outbox.due_ids(self.clock.now(), 1)
                claimed = await session.scalar(
                    select(OutboxMessage.id).where(
                        OutboxMessage.status == "pending", OutboxMessage.lease_until.is_not(None)
                    )
                )
            if not due and claimed is None:
                return
            await asyncio.sleep(0.05)
        raise AssertionError(failure)

    def roster(self, *users: User, team: str = TEAM_ID) -> None:
        self.connector.roster[team] = [u.roster_entry() for u in users]


@asynccontextmanager
async def running_connector() -> AsyncIterator[Connector]:
    connector = Connector()
    runner = web.AppRunner(connector.app())
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    connector.url = f"http://127.0.0.1:{port}/"
    try:
        yield connector
    finally:
        await runner.cleanup()


@asynccontextmanager
async def running_bot(settings: Settings, clock: FakeClock) -> AsyncIterator[tuple[str, Services]]:
    app = create_app(settings, clock, migrate=False, scheduled=False)
    runner = web.AppRunner(app, access_log_class=RedactingAccessLogger)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        yield f"http://127.0.0.1:{port}", app[SERVICES]
    finally:
        await runner.cleanup()


@asynccontextmanager
async def another_instance(teams: "Teams") -> AsyncIterator[Services]:
    """A second replica of the bot on the same database (and the same Teams)."""
    async with running_bot(teams.services.settings, teams.clock) as (_, services):
        yield services


@asynccontextmanager
async def teams_session(
    database_url: str,
    clock: FakeClock | None = None,
    connector: Connector | None = None,
    **settings: Any,
) -> AsyncIterator[Teams]:
    """The bot in this process on `database_url`, with a connector stand-in (its own, or one
    that outlives the session, for a server started later on the same data)."""
    clock = clock or FakeClock()
    base = replace(Settings(database_url=database_url, phone="70 12 34 56"), **settings)
    async with (
        contextlib.nullcontext(connector) if connector else running_connector() as connector,
        running_bot(base, clock) as (url, services),
        aiohttp.ClientSession() as http,
    ):
        yield Teams(url, connector, services, clock, http)
