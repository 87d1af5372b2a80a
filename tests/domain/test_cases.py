"""The rules of a case, without HTTP: intake, outcomes, passing a case on, reminders.

One migrated in-memory SQLite database per module; each test works in a transaction that is
rolled back, so a test takes milliseconds.
"""

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import pytest_asyncio
from sqlalchemy.ext.asyncio import AsyncEngine

from domain import case_outcomes, cases
from domain.case_reminders import due_reminders, unattended
from domain.errors import CardUnknown, NotAllowed
from rules.working_days import Calendar
from store.db import create_engine, sessions, upgrade
from store.members import RosterEntry
from store.models import Case, Member
from store.store import Store

# The async tests share the module's event loop, where the database lives.
on_module_loop = pytest.mark.asyncio(loop_scope="module")

ZONE = ZoneInfo("Europe/Copenhagen")
NOW = datetime(2027, 1, 4, 9, 0, tzinfo=UTC)  # Monday 10:00 in Copenhagen
CALENDAR = Calendar()
FORM = {"caller": "employer", "topic": "risk", "call_date": "2027-01-04", "call_time": "09:30"}


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def engine() -> AsyncIterator[AsyncEngine]:
    engine = create_engine("sqlite+aiosqlite://")
    await upgrade(engine)
    yield engine
    await engine.dispose()


@dataclass
class Team:
    store: Store
    id: int
    lead: Member
    worker: Member
    other: Member  # a second caseworker
    switchboard: Member


@pytest_asyncio.fixture(loop_scope="module")
async def team(engine: AsyncEngine) -> AsyncIterator[Team]:
    async with sessions(engine)() as session:
        await session.begin()
        store = Store(session)
        row, _ = await store.teams.install("t", "19:x", "Team X", "http://s/", "19:x", NOW)
        people = []
        for i, role in enumerate(("lead", "caseworker", "caseworker", "switchboard")):
            member = await store.members.add("t", RosterEntry(f"aad{i}", f"29:{i}", f"P{i}"), NOW)
            await store.members.join(row, member, role, NOW)
            people.append(member)
        yield Team(store, row.id, *people)
        await session.rollback()


async def logged(team: Team, owner: Member | None = None, **form: str) -> Case:
    call = cases.intake("caseworker", {**FORM, **form}, ZONE, NOW)
    holder = owner.id if owner else None
    return await cases.open_case(team.store, team.id, team.worker.id, call, holder, NOW)


async def history(team: Team, case: Case) -> list[tuple[str, object, object]]:
    entries = await team.store.audit.for_subject(team.id, cases.subject(case))
    return [(e.action, e.before, e.after) for e in entries]


async def save(team: Team, case: Case, outcome: str, **form: str) -> Case:
    seen = await cases.version(team.store, team.id, case)
    return await case_outcomes.save_outcome(
        team.store,
        team.id,
        team.lead.id,
        case.id,
        str(seen),
        outcome,
        form,
        zone=ZONE,
        calendar=CALENDAR,
        now=NOW,
    )


# Intake


def test_intake_is_for_caseworkers_and_leads() -> None:
    with pytest.raises(NotAllowed):
        cases.intake("switchboard", FORM, ZONE, NOW)
    assert cases.intake("lead", FORM, ZONE, NOW).caller == "employer"


@pytest.mark.parametrize(
    ("changes", "refusal"),
    [
        ({"caller": "boss"}, cases.CaseMissing),
        ({"topic": ""}, cases.CaseMissing),
        ({"note": "x" * (cases.NOTE_MAX + 1)}, cases.NoteTooLong),
        ({"call_time": "25:00"}, cases.BadCallTime),
        ({"call_date": "i går"}, cases.BadCallTime),
        ({"call_time": "10:06"}, cases.BadCallTime),  # more than 5 minutes ahead
    ],
)
def test_intake_refuses_a_form_it_cannot_log(changes: dict[str, str], refusal: type) -> None:
    with pytest.raises(refusal):
        cases.intake("caseworker", {**FORM, **changes}, ZONE, NOW)


