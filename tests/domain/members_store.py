"""A migrated in-memory SQLite store and a team to try the domain's rules on, without HTTP."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime

from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import StaticPool

from domain.rota import Days
from rules.working_days import Calendar
from store.db import sessions, upgrade
from store.members import RosterEntry
from store.models import Member
from store.store import Store

MONDAY = date(2027, 1, 4)
NOW = datetime(2027, 1, 4, 6, 0, tzinfo=UTC)
DAYS = Days(Calendar.of(("12-24",)), MONDAY, NOW, weeks=4)


@asynccontextmanager
async def memory_store() -> AsyncIterator[Store]:
    """One session over a private in-memory database (one connection, so one database)."""
    engine = create_async_engine("sqlite+aiosqlite://", poolclass=StaticPool)
    await upgrade(engine)
    try:
        async with sessions(engine)() as session, session.begin():
            yield Store(session)
    finally:
        await engine.dispose()


async def team_of(
    store: Store, people: dict[str, str], on_rota: tuple[str, ...] = ()
) -> tuple[int, dict[str, Member]]:
    """A team with `people` (name → role); those named in `on_rota` are on it."""
    team, _ = await store.teams.install("tenant", "19:team", "Team", "http://s/", "19:c", NOW)
    found = {}
    for number, (name, role) in enumerate(people.items()):
        entry = RosterEntry(f"aad-{number}", f"29:{number}", name)
        member = await store.members.upsert("tenant", entry, NOW)
        ms = await store.members.join(team, member, role, NOW)
        store.members.change(ms, "on_rota", name in on_rota)
        found[name] = member
    return team.id, found


async def holders(store: Store, team_id: int, first: date, last: date) -> dict[date, int | None]:
    return {d: row.member_id for d, row in (await store.rota.between(team_id, first, last)).items()}
