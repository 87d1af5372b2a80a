"""`hotline-bot privacy export` and `erase`: a data subject's request, run by an operator."""

import json

from sqlalchemy import select

from store.db import create_engine, sessions, unit_of_work
from store.models import AuditEntry, Case, OutboxMessage
from tests.e2e.flows import setup
from tests.e2e.people import ANNE, BO, CAMILLA, LIS
from tests.e2e.teams import teams_session
from tests.test_cli_rota import run


async def two_cases_one_passed_on(url: str) -> None:
    from tests.e2e.test_cases import log_case

    async with teams_session(url) as teams:
        await teams.at("2027-01-04 07:00")
        await setup(teams, on_rota=(ANNE, BO, CAMILLA))
        await teams.at("2027-01-04 10:00")
        await log_case(teams, LIS, "2027-01-04 09:00", employee="Jens Hansen")
        await log_case(teams, LIS, "2027-01-04 09:30", employee="Mette Sørensen")
        # Passing it on queues the case card, with the employee's name, in the outbox.
        await teams.say(teams.personal(LIS, "overdrag 1 til Dorte"))


async def rows(url: str) -> tuple[list[Case], list[OutboxMessage], list[AuditEntry]]:
    engine = create_engine(url)
    async with unit_of_work(sessions(engine)) as session:
        cases = list(await session.scalars(select(Case).order_by(Case.number)))
        outbox = list(await session.scalars(select(OutboxMessage)))
        audit = list(await session.scalars(select(AuditEntry).order_by(AuditEntry.id)))
        for row in (*cases, *outbox, *audit):
            session.expunge(row)
    await engine.dispose()
    return cases, outbox, audit


async def test_export_prints_every_case_about_the_employee_and_is_audited(
    sqlite_url: str,
) -> None:
    await two_cases_one_passed_on(sqlite_url)
    shown = run(
        sqlite_url, "privacy", "export", "--employee", " jens  HANSEN", "--operator", "it-1"
    )
    assert shown.returncode == 0, shown.stderr
    found = json.loads(shown.stdout)
    [case] = found["cases"]
    assert (case["number"], case["employee"], case["company"]) == (1, "Jens Hansen", INTAKE_CO)
    assert case["note"] and case["contact_phone"] == "70 11 22 33" and case["team"]
    assert {m["kind"] for m in case["messages"]} >= {"case_card", "case_owner"}
    assert [h["action"] for h in case["history"]][:1] == ["case_created"]
    _, _, audit = await rows(sqlite_url)
    exports = [e for e in audit if e.action == "privacy_export"]
    assert {e.subject for e in exports} == {f"case:{case['id']}", "data_subject"}
    assert all(e.after and e.after["operator"] == "it-1" for e in exports)
    assert "Jens Hansen" not in json.dumps([e.after for e in audit])


async def test_erase_asks_first_then_wipes_the_cases_and_their_outbox_copies(
    sqlite_url: str,
) -> None:
    await two_cases_one_passed_on(sqlite_url)
    missing = run(sqlite_url, "privacy", "erase", "--employee", "Jens Hansen")
    assert missing.returncode == 2 and "--operator" in missing.stderr
    asked = run(sqlite_url, "privacy", "erase", "--employee", "jens hansen", "--operator", "it-1")
    assert asked.returncode == 0 and "would erase 1 case(s)" in asked.stdout
    cases, outbox, _ = await rows(sqlite_url)
    assert cases[0].employee == "Jens Hansen" and any(m.kind == "case_card" for m in outbox)
    done = run(
        sqlite_url, "privacy", "erase", "--employee", "jens hansen", "--operator", "it-1", "--yes"
    )
    assert done.returncode == 0, done.stderr
    assert "erased 1 case(s)" in done.stdout
    cases, outbox, audit = await rows(sqlite_url)
    first, second = cases
    assert first.anonymised and (first.employee, first.note, first.company) == ("", "", "")
    assert first.outcome is None and first.topic  # the figures stay
    assert second.employee == "Mette Sørensen" and second.note  # someone else's case
    assert not [m for m in outbox if m.kind.startswith("case_")]
    assert "Jens Hansen" not in json.dumps([m.payload for m in outbox])
    erased = [e for e in audit if e.action == "privacy_erase"]
    assert {e.subject for e in erased} == {f"case:{first.id}", "data_subject"}
    again = run(sqlite_url, "privacy", "erase", "--employee", "Jens Hansen", "--operator", "x")
    assert "nothing to erase" in again.stdout


async def test_a_staff_member_can_have_their_own_data(sqlite_url: str) -> None:
    await two_cases_one_passed_on(sqlite_url)
    shown = run(
        sqlite_url, "privacy", "export", "--member", "DORTE@kommune.dk", "--operator", "it-1"
    )
    assert shown.returncode == 0, shown.stderr
    found = json.loads(shown.stdout)
    assert found["member"]["name"] == "Dorte Lund"
    assert found["cases_owned"] == [{"team": found["teams"][0]["team"], "number": 1}]
    unknown = run(sqlite_url, "privacy", "export", "--member", "x@y.dk", "--operator", "it-1")
    assert unknown.returncode == 2 and "no member" in unknown.stderr


INTAKE_CO = "Tømrer Hansen ApS"
