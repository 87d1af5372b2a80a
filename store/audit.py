"""The audit log: who changed what, when, from what to what.

Entries are written in one statement when the transaction commits (or before the log is
read): a turn that moves a duty and takes a swap records two, and the ORM would insert them
one by one to learn ids nobody needs."""

from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import event, insert, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from store.models import AuditEntry, Base
from store.upsert import as_written

PENDING = "audit_pending"
WRITTEN = "audit_written"  # entries this transaction wrote, with their ids
_TABLE = Base.metadata.tables[AuditEntry.__tablename__]
# Core on the table: the ORM's bulk insert of the same rows costs several times more (#17).
_INSERT = insert(_TABLE)
_INSERT_IDS = _INSERT.returning(_TABLE.c.id, sort_by_parameter_order=True)


class Draft(NamedTuple):
    """An entry whose subject is not known yet: written with the row it is about."""

    actor_id: int | None
    action: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    at: datetime


def entry_row(
    team_id: int | None,
    actor_id: int | None,
    action: str,
    subject: str,
    now: datetime,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """An entry's row, from `AuditRepo.record`'s arguments (a statement that writes entries
    of its own binds these)."""
    return {
        "team_id": team_id,
        "actor_id": actor_id,
        "action": action,
        "subject": subject,
        "before": before,
        "after": after,
        "at": now,
    }


class AuditRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def record(
        self,
        team_id: int | None,
        actor_id: int | None,
        action: str,
        subject: str,
        now: datetime,
        before: dict[str, Any] | None = None,
        after: dict[str, Any] | None = None,
    ) -> None:
        entry = entry_row(team_id, actor_id, action, subject, now, before, after)
        self.session.info.setdefault(PENDING, []).append(entry)

    async def write_pending(self) -> None:
        """Write what was recorded so far now (a statement that writes entries of its own
        comes next, and ids follow the order entries were recorded in)."""
        if self.session.info.get(PENDING):
            await self.session.run_sync(_write_pending)

    async def for_subject(self, team_id: int, subject: str) -> list[AuditEntry]:
        await self.session.run_sync(_write_pending)
        rows = await self.session.scalars(
            select(AuditEntry)
            .where(AuditEntry.team_id == team_id, AuditEntry.subject == subject)
            .order_by(AuditEntry.at, AuditEntry.id)
        )
        return list(rows)

    async def written_for(self, team_id: int, subject: str) -> list[AuditEntry]:
        """The history of a subject made in this transaction (a new case): what the
        transaction recorded, written now (INSERT … RETURNING the ids only); nothing older to
        read."""
        entries = self.session.info.pop(PENDING, None)
        if entries:
            ids = await self.session.scalars(_INSERT_IDS, entries)
            self.written(list(zip(ids, entries, strict=True)))
        mine = [
            e
            for e in self.session.info.get(WRITTEN, ())
            if e.team_id == team_id and e.subject == subject
        ]
        return sorted(mine, key=lambda e: (e.at, e.id))

    def written(self, entries: list[tuple[int | None, dict[str, Any]]]) -> None:
        """Entries written in this transaction (by id and values), for `written_for`."""
        self.session.info.setdefault(WRITTEN, []).extend(
            as_written(AuditEntry, {**values, "id": entry_id}) for entry_id, values in entries
        )


@event.listens_for(Session, "before_commit")
def _write_pending(session: Session) -> None:
    entries = session.info.pop(PENDING, None)
    if entries:
        session.execute(_INSERT, entries)


@event.listens_for(Session, "after_commit")
def _forget_written(session: Session) -> None:
    session.info.pop(WRITTEN, None)


@event.listens_for(Session, "after_rollback")
def _forget_pending(session: Session) -> None:
    session.info.pop(PENDING, None)
    session.info.pop(WRITTEN, None)
