"""Cases: intake, finding a case, and passing it on to a colleague.

A case belongs to whoever held the phone when the call came (hand-overs included), even when
it is logged later or by someone else. Outcomes are in domain/case_outcomes.py, the reminders
a case is owed in domain/case_reminders.py.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from domain.errors import CardUnknown, NotAllowed, Refused, Term
from store.audit import Draft
from store.cases import SUBJECT
from store.flows import Claim
from store.members import is_staff
from store.models import AuditEntry, Case, Member
from store.store import Store

CALLERS = ("employer", "employee", "other")
TOPICS = ("risk", "ongoing", "fast_track", "question")
OUTCOMES = ("settled", "round_table", "fast_track", "referred", "closed")
ADVICE = ("partial_return", "work_trial", "adjustments", "other")
NOT_HOTLINE = (
    "payment",
    "nemrefusion",
    "mit_sygefravaer",
    "existing_case",
    "complaint",
    "unemployed",
    "self_employed",
    "job_search",
    "other_benefit",
    "other",
)
CLOSING = frozenset({"settled", "referred", "closed"})  # outcomes that close the case
STAFF = ("lead", "caseworker")
NOTE_MAX = 500
# A call logged a few minutes "in the future" is a clock that runs fast, not a typo.
CLOCK_SLACK = timedelta(minutes=5)

# A form's values as the client sent them: anything, or nothing.
Form = Mapping[str, object]


class IntakeOutdated(Refused):
    """Someone saved the intake card first (a second click on it): no second case."""

    def __init__(self) -> None:
        super().__init__("card_outdated", name=Term("someone"))


class CaseMissing(Refused):
    """A form without a field it cannot do without (the caller, the topic, the outcome)."""

    def __init__(self) -> None:
        super().__init__("case_missing")


class NoteTooLong(Refused):
    def __init__(self) -> None:
        super().__init__("case_note_long", max=NOTE_MAX)


class BadCallTime(Refused):
    """The call's date or time is not one, or lies in the future."""

    def __init__(self) -> None:
        super().__init__("case_bad_time")


class NotACaseNumber(Refused):
    def __init__(self) -> None:
        super().__init__("case_usage")


class CaseUnknown(Refused):
    def __init__(self, number: str) -> None:
        super().__init__("case_unknown", number=number)


class CaseClosed(Refused):
    def __init__(self, number: int) -> None:
        super().__init__("case_closed_already", number=number)


class NotCaseOwner(Refused):
    """Only the case's owner or a lead passes a case on."""

    def __init__(self) -> None:
        super().__init__("reassign_not_owner")


class NotStaff(Refused):
    """A case goes only to the team's caseworkers and leads: never to the switchboard (who
    must not see case details) or someone who left."""

    def __init__(self, name: str) -> None:
        super().__init__("reassign_not_staff", name=name)


def text(value: object, limit: int = 200) -> str:
    return str(value or "").strip()[:limit]


