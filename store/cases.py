"""Cases: numbering, queries, and wiping personal data when retention ends."""

from dataclasses import dataclass, fields
from datetime import date, datetime, time
from functools import cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Executable,
    String,
    and_,
    bindparam,
    cast,
    func,
    insert,
    literal,
    select,
    true,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session
from sqlalchemy.sql.schema import ScalarElementColumnDefault

from store.audit import AuditRepo, Draft
from store.flows import Claim, claim_statement
from store.models import AuditEntry, Base, Case, CaseCounter
from store.sole_write import SOLE_WRITE, nothing_pending
from store.upsert import as_written

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


SUBJECT = "case:"  # a case's history is the audit subject `case:<id>` (domain.cases.subject)

_CASES = Base.metadata.tables[Case.__tablename__]
_AUDIT = Base.metadata.tables[AuditEntry.__tablename__]
_COUNTERS = Base.metadata.tables[CaseCounter.__tablename__]
# What a new case holds in the columns its creator leaves out: the model's defaults.
_BLANK = {
    c.key: c.default.arg if isinstance(c.default, ScalarElementColumnDefault) else None
    for c in _CASES.columns
    if c.key not in ("id", "number")
}
_HISTORY = Draft._fields
_CLAIM = "f_"  # the names of a claim's parameters in the intake statement


class CaseRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def create(
        self, team_id: int, now: datetime, *, history: Draft | None = None, **fields: Any
    ) -> Case:
        """A new case with the team's next number, and the first entry of its history.

        The number is counted last and in the same statement as the case (and its first
        entry) on PostgreSQL: the team's counter row stays locked until the commit, and
        concurrent intakes of one team queue on it, so it is held for one statement, not
        for the rest of the turn (#17). Rolled back, the number is not used up: no gaps."""
        case = await self._create(None, team_id, now, history, fields)
        assert case is not None  # without a claim there is nothing to lose
        return case

    async def create_claimed(
        self,
        claim: Claim,
        team_id: int,
        now: datetime,
        *,
        history: Draft | None = None,
        **fields: Any,
    ) -> Case | None:
        """`create` if the card flow's claim wins, in the same statement on PostgreSQL (the
        claim, the counter, the case and its entry: #17, one round trip instead of two);
        None if another click got there first, and then nothing is written."""
        return await self._create(claim, team_id, now, history, fields)

    async def _create(
        self,
        claim: Claim | None,
        team_id: int,
        now: datetime,
        history: Draft | None,
        fields: dict[str, Any],
    ) -> Case | None:
        values = {**_BLANK, **fields, "team_id": team_id, "logged_at": now, "anonymised": False}
        entry = _entry(history, team_id) if history else None
        if self.session.get_bind().dialect.name == "postgresql":
            params = _params(values, entry)
            if claim is not None:
                params.update(claim.params(_CLAIM))
            # With nothing pending, the intake turn writes nothing else after it.
            sole = claim is not None and nothing_pending(self.session)
            found = await self.session.execute(
                _numbered_pg(entry is not None, claim is not None, sole), params
            )
            row = found.first()
            if row is None:  # the claim lost: the statement wrote nothing
                return None
            case_id, number, entry_id = row
        else:
            numbered = await self.session.run_sync(_numbered, values, entry, claim)
            if numbered is None:
                return None
            case_id, number, entry_id = numbered
        if claim is not None:
            claim.won()
        case = as_written(Case, {**values, "id": case_id, "number": number}, self.session)
        if entry is not None:
            AuditRepo(self.session).written(
                [(entry_id, {**entry, "subject": f"{SUBJECT}{case_id}"})]
            )
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
            select(Case).where(_called_between(team_id, first, last)).order_by(Case.call_at)
        )
        return list(rows)

    async def last_between(
        self, team_id: int, first: datetime, last: datetime, count: int
    ) -> list[Case]:
        """The `count` cases called last from `first` until `last`, in call order (the number
        breaks ties, so the same cases are left out each time)."""
        rows = await self.session.scalars(
            select(Case)
            .where(_called_between(team_id, first, last))
            .order_by(Case.call_at.desc(), Case.number.desc())
            .limit(count)
        )
        return list(reversed(rows.all()))

    async def count_between(self, team_id: int, first: datetime, last: datetime) -> int:
        found = await self.session.scalar(
            select(func.count()).select_from(Case).where(_called_between(team_id, first, last))
        )
        return int(found or 0)

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


