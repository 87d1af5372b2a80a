"""Retention beyond closed cases: absences, the audit log, members who left, and open cases
nobody has touched for a long time. The nightly job calls these; each is idempotent."""

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import String, and_, cast, delete, exists, func, literal, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from store.members import ACTIVE
from store.models import (
    Absence,
    AuditEntry,
    CalendarFeed,
    Case,
    ConversationRef,
    Member,
    Membership,
    OutboxMessage,
    Team,
)

SICK = "sick"


def pseudonym(member_id: int) -> str:
    """What an erased member is called from then on: the id the audit log knows them by."""
    return f"#{member_id}"


@dataclass(frozen=True)
class OpenCase:
    case: Case
    last_change: datetime


def _absence_expired(kind: str | None, last_day: date, before: date, sick_before: date) -> bool:
    return last_day < (sick_before if kind == SICK else before)


class RetentionRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def cases_to_anonymise(self, team_id: int, before: datetime) -> list[int]:
        """Ids of the team's cases closed before the date and not yet anonymised (the ones
        CaseRepo.anonymise_closed is about to wipe)."""
        rows = await self.session.scalars(
            select(Case.id).where(
                Case.team_id == team_id,
                Case.closed_at.is_not(None),
                Case.closed_at < before,
                ~Case.anonymised,
            )
        )
        return list(rows)

    async def purge_absences(self, team_id: int, before: date, sick_before: date) -> int:
        """Delete the team's absences that ended before `before` (sick days: `sick_before`),
        and the audit entries that recorded them (they name the kind and the dates)."""
        gone = await self.session.execute(
            delete(Absence).where(
                Absence.team_id == team_id,
                or_(
                    and_(Absence.kind == SICK, Absence.last_day < sick_before),
                    and_(Absence.kind != SICK, Absence.last_day < before),
                ),
            )
        )
        # The entry's dates are JSON: read the team's absence entries and decide here, alike
        # on SQLite and PostgreSQL (those left are within the retention window: few).
        entries = await self.session.execute(
            select(AuditEntry.id, AuditEntry.after).where(
                AuditEntry.team_id == team_id, AuditEntry.action == "absence"
            )
        )
        doomed = []
        for entry_id, after in entries:
            after = after or {}
            try:
                last = date.fromisoformat(str(after.get("last")))
            except ValueError:
                last = date.min  # no readable date: nothing to keep it for
            if _absence_expired(after.get("kind"), last, before, sick_before):
                doomed.append(entry_id)
        if doomed:
            await self.session.execute(delete(AuditEntry).where(AuditEntry.id.in_(doomed)))
        return int(gone.rowcount or 0) + len(doomed)  # type: ignore[attr-defined]

    async def purge_audit(self, before: datetime) -> int:
        result = await self.session.execute(delete(AuditEntry).where(AuditEntry.at < before))
        return int(result.rowcount or 0)  # type: ignore[attr-defined]

    async def mark_departures(self, now: datetime) -> int:
        """Note when a member stopped being in any active team (the roster sync only clears
        `in_roster`); clear the note for someone who came back. Presence is `ACTIVE`: on a
        roster, or switchboard by code."""
        present = exists().where(
            Membership.member_id == Member.id,
            ACTIVE,
            Membership.team_id.in_(select(Team.id).where(Team.active)),
        )
        left = await self.session.execute(
            update(Member)
            .where(Member.departed_at.is_(None), Member.erased_at.is_(None), ~present)
            .values(departed_at=now)
            .execution_options(synchronize_session=False)
        )
        await self.session.execute(
            update(Member)
            .where(Member.departed_at.is_not(None), Member.erased_at.is_(None), present)
            .values(departed_at=None)
            .execution_options(synchronize_session=False)
        )
        return int(left.rowcount or 0)  # type: ignore[attr-defined]

    async def erase_departed(self, before: datetime, now: datetime) -> list[int]:
        """Erase name, email, Teams and AAD ids of members who departed before the date; the
        row stays (as #id) so duties, cases and the audit log keep pointing at someone. Their
        1:1 chat, calendar links, absences and messages to them go."""
        ids = list(
            await self.session.scalars(
                select(Member.id).where(
                    Member.departed_at.is_not(None),
                    Member.departed_at < before,
                    Member.erased_at.is_(None),
                )
            )
        )
        for member_id in ids:
            await self.erase_member(member_id, now)
        return ids

    async def erase_member(self, member_id: int, now: datetime) -> None:
        await self.session.execute(
            update(Member)
            .where(Member.id == member_id)
            .values(
                name=pseudonym(member_id),
                email="",
                teams_user_id="",
                aad_object_id=f"erased:{member_id}",
                language=None,
                erased_at=now,
            )
            .execution_options(synchronize_session=False)
        )
        for table, column in (
            (ConversationRef, ConversationRef.member_id),
            (CalendarFeed, CalendarFeed.member_id),
            (Absence, Absence.member_id),
        ):
            await self.session.execute(delete(table).where(column == member_id))
        await self.session.execute(
            delete(OutboxMessage).where(OutboxMessage.recipient == f"member:{member_id}")
        )

    async def open_cases(self, team_id: int) -> list[OpenCase]:
        """The team's open cases with when each last changed: its newest audit entry (every
        change to a case writes one), else when it was logged."""
        subject = literal("case:") + cast(Case.id, String)
        last = (
            select(func.max(AuditEntry.at))
            .where(AuditEntry.team_id == team_id, AuditEntry.subject == subject)
            .scalar_subquery()
        )
        rows = await self.session.execute(
            select(Case, last)
            .where(Case.team_id == team_id, Case.closed_at.is_(None))
            .order_by(Case.number)
        )
        return [
            OpenCase(case, max(case.logged_at, _aware(at) or case.logged_at)) for case, at in rows
        ]


def _aware(at: datetime | str | None) -> datetime | None:
    """A subquery's max() comes back as text on SQLite: read it as the column would."""
    if at is None or isinstance(at, datetime):
        return at if at is None or at.tzinfo else at.replace(tzinfo=UTC)
    parsed = datetime.fromisoformat(at)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