def test_intake_reads_the_call_as_local_time_and_trims_the_fields() -> None:
    call = cases.intake(
        "caseworker", {**FORM, "call_time": "10:04", "company": " A/S " + "x" * 300}, ZONE, NOW
    )
    assert call.call_at == NOW + timedelta(minutes=4)
    assert call.company.startswith("A/S") and len(call.company) == 200


@on_module_loop
async def test_a_case_belongs_to_the_holder_and_its_history_starts_with_the_owner(
    team: Team,
) -> None:
    case = await logged(team, owner=team.other)
    assert case.owner_id == team.other.id and case.logged_by == team.worker.id
    assert await history(team, case) == [("case_created", None, {"member": team.other.id})]
    nobody_held = await logged(team)
    assert nobody_held.owner_id == team.worker.id and nobody_held.number == case.number + 1


@on_module_loop
async def test_a_case_is_found_by_its_number_in_the_team_only(team: Team) -> None:
    case = await logged(team)
    assert await cases.by_number(team.store, team.id, f"#{case.number}") is case
    with pytest.raises(cases.NotACaseNumber):
        await cases.by_number(team.store, team.id, "tolv")
    with pytest.raises(cases.CaseUnknown):
        await cases.by_number(team.store, team.id, "99")
    with pytest.raises(CardUnknown):
        await cases.by_card(team.store, team.id + 1, case.id)


# Outcomes


@on_module_loop
async def test_a_round_table_1_to_7_days_after_the_call_is_saved(team: Team) -> None:
    case = await logged(team)
    saved = await save(team, case, "round_table", meeting_day="2027-01-11", meeting_time="10:00")
    assert saved.outcome == "round_table" and saved.meeting_day == date(2027, 1, 11)
    assert saved.closed_at is None
    assert (await history(team, case))[-1] == (
        "case_outcome",
        {"outcome": None},
        {"outcome": "round_table"},
    )


@on_module_loop
async def test_a_round_table_outside_the_window_or_on_a_weekend_needs_a_reason(
    team: Team,
) -> None:
    case = await logged(team)
    with pytest.raises(case_outcomes.MeetingNeeded):
        await save(team, case, "round_table")
    with pytest.raises(case_outcomes.MeetingOutsideWindow) as far:
        await save(team, case, "round_table", meeting_day="2027-01-12")
    assert far.value.days == 8
    with pytest.raises(case_outcomes.MeetingOnClosedDay) as weekend:
        await save(team, case, "round_table", meeting_day="2027-01-09")
    assert weekend.value.meeting == date(2027, 1, 9)
    # Refused before anything changed: no outcome, no history beyond the intake.
    assert case.outcome is None and len(await history(team, case)) == 1
    saved = await save(team, case, "round_table", meeting_day="2027-01-12", meeting_reason="ferie")
    assert saved.meeting_reason == "ferie"


@on_module_loop
async def test_fast_track_needs_a_request_received_after_the_absence_began(team: Team) -> None:
    case = await logged(team)
    with pytest.raises(case_outcomes.RequestDateNeeded):
        await save(team, case, "fast_track")
    with pytest.raises(case_outcomes.RequestPrecedesAbsence) as early:
        await save(team, case, "fast_track", request_date="2027-01-02", first_absence="2027-01-03")
    assert early.value.values == {"request": date(2027, 1, 2), "first": date(2027, 1, 3)}
    saved = await save(team, case, "fast_track", request_date="2027-01-04")
    assert saved.request_date == date(2027, 1, 4) and saved.meeting_day is None


@on_module_loop
async def test_a_referral_says_where_and_closes_the_case_until_another_outcome(
    team: Team,
) -> None:
    case = await logged(team)
    with pytest.raises(case_outcomes.ReferralNeeded):
        await save(team, case, "referred", not_hotline="none")
    saved = await save(team, case, "referred", not_hotline="payment")
    assert saved.not_hotline == "payment" and saved.closed_at == NOW
    reopened = await save(team, case, "round_table", meeting_day="2027-01-05")
    assert reopened.closed_at is None and reopened.not_hotline == "payment"  # kept, not sent
    assert reopened.referred_to == ""


