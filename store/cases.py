"""Cases: numbering, queries, and wiping personal data when retention ends."""

from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from store.models import Case, CaseCounter
from store.upsert import count_up

PERSONAL = (
    "company",
    "contact_name",
    "contact_phone",
    "employee",
    "note",
    "meeting_place",
    "meeting_reason",
    "referred_to",
)


class CaseRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def next_number(self, team_id: int) -> int:
        """The team's next case number (atomic, so concurrent intake never shares one)."""
        return await count_up(self.session, CaseCounter, {"team_id": team_id}, "last")

    async def create(self, team_id: int, now: datetime, **fields: Any) -> Case:
        case = Case(
            team_id=team_id,
            number=await self.next_number(team_id),
            logged_at=now,
            anonymised=False,
            **fields,
        )
        self.session.add(case)
        await self.session.flush()
        return case

    async def by_number(self, team_id: int, number: int) -> Case | None:
        return await self.session.scalar(
            select(Case).where(Case.team_id == team_id, Case.number == number)
        )

    async def between(self, team_id: int, first: datetime, last: datetime) -> list[Case]:
        rows = await self.session.scalars(
            select(Case)
            .where(Case.team_id == team_id, Case.call_at >= first, Case.call_at < last)
            .order_by(Case.call_at)
        )
        return list(rows)

    async def open_cases(self, team_id: int, owner_id: int | None = None) -> list[Case]:
        query = select(Case).where(Case.team_id == team_id, Case.closed_at.is_(None))
        if owner_id is not None:
            query = query.where(Case.owner_id == owner_id)
        return list(await self.session.scalars(query.order_by(Case.number)))

    async def open_counts(self, team_id: int) -> dict[int, int]:
        rows = await self.session.execute(
            select(Case.owner_id, func.count())
            .where(Case.team_id == team_id, Case.closed_at.is_(None))
            .group_by(Case.owner_id)
        )
        return {owner: int(n) for owner, n in rows if owner is not None}

    async def anonymise_closed(self, team_id: int, before: datetime) -> int:
        """Wipe names, phone numbers and notes of the team's cases closed before the date."""
        result = await self.session.execute(
            update(Case)
            .where(
                Case.team_id == team_id,
                Case.closed_at.is_not(None),
                Case.closed_at < before,
                ~Case.anonymised,
            )
            .values(anonymised=True, **dict.fromkeys(PERSONAL, ""))
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]
