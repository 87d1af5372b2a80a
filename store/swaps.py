"""Swap requests and same-day hand-overs."""

from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Executable,
    Update,
    and_,
    bindparam,
    case,
    exists,
    func,
    insert,
    literal,
    or_,
    select,
    union_all,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.util import identity_key

from rules.swaps import SwapRequest
from store.audit import AuditRepo, entry_row
from store.models import (
    Absence,
    AuditEntry,
    Base,
    Duty,
    DutyHandover,
    Member,
    Membership,
    OutboxMessage,
    SwapRequestRow,
)
from store.outbox import OutboxRepo, Queued
from store.sole_write import SOLE_WRITE, nothing_pending

_SWAPS = Base.metadata.tables[SwapRequestRow.__tablename__]
_DUTIES = Base.metadata.tables[Duty.__tablename__]
_AUDIT = Base.metadata.tables[AuditEntry.__tablename__]
_ENTRY = ("team_id", "actor_id", "action", "subject", "before", "after", "at")
_OUTBOX = Base.metadata.tables[OutboxMessage.__tablename__]


@dataclass(frozen=True)
class Move:
    """A duty day a taken swap gives to `to`, if the rota still has `before` on it."""

    day: date
    before: int | None
    to: int


@dataclass(frozen=True)
class TakeWritten:
    """What a take that won wrote besides the request: the days moved, and whether the
    notice was queued (False if its key was queued before)."""

    moved: list[date]
    told: bool


@dataclass(frozen=True)
class TakeSeen:
    """What taking a request depends on besides the request, read in one statement (#17)."""

    requester: Member
    taker_away: bool  # on the day
    requester_away: bool  # on the day offered back (False if none)
    holder: int | None  # who the rota has on the day
    offered_holder: int | None  # and on the day offered back


def _away(member: str, day: str) -> Any:
    return exists().where(
        Absence.team_id == bindparam("team"),
        Absence.member_id == bindparam(member),
        ~Absence.cancelled,
        Absence.first_day <= bindparam(day),
        Absence.last_day >= bindparam(day),
    )


def _holder(day: str) -> Any:
    return (
        select(Duty.member_id)
        .where(Duty.team_id == bindparam("team"), Duty.day == bindparam(day))
        .scalar_subquery()
    )


_TAKE_SEEN = select(
    Member,
    _away("taker", "day"),
    _away("requester", "offered"),
    _holder("day"),
    _holder("offered"),
).where(Member.id == bindparam("requester"))

# A duty moved by a swap, if the rota still has who it had when the take was checked.
_MOVE = (
    update(_DUTIES)
    .where(
        _DUTIES.c.team_id == bindparam("team"),
        _DUTIES.c.day == bindparam("on"),
        _DUTIES.c.member_id.is_not_distinct_from(bindparam("before")),
    )
    .values(
        member_id=bindparam("to"),
        kept=bindparam("kept_", type_=_DUTIES.c.kept.type),
        source=bindparam("source_", type_=_DUTIES.c.source.type),
        updated_at=bindparam("at", type_=_DUTIES.c.updated_at.type),
    )
)


def _still_open() -> tuple[Any, ...]:
    return (
        SwapRequestRow.taken_by.is_(None),
        SwapRequestRow.declined_at.is_(None),
        SwapRequestRow.cancelled_at.is_(None),
    )


