"""Scheduled jobs. Importable functions with fixed ids, so a scheduler can name them; each
team's work runs in its own transaction, so one team's trouble does not stop the others."""

import asyncio
import logging
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.delivery import DeliveryError
from bot.runner import TurnRunner
from dialogs.plain import Person, TeamEvent
from dialogs.planning import horizon, plan
from dialogs.retention import retention
from dialogs.team_tick import tick_team
from store.db import unit_of_work
from store.store import Store
from store.writer_lock import background

log = logging.getLogger(__name__)

# Teams ticked side by side: on PostgreSQL their queries overlap (1,000 teams one by one took
# 8.7 s); SQLite queues them anyway. Well under the connection pool's 20.
TEAMS_AT_ONCE = 8


class Rosters(Protocol):
    """Where a team's roster is fetched outside a turn (the Teams edge)."""

    async def team_roster(
        self, service_url: str, tenant_id: str, team_id: str
    ) -> tuple[Person, ...]: ...


class JobServices(Protocol):
    """What the jobs use, and all they may: the database's sessions, the turn runner (a
    transaction and the outbox kick after it) and the edge's roster look-up. The app's
    Services has them; a test may hand in anything else that does."""

    @property
    def sessions(self) -> async_sessionmaker[AsyncSession]: ...

    @property
    def runner(self) -> TurnRunner: ...

    @property
    def edge(self) -> Rosters: ...


async def _team_ids(services: JobServices) -> list[int]:
    async with unit_of_work(services.sessions) as session:
        return [t.id for t in await Store(session).teams.all_active()]


async def tick(services: JobServices) -> int:
    """Every minute: morning announcements and heads-ups that are due. Returns how many were
    queued; the outbox key makes a second run, or a second replica, harmless."""
    with background():  # a turn waiting for SQLite's writer goes first
        return await _tick(services)


async def _tick(services: JobServices) -> int:
    slots = asyncio.Semaphore(TEAMS_AT_ONCE)

    async def one(team_id: int) -> int:
        async with slots:
            try:
                return len(await services.runner.run(lambda ctx: tick_team(ctx, team_id)))
            except Exception:
                log.exception("tick failed for team %d", team_id)
                return 0

    return sum(await asyncio.gather(*(one(t) for t in await _team_ids(services))))


async def extend_rotas(services: JobServices) -> int:
    """Nightly: plan every team's empty days up to the horizon. Returns days planned."""
    planned = 0
    for team_id in await _team_ids(services):

        async def work(ctx, tid=team_id) -> int:  # type: ignore[no-untyped-def]
            team = await ctx.store.teams.get(tid)
            today = ctx.today()
            changes = await plan(ctx, team, today, horizon(ctx, team))
            return len(changes)

        try:
            planned += await services.runner.run(work)
        except Exception:
            log.exception("rota extension failed for team %d", team_id)
    return planned


async def sync_rosters(services: JobServices) -> int:
    """Nightly: fetch every team's roster, so joiners and leavers are right without a per-turn
    look-up. Returns how many teams were synced."""
    async with unit_of_work(services.sessions) as session:
        teams = [
            (t.tenant_id, t.teams_team_id, t.name, t.service_url)
            for t in await Store(session).teams.all_active()
        ]
    synced = 0
    for tenant_id, team_id, name, service_url in teams:
        try:
            roster = await services.edge.team_roster(service_url, tenant_id, team_id)
        except (DeliveryError, OSError) as exc:
            log.warning("roster sync failed for a team: %s", exc)
            continue
        await services.runner.team_event(
            TeamEvent("members_changed", tenant_id, team_id, name, "", service_url, None, roster)
        )
        synced += 1
    return synced


async def purge_old(services: JobServices) -> int:
    """Nightly: delete what the retention periods no longer allow us to keep: sent messages,
    old absences and audit entries, the names and ids of members who left, and names, phone
    numbers and notes of cases closed before each team's retention period, with the case's
    copies in the outbox (the counts stay)."""
    return await services.runner.run(retention)


async def nightly(services: JobServices) -> None:
    with background():
        await sync_rosters(services)
        await extend_rotas(services)
        await purge_old(services)
