"""Duties and absences."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, bindparam, exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from store.models import Absence, Duty, Member

# Built once: `vagt` runs it on every turn.
_HOLDERS = (
    select(Duty.day, Member)
    .join(Member, Member.id == Duty.member_id)
    .where(Duty.team_id == bindparam("team"), Duty.day.in_(bindparam("days", expanding=True)))
)
# Who holds each day and whether they are away that day, in one statement: `vagt` asks it for
# today and the next working day on every turn (four statements before).
_HOLDERS_AWAY = (
    select(
        Duty.day,
        Member,
        exists()
        .where(
            Absence.team_id == Duty.team_id,
            Absence.member_id == Duty.member_id,
            ~Absence.cancelled,
            and_(Absence.first_day <= Duty.day, Absence.last_day >= Duty.day),
        )
        .label("away"),
    )
    .join(Member, Member.id == Duty.member_id)
    .where(Duty.team_id == bindparam("team"), Duty.day.in_(bindparam("days", expanding=True)))
)


@dataclass(frozen=True)
class DutyRow:
    day: date
    member_id: int | None
    kept: bool


class RotaRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def between(self, team_id: int, first: date, last: date) -> dict[date, DutyRow]:
        rows = await self.session.scalars(
            select(Duty)
            .where(Duty.team_id == team_id, Duty.day >= first, Duty.day <= last)
            .order_by(Duty.day)
        )
        return {d.day: DutyRow(d.day, d.member_id, d.kept) for d in rows}

    async def on(self, team_id: int, day: date) -> DutyRow | None:
        duty = await self._get(team_id, day)
        return DutyRow(duty.day, duty.member_id, duty.kept) if duty else None

    async def holders(self, team_id: int, days: Sequence[date]) -> dict[date, Member]:
        """Who holds each of these days (days nobody holds are left out), in one query."""
        rows = await self.session.execute(_HOLDERS, {"team": team_id, "days": sorted(set(days))})
        return {day: member for day, member in rows}

    async def holders_away(
        self, team_id: int, days: Sequence[date]
    ) -> dict[date, tuple[Member, bool]]:
        """Who holds each of these days and whether they are away that day, in one query."""
        rows = await self.session.execute(
            _HOLDERS_AWAY, {"team": team_id, "days": sorted(set(days))}
        )
        return {day: (member, bool(away)) for day, member, away in rows}

    async def last_planned_day(self, team_id: int) -> date | None:
        return await self.session.scalar(select(func.max(Duty.day)).where(Duty.team_id == team_id))

    async def set(
        self,
        team_id: int,
        day: date,
        member_id: int | None,
        now: datetime,
        *,
        kept: bool,
        source: str,
    ) -> int | None:
        """Store a day's holder; the previous holder (None if none or new)."""
        duty = await self._get(team_id, day)
        if duty is None:
            self.session.add(
                Duty(
                    team_id=team_id,
                    day=day,
                    member_id=member_id,
                    kept=kept,
                    source=source,
                    updated_at=now,
                )
            )
            await self.session.flush()
            return None
        before = duty.member_id
        duty.member_id, duty.kept, duty.source, duty.updated_at = member_id, kept, source, now
        return before

    async def _get(self, team_id: int, day: date) -> Duty | None:
        return await self.session.scalar(
            select(Duty).where(Duty.team_id == team_id, Duty.day == day)
        )

    async def absences(self, team_id: int, first: date, last: date) -> list[Absence]:
        rows = await self.session.scalars(
            select(Absence).where(
                Absence.team_id == team_id,
                ~Absence.cancelled,
                Absence.first_day <= last,
                Absence.last_day >= first,
            )
        )
        return list(rows)

    async def absence(self, absence_id: int) -> Absence | None:
        return await self.session.get(Absence, absence_id)

    def add_absence(
        self,
        team_id: int,
        member_id: int,
        first: date,
        last: date,
        kind: str,
        created_by: int | None,
        now: datetime,
    ) -> Absence:
        absence = Absence(
            team_id=team_id,
            member_id=member_id,
            first_day=first,
            last_day=last,
            kind=kind,
            created_by=created_by,
            created_at=now,
            cancelled=False,
        )
        self.session.add(absence)
        return absence

    async def new_absence(
        self,
        team_id: int,
        member_id: int,
        first: date,
        last: date,
        kind: str,
        created_by: int | None,
        now: datetime,
    ) -> Absence:
        """Store an absence now, so its id can name what it causes (its swap requests)."""
        absence = self.add_absence(team_id, member_id, first, last, kind, created_by, now)
        await self.session.flush()
        return absence

    # Swaps, cover and absences (issue #15): what the domain layer asks of the rota.

    async def is_absent(self, team_id: int, member_id: int, day: date) -> bool:
        found = await self.session.scalar(
            select(Absence.id)
            .where(
                Absence.team_id == team_id,
                Absence.member_id == member_id,
                ~Absence.cancelled,
                Absence.first_day <= day,
                Absence.last_day >= day,
            )
            .limit(1)
        )
        return found is not None

    async def cancel_absence(self, absence_id: int) -> None:
        absence = await self.absence(absence_id)
        if absence is not None:
            absence.cancelled = True
