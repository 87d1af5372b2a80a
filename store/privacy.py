"""A data subject's request: find every case about an employee, show it, erase it."""

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from rules.text import fold
from store.cases import PERSONAL
from store.models import (
    Absence,
    AuditEntry,
    Case,
    Duty,
    Member,
    Membership,
    OutboxMessage,
    Team,
)
from store.outbox import OutboxRepo


def same_person(stored: str, asked: str) -> bool:
    """The employee field as typed (a name or initials), compared without case, accents or
    extra spaces. Exact on purpose: an erasure must not reach someone else's case."""
    return bool(stored.strip()) and fold(" ".join(stored.split())) == fold(" ".join(asked.split()))


def case_record(case: Case, team_name: str, names: dict[int, str]) -> dict[str, Any]:
    """Every column of the case, dates as ISO text, staff named."""
    record: dict[str, Any] = {"team": team_name}
    for column in Case.__table__.columns:
        value = getattr(case, column.key)
        record[column.key] = value.isoformat() if hasattr(value, "isoformat") else value
    record["owner"] = names.get(case.owner_id or 0)
    record["logged_by_name"] = names.get(case.logged_by or 0)
    return record


class PrivacyRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def employee_cases(self, employee: str, team_id: int | None = None) -> list[Case]:
        query = select(Case).where(Case.employee != "")
        if team_id is not None:
            query = query.where(Case.team_id == team_id)
        rows = await self.session.scalars(query.order_by(Case.team_id, Case.number))
        return [c for c in rows if same_person(c.employee, employee)]

    async def history(self, case: Case) -> list[AuditEntry]:
        rows = await self.session.scalars(
            select(AuditEntry)
            .where(AuditEntry.team_id == case.team_id, AuditEntry.subject == f"case:{case.id}")
            .order_by(AuditEntry.at, AuditEntry.id)
        )
        return list(rows)

    async def outbox_copies(self, case: Case) -> list[OutboxMessage]:
        return await OutboxRepo(self.session).about_cases(case.team_id, [case.id])

    async def erase_cases(self, cases: list[Case]) -> int:
        """Wipe the cases' personal fields (the figures stay) and delete every message the bot
        queued or sent about them. Returns how many outbox copies went."""
        if not cases:
            return 0
        await self.session.execute(
            update(Case)
            .where(Case.id.in_([c.id for c in cases]))
            .values(anonymised=True, **dict.fromkeys(PERSONAL, ""))
            .execution_options(synchronize_session="fetch")
        )
        outbox = OutboxRepo(self.session)
        by_team: dict[int, list[int]] = {}
        for case in cases:
            by_team.setdefault(case.team_id, []).append(case.id)
        return sum([await outbox.delete_for_cases(team, ids) for team, ids in by_team.items()])

    async def member_data(self, email: str) -> dict[str, Any] | None:
        """A staff member's own data: who they are, their teams, absences, duty days and the
        cases they own (numbers only: the cases are about other people)."""
        wanted = email.strip().casefold()
        members = await self.session.scalars(select(Member).where(Member.email != ""))
        member = next((m for m in members if m.email.casefold() == wanted), None)
        if member is None:
            return None
        teams = dict((await self.session.execute(select(Team.id, Team.name))).tuples().all())
        fields = ("id", "name", "email", "aad_object_id", "teams_user_id", "language")
        memberships = await self.session.scalars(
            select(Membership).where(Membership.member_id == member.id)
        )
        absences = await self.session.scalars(
            select(Absence).where(Absence.member_id == member.id).order_by(Absence.first_day)
        )
        duties = await self.session.execute(
            select(Duty.team_id, Duty.day).where(Duty.member_id == member.id).order_by(Duty.day)
        )
        owned = await self.session.execute(
            select(Case.team_id, Case.number).where(Case.owner_id == member.id)
        )
        return {
            "member": {
                **{f: getattr(member, f) for f in fields},
                "created_at": member.created_at.isoformat(),
            },
            "teams": [
                {
                    "team": teams.get(ms.team_id),
                    "role": ms.role,
                    "on_rota": ms.on_rota,
                    "workdays": ms.workdays,
                    "in_roster": ms.in_roster,
                    "joined_at": ms.joined_at.isoformat(),
                }
                for ms in memberships
            ],
            "absences": [
                {
                    "team": teams.get(a.team_id),
                    "first_day": a.first_day.isoformat(),
                    "last_day": a.last_day.isoformat(),
                    "kind": a.kind,
                    "cancelled": a.cancelled,
                }
                for a in absences
            ],
            "duties": [{"team": teams.get(t), "day": d.isoformat()} for t, d in duties],
            "cases_owned": [{"team": teams.get(t), "number": n} for t, n in owned],
        }
