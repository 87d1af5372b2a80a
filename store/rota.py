"""Duties and absences."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import bindparam, exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from store.members import TAKES_TURNS
from store.models import Absence, Duty, Member, Membership

# Built once: on_the_phone runs it for an answer about one day.
_HOLDERS = (
    select(Duty.day, Member)
    .join(Member, Member.id == Duty.member_id)
    .where(Duty.team_id == bindparam("team"), Duty.day.in_(bindparam("days", expanding=True)))
)

# Reads that no turn writes back go through Core over the tables: plain rows, no ORM objects to
# build and track (#17: 12 days of the rota card cost ~700 Python calls as ORM rows).
_duties, _members = Duty.__table__, Member.__table__
_absences, _memberships = Absence.__table__, Membership.__table__
_BETWEEN = (
    select(_duties.c.day, _duties.c.member_id, _duties.c.kept)
    .where(
        _duties.c.team_id == bindparam("team"),
        _duties.c.day >= bindparam("first"),
        _duties.c.day <= bindparam("last"),
    )
    .order_by(_duties.c.day)
)
# The kind of the holder's absence that day (the first one stored, if two overlap).
_AWAY_KIND = (
    select(_absences.c.kind)
    .where(
        _absences.c.team_id == _duties.c.team_id,
        _absences.c.member_id == _duties.c.member_id,
        _absences.c.cancelled.is_(False),
        _absences.c.first_day <= _duties.c.day,
        _absences.c.last_day >= _duties.c.day,
    )
    .order_by(_absences.c.id)
    .limit(1)
    .scalar_subquery()
)
_PLANNED = (
    select(_duties.c.day, _duties.c.member_id, _members.c.name, _AWAY_KIND.label("away"))
    .select_from(_duties.outerjoin(_members, _members.c.id == _duties.c.member_id))
    .where(_duties.c.team_id == bindparam("team"))
)
_PLANNED_ON = _PLANNED.where(_duties.c.day.in_(bindparam("days", expanding=True)))
# What `vagt` asks on every turn: one day, or a day and the next working day. An expanding IN
# renders its SQL again on every execution; two fixed parameters do not (#17).
_PLANNED_ON_TWO = _PLANNED.where(
    _duties.c.day.in_(
        [bindparam("day", type_=_duties.c.day.type), bindparam("other", type_=_duties.c.day.type)]
    )
)
_PLANNED_BETWEEN = _PLANNED.where(
    _duties.c.day >= bindparam("first"), _duties.c.day <= bindparam("last")
).order_by(_duties.c.day)
_ANYONE_ON_ROTA = (
    exists().where(_memberships.c.team_id == bindparam("team"), TAKES_TURNS).label("on_rota")
)
# The rota card's one statement: its days, and whether anyone takes turns at all.
_LISTING = _PLANNED_BETWEEN.add_columns(_ANYONE_ON_ROTA)


@dataclass(frozen=True)
class DutyRow:
    day: date
    member_id: int | None
    kept: bool


@dataclass(frozen=True, slots=True)
class Person:
    id: int
    name: str


@dataclass(frozen=True, slots=True)
class PlannedDay:
    """A day's holder as the rota names them (None: nobody), and the kind of their absence
    that day (None: they are there)."""

    day: date
    member: Person | None
    away: str | None


def _planned(day: date, member_id: int | None, name: str | None, away: str | None) -> PlannedDay:
    member = Person(member_id, name or "") if member_id is not None else None
    return PlannedDay(day, member, away if member is not None else None)


@dataclass(frozen=True)
class Listing:
    """The rota card's read: whether anyone takes turns, and the planned days in order."""

    anyone_on_rota: bool
    days: dict[date, PlannedDay]


class RotaRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def between(self, team_id: int, first: date, last: date) -> dict[date, DutyRow]:
        rows = await self.session.execute(_BETWEEN, {"team": team_id, "first": first, "last": last})
        return {day: DutyRow(day, member_id, kept) for day, member_id, kept in rows}

    async def planned(self, team_id: int, days: Sequence[date]) -> dict[date, PlannedDay]:
        """Who the rota names for each of these days and whether they are away, in one query
        (days nobody holds are left out)."""
        wanted = sorted(set(days))
        if not wanted:
            return {}
        if len(wanted) <= 2:
            params = {"team": team_id, "day": wanted[0], "other": wanted[-1]}
            rows = await self.session.execute(_PLANNED_ON_TWO, params)
        else:
            rows = await self.session.execute(_PLANNED_ON, {"team": team_id, "days": wanted})
        return {row[0]: _planned(*row) for row in rows}

    async def planned_between(
        self, team_id: int, first: date, last: date
    ) -> dict[date, PlannedDay]:
        rows = await self.session.execute(
            _PLANNED_BETWEEN, {"team": team_id, "first": first, "last": last}
        )
        return {row[0]: _planned(*row) for row in rows}

    async def listing(self, team_id: int, first: date, last: date) -> Listing:
        """The planned days from first to last and whether anyone takes turns, in one query
        (two when no day in the range is planned)."""
        params = {"team": team_id, "first": first, "last": last}
        rows = (await self.session.execute(_LISTING, params)).all()
        if rows:
            anyone = bool(rows[0][4])
        else:
            anyone = bool(await self.session.scalar(select(_ANYONE_ON_ROTA), params))
        return Listing(anyone, {row[0]: _planned(*row[:4]) for row in rows})

    async def on(self, team_id: int, day: date) -> DutyRow | None:
        duty = await self._get(team_id, day)
        return DutyRow(duty.day, duty.member_id, duty.kept) if duty else None

    async def holders(self, team_id: int, days: Sequence[date]) -> dict[date, Member]:
        """Who holds each of these days (days nobody holds are left out), in one query."""
        rows = await self.session.execute(_HOLDERS, {"team": team_id, "days": sorted(set(days))})
        return {day: member for day, member in rows}

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
        """Store a day's holder; the previous holder (None if none or new). The day's row is
        locked as it is read, and read as it is then (a swap taken meanwhile is waited for):
        the previous holder named is the one replaced, and a take's move is not overwritten."""
        duty = await self._get(team_id, day, lock=True)
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

    async def _get(self, team_id: int, day: date, *, lock: bool = False) -> Duty | None:
        query = select(Duty).where(Duty.team_id == team_id, Duty.day == day)
        if lock:
            query = query.with_for_update().execution_options(populate_existing=True)
        return await self.session.scalar(query)

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
