"""A team of four in an in-memory SQLite store, for the domain layer's tests: no app, no HTTP,
no migrations (the tables are made from the models)."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
from sqlalchemy.pool import StaticPool

from domain import swaps
from rules.working_days import Calendar
from store.members import RosterEntry
from store.models import Base, Member, SwapRequestRow
from store.store import Store

NOW = datetime(2027, 1, 4, 8, 0, tzinfo=UTC)  # a Monday
TODAY = date(2027, 1, 4)
CALENDAR = Calendar.of(("12-24",))
TUESDAY = TODAY + timedelta(days=1)
WEDNESDAY = TODAY + timedelta(days=2)


@dataclass
class Team:
    store: Store
    id: int
    anne: Member
    bo: Member
    karin: Member
    lead: Member

    async def holder(self, day: date) -> int | None:
        duty = await self.store.rota.on(self.id, day)
        return duty.member_id if duty else None

    async def hold(self, day: date, member: Member) -> None:
        await self.store.rota.set(self.id, day, member.id, NOW, kept=False, source="generated")

    async def anne_asks_for_tuesday(self, **kwargs: object) -> SwapRequestRow:
        """Anne holds Tuesday and asks for it to be taken (by anyone, or as `kwargs` say)."""
        await self.hold(TUESDAY, self.anne)
        return await swaps.request_swap(
            self.store,
            self.id,
            self.anne.id,
            TUESDAY,
            today=TODAY,
            now=NOW,
            calendar=CALENDAR,
            **kwargs,  # type: ignore[arg-type]
        )


@asynccontextmanager
async def team(url: str = "sqlite+aiosqlite://") -> AsyncIterator[Team]:
    """Anne, Bo and Karin (caseworkers) and Lis (a lead), all on the rota, Monday to Friday.
    In memory, or in the (fresh) database at `url`, where PostgreSQL's own paths run."""
    in_memory = url == "sqlite+aiosqlite://"
    engine = create_async_engine(url, **({"poolclass": StaticPool} if in_memory else {}))
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    try:
        async with AsyncSession(engine, expire_on_commit=False) as session:
            store = Store(session)
            row, _ = await store.teams.install("t", "19:x", "Team X", "http://s/", "19:x", NOW)
            names = ("Anne", "Bo", "Karin", "Lis")
            people = [RosterEntry(f"aad-{n}", f"29:{n}", n) for n in names]
            await store.members.sync_roster(row, people, NOW)
            by_name = {}
            for member, membership in await store.members.of_team(row.id):
                membership.on_rota = True
                membership.role = "lead" if member.name == "Lis" else "caseworker"
                by_name[member.name] = member
            await session.flush()
            yield Team(store, row.id, *(by_name[n] for n in names))
    finally:
        await engine.dispose()
