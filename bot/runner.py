"""Runs a plain request through the dialogs in one database transaction.

Flood control, retries on write races, and the apology with a correlation id live here, so
the dialogs can stay simple and the edge can stay thin.
"""

import logging
import sqlite3
from collections.abc import Awaitable, Callable
from typing import TypeVar

from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError, StatementError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.logs import new_correlation_id
from bot.ratelimit import RateLimiter
from dialogs.context import Context, RosterLookup
from dialogs.plain import Reply, Request, TeamEvent
from dialogs.team_setup import on_team_event
from dialogs.turn import handle_message, language_for, refusal
from domain.clock import Clock
from rules.cpr import CprInText
from store.db import unit_of_work
from store.store import Store

log = logging.getLogger(__name__)

ATTEMPTS = 3
T = TypeVar("T")


class TurnRunner:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        clock: Clock,
        settings: Settings,
        on_outbox: Callable[[], None] = lambda: None,
        roster: RosterLookup | None = None,
    ) -> None:
        self.sessions = sessions
        self.roster = roster
        self.clock = clock
        self.settings = settings
        self.on_outbox = on_outbox
        self.limiter = RateLimiter(settings.rate_limit_messages, settings.rate_limit_seconds)

    async def message(self, req: Request) -> list[Reply]:
        ref = new_correlation_id()
        verdict = self.limiter.check(f"{req.tenant_id}/{req.user.teams_user_id}", self.clock.now())
        if verdict == "drop":
            return []
        if verdict == "warn":
            return [refusal(req, "slow_down", await self.language(req))]
        try:
            return await self.run(lambda ctx: handle_message(req, ctx))
        except Exception as exc:
            if _refused_cpr(exc):
                # The store refused the write and the transaction rolled back: nothing was kept.
                # The log says so without the text (nor the statement, which names no values).
                log.warning("a CPR-shaped text was refused at the store (scope=%s)", req.scope)
                return [refusal(req, "cpr_refused", await self.language(req))]
            log.exception("message turn failed, error id %s (scope=%s)", ref, req.scope)
            return [refusal(req, "error_apology", await self.language(req), ref=ref)]

    async def language(self, req: Request) -> str | None:
        """The language to refuse in, by the same rule as every answer; None when even that
        cannot be read (the database is down), and `refusal` falls back on the text."""
        try:
            return await self.run(lambda ctx: language_for(req, ctx))
        except Exception:
            log.warning("could not read the language for a refusal", exc_info=True)
            return None

    async def team_event(self, event: TeamEvent) -> list[Reply]:
        new_correlation_id()
        return await self.run(lambda ctx: on_team_event(event, ctx))

    async def run(self, work: Callable[[Context], Awaitable[T]]) -> T:
        """Run work in one transaction (retried on write races); kick the outbox after."""
        for attempt in range(1, ATTEMPTS + 1):
            try:
                async with unit_of_work(self.sessions) as session:
                    ctx = Context(Store(session), self.clock, self.settings, roster=self.roster)
                    result = await work(ctx)
                if ctx.outbox_touched:
                    self.on_outbox()
                return result
            except (IntegrityError, OperationalError, DBAPIError) as exc:
                # Two turns raced for the same row: the loser starts over on fresh data.
                if attempt == ATTEMPTS or not _is_race(exc):
                    raise
                log.info("write race, attempt %d again", attempt)
        raise AssertionError("unreachable")


def _refused_cpr(exc: BaseException) -> bool:
    """A personal text column refused a CPR number (SQLAlchemy wraps the refusal)."""
    return isinstance(exc, CprInText) or (
        isinstance(exc, StatementError) and isinstance(exc.orig, CprInText)
    )


# Write races, by the database's own error codes (the drivers' wording is not an interface).
# PostgreSQL: serialization_failure, deadlock_detected, unique_violation.
_PG_RACES = frozenset({"40001", "40P01", "23505"})
# SQLite (extended codes): SQLITE_BUSY and SQLITE_LOCKED with any sub-code, and
# SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY. Other constraints (NOT NULL, CHECK, a foreign key)
# fail the same way however often they are tried.
_SQLITE_BUSY, _SQLITE_LOCKED = 5, 6
_SQLITE_UNIQUE = frozenset({2067, 1555})


def _is_race(exc: DBAPIError) -> bool:
    # asyncpg's error is SQLAlchemy's adapted one (with .sqlstate) caused by asyncpg's own.
    for error in (exc.orig, getattr(exc.orig, "__cause__", None)):
        sqlstate = getattr(error, "sqlstate", None)
        if sqlstate:
            return sqlstate in _PG_RACES
        code = getattr(error, "sqlite_errorcode", None)
        if isinstance(error, sqlite3.Error) and isinstance(code, int):
            return code & 0xFF in (_SQLITE_BUSY, _SQLITE_LOCKED) or code in _SQLITE_UNIQUE
    return False