@on_module_loop
async def test_an_outcome_from_a_card_shown_before_a_change_is_not_saved(team: Team) -> None:
    case = await logged(team)
    seen = await cases.version(team.store, team.id, case)
    await save(team, case, "settled", advice="work_trial")
    with pytest.raises(case_outcomes.CaseChanged) as stale:
        await case_outcomes.save_outcome(
            team.store,
            team.id,
            team.lead.id,
            case.id,
            str(seen),
            "closed",
            {},
            zone=ZONE,
            calendar=CALENDAR,
            now=NOW,
        )
    assert stale.value.case is case and case.outcome == "settled"
    with pytest.raises(cases.CaseMissing):
        await save(team, case, "lost")


# Passing a case on


@on_module_loop
async def test_a_case_goes_to_a_colleague_with_the_change_in_its_history(team: Team) -> None:
    case = await logged(team, owner=team.worker)
    handover = await cases.pass_on(
        team.store, team.id, case.id, team.other.id, team.worker.id, "caseworker", NOW
    )
    assert handover.before == team.worker.id and case.owner_id == team.other.id
    assert (await history(team, case))[-1] == (
        "case_owner",
        {"member": team.worker.id},
        {"member": team.other.id},
    )


@on_module_loop
async def test_a_case_never_goes_to_the_switchboard_and_only_its_owner_or_a_lead_passes_it(
    team: Team,
) -> None:
    case = await logged(team, owner=team.worker)
    with pytest.raises(cases.NotStaff):
        await cases.pass_on(
            team.store, team.id, case.id, team.switchboard.id, team.worker.id, "caseworker", NOW
        )
    with pytest.raises(cases.NotCaseOwner):
        await cases.pass_on(
            team.store, team.id, case.id, team.other.id, team.other.id, "caseworker", NOW
        )
    with pytest.raises(CardUnknown):
        await cases.pass_on(team.store, team.id, case.id, 9999, team.lead.id, "lead", NOW)
    assert case.owner_id == team.worker.id and len(await history(team, case)) == 1
    await cases.pass_on(team.store, team.id, case.id, team.other.id, team.lead.id, "lead", NOW)
    assert case.owner_id == team.other.id


@on_module_loop
async def test_a_closed_case_is_not_passed_on(team: Team) -> None:
    case = await logged(team, owner=team.worker)
    await save(team, case, "closed")
    with pytest.raises(cases.CaseClosed):
        cases.may_pass_on(case, team.worker.id, "caseworker")
    # Nor by a "yes" clicked on a card from before it was closed (the reassign confirmation).
    with pytest.raises(cases.CaseClosed):
        await cases.pass_on(team.store, team.id, case.id, team.other.id, team.lead.id, "lead", NOW)
    assert case.owner_id == team.worker.id


# Reminders


@on_module_loop
async def test_an_overdue_fast_track_talk_is_told_to_the_owner_and_the_leads(team: Team) -> None:
    case = await logged(team, owner=team.worker)
    await save(team, case, "fast_track", request_date="2027-01-04")
    members = await team.store.members.of_team(team.id)
    later = date(2027, 2, 1)  # a Monday, weeks after the Fast-track talk was due
    found = await due_reminders(team.store, team.id, members, later, CALENDAR)
    assert {(r.kind, r.to.id) for r in found} == {
        ("overdue", team.worker.id),
        ("overdue", team.lead.id),
    }
    assert {r.owner for r in found} == {team.worker.name}
    assert await due_reminders(team.store, team.id, members, date(2027, 1, 30), CALENDAR) == []


@on_module_loop
async def test_a_case_whose_owner_left_is_told_to_the_leads_and_a_quiet_one_to_its_owner_too(
    team: Team,
) -> None:
    left = await logged(team, owner=team.other)
    quiet = await logged(team, owner=team.worker)
    members = [(m, ms) for m, ms in await team.store.members.of_team(team.id) if m != team.other]
    found = await unattended(team.store, team.id, members, NOW)
    assert {(n.kind, n.case.id, n.to.id) for n in found} == {("orphaned", left.id, team.lead.id)}
    found = await unattended(team.store, team.id, members, NOW + timedelta(days=1))
    assert {(n.kind, n.case.id, n.to.id) for n in found if n.kind == "stale"} == {
        ("stale", left.id, team.lead.id),
        ("stale", quiet.id, team.worker.id),
        ("stale", quiet.id, team.lead.id),
    }
    assert {n.owner for n in found if n.case is left} == {team.other.name}
