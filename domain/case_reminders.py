"""Which reminders a team's open cases are owed today, and who gets them; and which open cases
nobody attends to (stale, or their owner left).

Meeting reminders from the working day before; talk reminders (Fast track and week 8) from 3
working days before the last working day of the deadline; both caught up on a later day (a case
logged late, a server down) until the event has passed, and sent once (the key names case, kind
and date). Once overdue, every working day, leads copied.
"""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from rules.deadlines import deadlines, meeting_reminder_due, reminder_due
from rules.working_days import Calendar
from store.members import is_staff, leads
from store.models import Case, Member, Membership
from store.store import Store

# The talk deadlines that are reminded, with the prefix of their keys.
TALK_REMINDERS = {"fast_track_talk": "ft", "ordinary_talk": "wk8"}


@dataclass(frozen=True)
class Reminder:
    kind: Literal["meeting", "soon", "overdue"]
    case: Case
    to: Member
    key: str  # sent once per key
    deadline: str = ""  # the talk deadline's kind (soon, overdue)
    due: date | None = None
    owner: str = ""  # the owner's name, "" when nobody is known (overdue)


async def due_reminders(
    store: Store,
    team_id: int,
    team_members: list[tuple[Member, Membership]],
    today: date,
    calendar: Calendar,
) -> list[Reminder]:
    if not calendar.is_working_day(today):
        return []
    members = {m.id: (m, ms) for m, ms in team_members}
    team_leads = leads(team_members)
    found: list[Reminder] = []
    for case in await store.cases.open_cases(team_id):
        member, ms = members.get(case.owner_id or 0, (None, None))
        # An owner who left the team (or now works the switchboard) is told nothing more about
        # the case; the leads still get the overdue notices (and the orphaned-case notice).
        owner = member if ms is not None and is_staff(ms) else None
        if owner is None and not team_leads:
            continue
        if owner and case.meeting_day and meeting_reminder_due(case.meeting_day, today, calendar):
            found.append(Reminder("meeting", case, owner, f"meeting:{case.id}:{case.meeting_day}"))
        if case.first_talk is not None:
            continue
        for deadline in deadlines(case.request_date, case.first_absence, None):
            prefix = TALK_REMINDERS.get(deadline.kind)
            if prefix is None:
                continue
            due = deadline.due
            if owner and reminder_due(due, today, calendar):
                key = f"{prefix}-soon:{case.id}:{due}"
                found.append(Reminder("soon", case, owner, key, deadline.kind, due))
            elif today > due:
                told = [owner] if owner else []
                name = member.name if member else ""
                for person in {m.id: m for m in [*told, *team_leads]}.values():
                    key = f"{prefix}-overdue:{case.id}:{person.id}:{today}"
                    found.append(Reminder("overdue", case, person, key, deadline.kind, due, name))
    return found


@dataclass(frozen=True)
class Unattended:
    """An open case a lead (and its owner, if still staff) is told about."""

    kind: Literal["orphaned", "stale"]
    case: Case
    to: Member
    key: str  # sent once per key: per case and departed owner, or per case and change
    owner: str  # the owner's name, "" when nobody is known
    last_change: datetime


async def unattended(
    store: Store,
    team_id: int,
    team_members: list[tuple[Member, Membership]],
    changed_before: datetime,
) -> list[Unattended]:
    """Told 1:1 to the owner and the team's leads once a case has not changed since
    `changed_before`, and to the leads as soon as its owner left the team (or its staff)."""
    members = {m.id: (m, ms) for m, ms in team_members}
    team_leads = leads(team_members)
    found: list[Unattended] = []
    for open_case in await store.retention.open_cases(team_id):
        case, last = open_case.case, open_case.last_change
        owner, owner_ms = members.get(case.owner_id or 0, (None, None))
        if owner is None and case.owner_id is not None:
            owner = await store.members.get(case.owner_id)  # no membership here any more
        name = owner.name if owner else ""
        staff = owner is not None and owner_ms is not None and is_staff(owner_ms)
        if case.owner_id is not None and not staff:
            for lead in team_leads:
                key = f"case-orphan:{case.id}:{lead.id}:{case.owner_id}"
                found.append(Unattended("orphaned", case, lead, key, name, last))
        if last >= changed_before:
            continue
        told = [owner] if owner is not None and staff else []
        for person in {m.id: m for m in [*told, *team_leads]}.values():
            key = f"case-stale:{case.id}:{person.id}:{last.isoformat()}"
            found.append(Unattended("stale", case, person, key, name, last))
    return found
