"""The audit log: who changed what, when, from what to what.

Entries are written in one statement when the transaction commits (or before the log is
read): a turn that moves a duty and takes a swap records two, and the ORM would insert them
one by one to learn ids nobody needs."""

from datetime import datetime
from typing import Any

from sqlalchemy import event, insert, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from store.models import AuditEntry

PENDING = "audit_pending"


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
        self.session.info.setdefault(PENDING, []).append(
            {
                "team_id": team_id,
                "actor_id": actor_id,
                "action": action,
                "subject": subject,
                "before": before,
                "after": after,
                "at": now,
            }
        )

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
        transaction recorded, written now with INSERT … RETURNING; nothing older to read."""
        entries = self.session.info.pop(PENDING, None)
        if not entries:
            return []
        rows = await self.session.scalars(insert(AuditEntry).returning(AuditEntry), entries)
        mine = [e for e in rows if e.team_id == team_id and e.subject == subject]
        return sorted(mine, key=lambda e: (e.at, e.id))


@event.listens_for(Session, "before_commit")
def _write_pending(session: Session) -> None:
    entries = session.info.pop(PENDING, None)
    if entries:
        session.execute(insert(AuditEntry), entries)


@event.listens_for(Session, "after_rollback")
def _forget_pending(session: Session) -> None:
    session.info.pop(PENDING, None)
