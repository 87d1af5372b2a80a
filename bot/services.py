"""What the running app holds (database, turns, edge, outbox) and the key its handlers find
it under. Apart from `bot.app`, so the web pages and the tab can reach it without importing
the app that mounts them."""

import asyncio
from dataclasses import dataclass, field

from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.memory import FreedMemory
from bot.outbox_sender import OutboxSender
from bot.runner import TurnRunner
from bot.teams_edge import TeamsEdge
from domain.clock import Clock


@dataclass
class Services:
    settings: Settings
    clock: Clock
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    runner: TurnRunner
    edge: TeamsEdge
    outbox: OutboxSender
    tasks: list[asyncio.Task[None]] = field(default_factory=list)
    memory: FreedMemory = field(default_factory=FreedMemory)


SERVICES = web.AppKey("services", Services)