def day(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def clock(value: object) -> time | None:
    try:
        return time.fromisoformat(str(value)[:5]) if value else None
    except ValueError:
        return None


def moment(day_value: object, clock_value: object, zone: tzinfo) -> datetime | None:
    """A local date and time (`2027-01-04`, `10:15`) as an aware moment, None if not one."""
    try:
        local = datetime.combine(
            date.fromisoformat(str(day_value)), time.fromisoformat(str(clock_value)[:5])
        )
    except ValueError:
        return None
    return local.replace(tzinfo=zone)


@dataclass(frozen=True)
class Intake:
    """A call as the intake form described it, checked."""

    caller: str
    topic: str
    call_at: datetime
    company: str
    contact_name: str
    contact_phone: str
    employee: str
    first_absence: date | None
    note: str


def intake(role: str | None, form: Form, zone: tzinfo, now: datetime) -> Intake:
    """The intake form's values checked: a caseworker or lead logs a call that has happened."""
    if role not in STAFF:
        raise NotAllowed("staff")
    caller, topic = form.get("caller"), form.get("topic")
    if caller not in CALLERS or topic not in TOPICS:
        raise CaseMissing()
    note = str(form.get("note") or "").strip()
    if len(note) > NOTE_MAX:
        raise NoteTooLong()
    call_at = moment(form.get("call_date"), form.get("call_time"), zone)
    if call_at is None or call_at > now + CLOCK_SLACK:
        raise BadCallTime()
    return Intake(
        caller=str(caller),
        topic=str(topic),
        call_at=call_at,
        company=text(form.get("company")),
        contact_name=text(form.get("contact_name")),
        contact_phone=text(form.get("contact_phone"), 40),
        employee=text(form.get("employee"), 100),
        first_absence=day(form.get("first_absence")),
        note=note,
    )


async def open_case(
    store: Store,
    team_id: int,
    logged_by: int,
    call: Intake,
    holder: int | None,
    now: datetime,
    claim: Claim | None = None,
) -> Case:
    """The case for a checked call, owned by who held the phone then (`holder`), else by who
    logged it; its history starts with the owner. With the intake card's `claim`, the case is
    opened only if the claim wins, in the same write (IntakeOutdated if it lost: nothing
    changed)."""
    owner = holder or logged_by
    fields = {
        "call_at": call.call_at,
        "logged_by": logged_by,
        "owner_id": owner,
        "caller": call.caller,
        "topic": call.topic,
        "company": call.company,
        "contact_name": call.contact_name,
        "contact_phone": call.contact_phone,
        "employee": call.employee,
        "first_absence": call.first_absence,
        "note": call.note,
    }
    history = Draft(logged_by, "case_created", None, {"member": owner}, now)
    if claim is None:
        return await store.cases.create(team_id, now, history=history, **fields)
    case = await store.cases.create_claimed(claim, team_id, now, history=history, **fields)
    if case is None:
        raise IntakeOutdated()
    return case


def subject(case: Case) -> str:
    """The audit subject of a case: its history."""
    return f"{SUBJECT}{case.id}"


async def by_number(store: Store, team_id: int, number_text: str) -> Case:
    """The team's case with that number (`12`, `#12`)."""
    number = number_text.strip().lstrip("#")
    if not number.isdigit():
        raise NotACaseNumber()
    case = await store.cases.by_number(team_id, int(number))
    if case is None:
        raise CaseUnknown(number)
    return case


async def by_card(store: Store, team_id: int, case_id: int) -> Case:
    """The case a card click names, if it is the team's."""
    case = await store.cases.get(team_id, case_id)
    if case is None:
        raise CardUnknown()
    return case


def latest(history: list[AuditEntry]) -> int:
    """Every change to a case is in its history: the newest entry's id tells a card shown
    before a change from one shown after it."""
    return max((e.id for e in history), default=0)


async def version(store: Store, team_id: int, case: Case) -> int:
    return latest(await store.audit.for_subject(team_id, subject(case)))


def may_pass_on(case: Case, actor_id: int, role: str | None) -> None:
    """An open case is passed on by its owner or a lead."""
    if case.closed_at is not None:
        raise CaseClosed(case.number)
    if case.owner_id != actor_id and role != "lead":
        raise NotCaseOwner()


@dataclass(frozen=True)
class Handover:
    case: Case
    to: Member
    before: int | None  # the previous owner


async def pass_on(
    store: Store,
    team_id: int,
    case_id: int,
    member_id: int,
    actor_id: int,
    role: str | None,
    now: datetime,
) -> Handover:
    """The case goes to a caseworker or lead of the team; its history records who had it."""
    case = await by_card(store, team_id, case_id)
    member = await store.members.get(member_id)
    if member is None:
        raise CardUnknown()
    may_pass_on(case, actor_id, role)  # also for an old "yes" button: closed since is closed
    membership = await store.members.membership(team_id, member.id)
    if membership is None or not is_staff(membership):
        raise NotStaff(member.name)
    before = case.owner_id
    store.cases.set_owner(case, member.id)
    store.audit.record(
        team_id,
        actor_id,
        "case_owner",
        subject(case),
        now,
        {"member": before},
        {"member": member.id},
    )
    return Handover(case, member, before)