def _entry(history: Draft, team_id: int) -> dict[str, Any]:
    return {"team_id": team_id, **history._asdict()}


def _params(values: dict[str, Any], entry: dict[str, Any] | None) -> dict[str, Any]:
    params = {f"c_{k}": v for k, v in values.items()}
    if entry is not None:
        params.update({f"a_{k}": v for k, v in entry.items()})
    return params


@cache
def _numbered_pg(with_entry: bool, with_claim: bool = False, sole: bool = False) -> Executable:
    """WITH counted (the counter bumped), new_case (inserted with that number), entry (its
    first history entry): one statement, one round trip while the counter row is locked.
    With a claim, `claimed` (the card flow's conditional UPDATE) comes first and each step
    reads the one before it: a lost claim bumps no counter and inserts nothing (no rows).
    `sole`: marked as the unit's only write (it then runs without BEGIN and COMMIT)."""
    from sqlalchemy.dialects import postgresql  # only a PostgreSQL engine needs its dialect

    team = bindparam("c_team_id", type_=_COUNTERS.c.team_id.type)
    count = postgresql.insert(_COUNTERS)
    if with_claim:
        claimed = claim_statement(_CLAIM).cte("claimed")
        count = count.from_select(
            ["team_id", "last"], select(team, literal(1)).select_from(claimed)
        )
    else:
        count = count.values(team_id=team, last=1)
    counted = (
        count.on_conflict_do_update(index_elements=["team_id"], set_={"last": _COUNTERS.c.last + 1})
        .returning(_COUNTERS.c.last)
        .cte("counted")
    )
    columns = {c: bindparam(f"c_{c}", type_=_CASES.c[c].type) for c in _BLANK}
    new_case = (
        insert(_CASES)
        .from_select([*columns, "number"], select(*columns.values(), counted.c.last))
        .returning(_CASES.c.id, _CASES.c.number)
        .cte("new_case")
    )
    hints = [SOLE_WRITE] if sole else []
    if not with_entry:
        return select(new_case.c.id, new_case.c.number, literal(None)).prefix_with(*hints)
    subject = literal(SUBJECT) + cast(new_case.c.id, String)
    entry = (
        insert(_AUDIT)
        .from_select(
            ["team_id", *_HISTORY, "subject"],
            select(
                *(bindparam(f"a_{c}", type_=_AUDIT.c[c].type) for c in ("team_id", *_HISTORY)),
                subject,
            ).select_from(new_case),
        )
        .returning(_AUDIT.c.id)
        .cte("entry")
    )
    both = new_case.join(entry, true())  # one row each
    return (
        select(new_case.c.id, new_case.c.number, entry.c.id).select_from(both).prefix_with(*hints)
    )


@cache
def _count_sqlite() -> Executable:
    from sqlalchemy.dialects import sqlite

    return (
        sqlite.insert(_COUNTERS)
        .values(team_id=bindparam("team_id"), last=1)
        .on_conflict_do_update(index_elements=["team_id"], set_={"last": _COUNTERS.c.last + 1})
        .returning(_COUNTERS.c.last)
    )


_INSERT_CASE = insert(_CASES).returning(_CASES.c.id)
_INSERT_ENTRY = insert(_AUDIT).returning(_AUDIT.c.id)


def _numbered(
    session: Session, values: dict[str, Any], entry: dict[str, Any] | None, claim: Claim | None
) -> tuple[int, int, int | None] | None:
    """SQLite (one writer at a time: the order does not matter): the claim, counter, case and
    entry in up to four statements on one greenlet hop; None if the claim lost."""
    conn = session.connection()
    if claim is not None:
        won = conn.execute(claim_statement(""), claim.params("")).first()
        if won is None:
            return None
    number = conn.execute(_count_sqlite(), {"team_id": values["team_id"]}).scalar_one()
    case_id = conn.execute(_INSERT_CASE, {**values, "number": number}).scalar_one()
    if entry is None:
        return case_id, number, None
    subject = f"{SUBJECT}{case_id}"
    return case_id, number, conn.execute(_INSERT_ENTRY, {**entry, "subject": subject}).scalar_one()


def _called_between(team_id: int, first: datetime, last: datetime) -> ColumnElement[bool]:
    return and_(Case.team_id == team_id, Case.call_at >= first, Case.call_at < last)