def _holder_at() -> Any:
    """Who held the phone at `at` on `day`: the newest hand-over up to then goes to its
    cover; before the day's first hand-over, its sick holder had it; with none, the rota's.
    And that person's name if they are in the team, in one statement (#17: three before)."""
    on_day = (DutyHandover.team_id == bindparam("team"), DutyHandover.day == bindparam("day"))
    handed_to = (
        select(DutyHandover.to_member)
        .where(*on_day, DutyHandover.at <= bindparam("at"))
        .order_by(DutyHandover.at.desc(), DutyHandover.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    first_from = (
        select(DutyHandover.from_member)
        .where(*on_day)
        .order_by(DutyHandover.at, DutyHandover.id)
        .limit(1)
        .scalar_subquery()
    )
    rota = (
        select(Duty.member_id)
        .where(Duty.team_id == bindparam("team"), Duty.day == bindparam("day"))
        .scalar_subquery()
    )
    holder = select(
        func.coalesce(handed_to, case((exists().where(*on_day), first_from), else_=rota)).label(
            "id"
        )
    ).subquery()
    in_team = and_(Membership.member_id == holder.c.id, Membership.team_id == bindparam("team"))
    return (
        select(holder.c.id, Member.name)
        .select_from(holder)
        .outerjoin(Membership, in_team)
        .outerjoin(Member, Member.id == Membership.member_id)
    )


_HOLDER_AT = _holder_at()


@cache
def _conditional_update(state: str, columns: tuple[str, ...]) -> Update:
    """UPDATE swap_requests SET <columns> WHERE id = :swap_id AND <state>, built once."""
    c = _SWAPS.c
    where = {
        "open": (c.taken_by.is_(None), c.declined_at.is_(None), c.cancelled_at.is_(None)),
        "awaiting": (c.awaiting_approval.is_(True),),
    }[state]
    return (
        update(_SWAPS)
        .where(c.id == bindparam("swap_id"), *where)
        .values({k: bindparam(f"new_{k}", type_=c[k].type) for k in columns})
    )


async def _wrote_nothing(session: AsyncSession) -> None:
    """A sole write that lost wrote no row: the unit may write again (store/pg_lazy_begin.py)."""
    from store import pg_lazy_begin  # a PostgreSQL unit, whose engine imported it

    connection = await (await session.connection()).get_raw_connection()
    pg_lazy_begin.wrote_nothing(connection.dbapi_connection)


@cache
def _take_moving_pg(moves: int, notice: bool, sole: bool = False) -> Executable:
    """PostgreSQL: take a request and move its `moves` duty days in one statement (#17):
    WITH took (the conditional UPDATE: one winner), moved_<n> (each day's UPDATE while the
    rota still has who it had, and only if took won), logged (a history entry per day moved,
    then the take's own, each only if its step wrote a row), and with a `notice`, queued (the
    outbox row, only if took won, once per key). Returns whether it was taken, which days
    moved and whether the notice was queued; a take that lost writes nothing.

    `sole`: all or nothing, as the unit's only write (no BEGIN, no COMMIT). req locks the
    request's row while it is open, then held every day's row, in day order, while it still
    has who it had (the order the fallback, a lead's decision and the rota's writes lock in;
    FOR UPDATE waits for a change under way and then reads the row as changed), and took takes
    the request only if all of them are held; then every move finds its row as checked, and
    none is left for the caller to write. The counts of rows held and of req come last: a
    request no longer open was taken (or declined, withdrawn) first; fewer days held than
    `moves` means the rota changed, or a day has no row yet."""
    from sqlalchemy.dialects import postgresql  # only a PostgreSQL engine needs its dialect

    c = _SWAPS.c
    d = _DUTIES.c

    def as_checked(n: int) -> Any:
        """The n-th move's day, while the rota still has who it had when the take checked."""
        return and_(
            d.team_id == bindparam("team"),
            d.day == bindparam(f"on_{n}", type_=d.day.type),
            d.member_id.is_not_distinct_from(bindparam(f"before_{n}", type_=d.member_id.type)),
        )

    locked: tuple[Any, ...] = ()
    all_held: tuple[Any, ...] = ()
    if sole:
        # The request's row first, as the old path and a lead's decision lock it (then the days).
        req = (
            select(c.id)
            .where(c.id == bindparam("swap_id"), *_open_columns())
            .with_for_update()
            .cte("req")
        )
        held = (
            select(d.day)
            .where(exists(select(req.c.id)), or_(*(as_checked(n) for n in range(moves))))
            .order_by(d.day)
            .with_for_update()
            .cte("held")
        )
        locked = (held, req)
        all_held = (select(func.count()).select_from(held).scalar_subquery() == moves,)
    took = (
        update(_SWAPS)
        .where(c.id == bindparam("swap_id"), *_open_columns(), *all_held)
        .values(
            taken_by=bindparam("taker", type_=c.taken_by.type),
            taken_at=bindparam("at", type_=c.taken_at.type),
            awaiting_approval=False,
        )
        .returning(c.id)
        .cte("took")
    )
    moved = [
        update(_DUTIES)
        .where(as_checked(n), exists(select(took.c.id)))
        .values(
            member_id=bindparam(f"to_{n}", type_=d.member_id.type),
            kept=True,
            source="swap",
            updated_at=bindparam("at", type_=d.updated_at.type),
        )
        .returning(d.day)
        .cte(f"moved_{n}")
        for n in range(moves)
    ]

    def entry(name: str, source: Any) -> Any:
        a = _AUDIT.c
        return select(
            *(bindparam(f"{name}_{col}", type_=a[col].type) for col in _ENTRY)
        ).select_from(source)

    entries = [entry(f"e{n}", step) for n, step in enumerate(moved)]
    logged = (
        insert(_AUDIT)
        .from_select(list(_ENTRY), union_all(*entries, entry("taken", took)))
        .returning(_AUDIT.c.id)
        .cte("logged")
    )
    steps = [logged]
    if notice:
        o = _OUTBOX.c
        row = [bindparam(f"o_{k}", type_=o[k].type) for k in _QUEUED]
        steps.append(
            postgresql.insert(_OUTBOX)
            .from_select(list(_QUEUED), select(*row).select_from(took))
            .on_conflict_do_nothing(index_elements=["key"])
            .returning(o.id)
            .cte("queued")
        )
    else:
        steps.append(select(literal(0)).where(literal(False)).cte("queued"))
    counted = (took, *steps, *moved, *locked)
    counts = [select(func.count()).select_from(step).scalar_subquery() for step in counted]
    return select(*counts).prefix_with(*([SOLE_WRITE] if sole else []))


# The outbox columns a queued message writes (Queued.row's keys).
_QUEUED = tuple(Queued("", None, "", "", {}).row(datetime.min))


def _open_columns() -> tuple[Any, ...]:
    c = _SWAPS.c
    return (c.taken_by.is_(None), c.declined_at.is_(None), c.cancelled_at.is_(None))


def plain(row: SwapRequestRow) -> SwapRequest:
    return SwapRequest(
        row.id,
        row.day,
        row.requester_id,
        row.target_id,
        row.offered_day,
        row.taken_by,
        row.declined_at is not None,
        row.cancelled_at is not None,
        row.awaiting_approval,
    )


class SwapRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        # Rows a conditional update of this transaction returned: the session's copy is current.
        self._returned: set[int] = set()

    async def create(
        self,
        team_id: int,
        day: date,
        requester: int,
        target: int | None,
        offered_day: date | None,
        reason: str,
        now: datetime,
    ) -> SwapRequestRow:
        row = SwapRequestRow(
            team_id=team_id,
            day=day,
            requester_id=requester,
            target_id=target,
            offered_day=offered_day,
            reason=reason,
            created_at=now,
            expired_logged=False,
        )
        self.session.add(row)
        await self.session.flush()
        return row

    async def get(self, swap_id: int, *, fresh: bool = False) -> SwapRequestRow | None:
        """`fresh`: the row as it stands now, after a conditional update. The update returned
        the row it changed into the session, so that copy is read again only if it did not."""
        fresh = fresh and swap_id not in self._returned
        return await self.session.get(SwapRequestRow, swap_id, populate_existing=fresh)

    async def open_for_team(self, team_id: int, today: date) -> list[SwapRequestRow]:
        return await self._coming(team_id, today, *_still_open())

    async def with_reason(self, team_id: int, reason: str) -> list[SwapRequestRow]:
        """The requests made for one reason (the days of one absence), in day order."""
        rows = await self.session.scalars(
            select(SwapRequestRow)
            .where(SwapRequestRow.team_id == team_id, SwapRequestRow.reason == reason)
            .order_by(SwapRequestRow.day, SwapRequestRow.id)
        )
        return list(rows)

    async def awaiting_for_team(self, team_id: int, today: date) -> list[SwapRequestRow]:
        """Taken requests that wait for a lead's approval."""
        return await self._coming(team_id, today, SwapRequestRow.awaiting_approval.is_(True))

    async def _coming(
        self, team_id: int, today: date, *where: ColumnElement[bool]
    ) -> list[SwapRequestRow]:
        rows = await self.session.scalars(
            select(SwapRequestRow)
            .where(SwapRequestRow.team_id == team_id, SwapRequestRow.day >= today, *where)
            .order_by(SwapRequestRow.day, SwapRequestRow.id)
        )
        return list(rows)

    async def unlogged_expired(self, team_id: int, today: date) -> list[SwapRequestRow]:
        rows = await self.session.scalars(
            select(SwapRequestRow).where(
                SwapRequestRow.team_id == team_id,
                SwapRequestRow.day < today,
                *_still_open(),
                ~SwapRequestRow.expired_logged,
            )
        )
        return list(rows)

    async def mark_expired_logged(self, swap_ids: list[int]) -> None:
        if swap_ids:
            self._returned.difference_update(swap_ids)
            await self.session.execute(
                update(SwapRequestRow)
                .where(SwapRequestRow.id.in_(swap_ids))
                .values(expired_logged=True)
                .execution_options(synchronize_session=False)
            )

    async def take(
        self, swap_id: int, taker: int, now: datetime, *, awaiting: bool = False
    ) -> bool:
        """Mark the request taken if nobody did first; a conditional UPDATE, so of two
        takers at the same instant exactly one wins."""
        values = {"taken_by": taker, "taken_at": now, "awaiting_approval": awaiting}
        return await self._update_if(swap_id, "open", values)

    async def take_moving(
        self,
        team_id: int,
        swap_id: int,
        taker: int,
        now: datetime,
        moves: list[tuple[Move, dict[str, Any]]],
        taken: dict[str, Any],
        notice: Queued | None = None,
    ) -> TakeWritten | None:
        """Take the request (as `take`, no approval) and give each move's day to its new
        holder while the rota still has `before` on it, with the history entry that goes
        with each day moved, and the take's entry (`taken`). The days moved, or None if
        someone took it first (then nothing is written). A day not moved (the rota changed,
        the day has no row, or this session holds its row) is the caller's to write. The
        `notice` (to the requester) is queued with the take, once per key.
        On PostgreSQL one statement (#17: four round trips before), all or nothing and without
        BEGIN and COMMIT when it can be (`_take_moving_pg`'s `sole`); on SQLite the same steps
        one by one (in-process, so the count does not matter)."""
        candidates = [(m, e) for m, e in moves if not self._holds_duty(team_id, m.day)]
        if self.session.get_bind().dialect.name != "postgresql":
            if not await self.take(swap_id, taker, now):
                return None
            audit, days = AuditRepo(self.session), []
            for move, entry in candidates:
                if await self.move_duty(team_id, move.day, move.before, move.to, now):
                    audit.record(**entry)
                    days.append(move.day)
            audit.record(**taken)
            told = notice is not None and await OutboxRepo(self.session).queue(notice, now)
            return TakeWritten(days, told)
        await AuditRepo(self.session).write_pending()  # rarely any: a take is a turn's first write
        params: dict[str, Any] = {"swap_id": swap_id, "taker": taker, "at": now, "team": team_id}
        for n, (move, entry) in enumerate(candidates):
            params.update({f"on_{n}": move.day, f"before_{n}": move.before, f"to_{n}": move.to})
            params.update(_entry_params(f"e{n}", entry))
        params.update(_entry_params("taken", taken))
        if notice is not None:
            params.update({f"o_{k}": v for k, v in notice.row(now).items()})
        took = {"taken_by": taker, "taken_at": now, "awaiting_approval": False}
        # All or nothing first, as the unit's only write (#17: no BEGIN and COMMIT); it needs
        # every day's row as checked, and a take writes nothing after it.
        if candidates and len(candidates) == len(moves) and nothing_pending(self.session):
            stmt = _take_moving_pg(len(candidates), notice is not None, sole=True)
            won, _logged, queued, *_moved, _held, still_open = (
                await self.session.execute(stmt, params)
            ).one()
            if won:
                self._written(swap_id, took)
                return TakeWritten([m.day for m, _ in candidates], bool(queued))
            await _wrote_nothing(self.session)
            if not still_open:  # the request was taken (declined, withdrawn) first
                return None
        stmt = _take_moving_pg(len(candidates), notice is not None)
        won, _logged, queued, *moved = (await self.session.execute(stmt, params)).one()
        if not won:
            return None
        self._written(swap_id, took)
        days = [m.day for (m, _), n in zip(candidates, moved, strict=True) if n]
        return TakeWritten(days, bool(queued))

    async def settle_approval(self, swap_id: int, approve: bool) -> bool:
        """A lead's decision on a taken request: keep it (approve) or open it again."""
        values: dict[str, Any] = {"awaiting_approval": False}
        if not approve:
            values.update(taken_by=None, taken_at=None)
        return await self._update_if(swap_id, "awaiting", values)

    async def close(self, swap_id: int, field: str, now: datetime) -> bool:
        """Decline or cancel (field `declined_at` or `cancelled_at`) an open request."""
        return await self._update_if(swap_id, "open", {field: now})

    async def _update_if(self, swap_id: int, state: str, values: dict[str, Any]) -> bool:
        """The conditional UPDATE (`state`: "open" or "awaiting" approval); True if it won.
        The session's copy of the row then gets the values it wrote: the columns a winning
        update did not write cannot have changed since (they are set when the request is
        made, or by updates that need the same state), so the fresh read that follows needs
        no statement (#17)."""
        stmt = _conditional_update(state, tuple(values))
        params = {f"new_{k}": v for k, v in values.items()}
        result = await self.session.execute(stmt, {**params, "swap_id": swap_id})
        if not result.rowcount:  # type: ignore[attr-defined]
            return False
        self._written(swap_id, values)
        return True

    def _written(self, swap_id: int, values: dict[str, Any]) -> None:
        """The session's copy of a row a conditional update won gets the values written."""
        held = self.session.identity_map.get(identity_key(SwapRequestRow, swap_id))
        if held is not None:
            for key, value in values.items():
                set_committed_value(held, key, value)
            self._returned.add(swap_id)

    def _holds_duty(self, team_id: int, day: date) -> bool:
        """This session holds the day's rota row (an UPDATE behind its back leaves it stale)."""
        return any(
            isinstance(held, Duty) and held.team_id == team_id and held.day == day
            for held in self.session.identity_map.values()
        )

    async def seen_for_take(self, row: SwapRequestRow, taker_id: int) -> TakeSeen | None:
        """The requester, whether taker and requester are away on the days they would hold,
        and who holds those days now; None if the requester is gone."""
        found = await self.session.execute(
            _TAKE_SEEN,
            {
                "team": row.team_id,
                "requester": row.requester_id,
                "taker": taker_id,
                "day": row.day,
                "offered": row.offered_day,
            },
        )
        first = found.first()
        if first is None:
            return None
        requester, taker_away, requester_away, holder, offered_holder = first
        return TakeSeen(requester, bool(taker_away), bool(requester_away), holder, offered_holder)

    async def move_duty(
        self, team_id: int, day: date, before: int | None, to: int, now: datetime
    ) -> bool:
        """Give a day to `to` for a swap (kept), in one UPDATE, if `before` still holds it.
        False if the rota changed since, the day has no row yet, or this session holds the
        day's row (it would go stale): then the caller writes it through the rota."""
        if self._holds_duty(team_id, day):
            return False
        result = await self.session.execute(
            _MOVE,
            {
                "team": team_id,
                "on": day,
                "before": before,
                "to": to,
                "kept_": True,
                "source_": "swap",
                "at": now,
            },
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    def hand_over(
        self,
        team_id: int,
        day: date,
        from_member: int | None,
        to_member: int,
        at: datetime,
        by: int,
    ) -> None:
        self.session.add(
            DutyHandover(
                team_id=team_id,
                day=day,
                from_member=from_member,
                to_member=to_member,
                at=at,
                by_member=by,
            )
        )

    async def holder_at(self, team_id: int, day: date, at: datetime) -> tuple[int | None, str]:
        """Who held the hotline at `at` on `day` (hand-overs included), and their name ("" if
        nobody did, or they are not in the team)."""
        found = await self.session.execute(_HOLDER_AT, {"team": team_id, "day": day, "at": at})
        member_id, name = found.one()
        return member_id, name or ""

    async def handovers(self, team_id: int, day: date) -> list[DutyHandover]:
        return await self.handovers_between(team_id, day, day)

    async def handovers_between(self, team_id: int, first: date, last: date) -> list[DutyHandover]:
        rows = await self.session.scalars(
            select(DutyHandover)
            .where(
                DutyHandover.team_id == team_id, DutyHandover.day >= first, DutyHandover.day <= last
            )
            .order_by(DutyHandover.day, DutyHandover.at, DutyHandover.id)
        )
        return list(rows)


def _entry_params(name: str, entry: dict[str, Any]) -> dict[str, Any]:
    """An audit entry (AuditRepo.record's arguments) as the bound values of `_take_moving_pg`."""
    return {f"{name}_{k}": v for k, v in entry_row(**entry).items()}
