"""Cases: numbering, queries, and wiping personal data when retention ends."""

from dataclasses import dataclass, fields
from datetime import date, datetime, time
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


@dataclass(frozen=True)
class CaseOutcome:
    """What an outcome saves on a case (every field: the ones the outcome does not use are
    cleared or kept by the domain's rules before they get here)."""

    outcome: str
    advice: str | None
    meeting_day: date | None
    meeting_time: time | None
    meeting_place: str
    meeting_reason: str
    request_date: date | None
    first_absence: date | None
    first_talk: date | None
    referred_to: str
    not_hotline: str | None


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

    async def get(self, team_id: int, case_id: int) -> Case | None:
        """The case with that id if it is the team's (a card's id is typed by anyone)."""
        case = await self.session.get(Case, case_id)
        return case if case is not None and case.team_id == team_id else None

    def set_outcome(self, case: Case, outcome: CaseOutcome, closed_at: datetime | None) -> None:
        for field in fields(outcome):
            setattr(case, field.name, getattr(outcome, field.name))
        case.closed_at = closed_at

    def set_owner(self, case: Case, owner_id: int) -> None:
        case.owner_id = owner_id

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
