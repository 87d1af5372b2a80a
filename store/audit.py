"""The audit log: who changed what, when, from what to what."""

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from store.models import AuditEntry


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
        self.session.add(
            AuditEntry(
                team_id=team_id,
                actor_id=actor_id,
                action=action,
                subject=subject,
                before=before,
                after=after,
                at=now,
            )
        )

    async def for_subject(self, team_id: int, subject: str) -> list[AuditEntry]:
        rows = await self.session.scalars(
            select(AuditEntry)
            .where(AuditEntry.team_id == team_id, AuditEntry.subject == subject)
            .order_by(AuditEntry.at, AuditEntry.id)
        )
        return list(rows)
