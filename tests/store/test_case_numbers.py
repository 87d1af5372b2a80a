"""A new case's number and first history entry, written in one go (one statement on
PostgreSQL, #17): numbers count up per team without gaps, a rolled-back intake uses none, and
the entry is the case's history as the case card and later reads see it."""

from datetime import UTC, datetime

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from store.audit import Draft
from store.db import unit_of_work
from store.members import RosterEntry
from store.models import Case
from store.store import Store

NOW = datetime(2027, 1, 4, 8, 0, tzinfo=UTC)


async def _team(factory: async_sessionmaker[AsyncSession], teams_id: str) -> tuple[int, int]:
    async with unit_of_work(factory) as session:
        store = Store(session)
        team, _ = await store.teams.install("t", teams_id, "Team", "http://s/", teams_id, NOW)
        member = await store.members.upsert("t", RosterEntry(f"aad-{teams_id}", "29:a", "A"), NOW)
        return team.id, member.id


async def _create(store: Store, team_id: int, member_id: int) -> Case:
    return await store.cases.create(
        team_id,
        NOW,
        history=Draft(member_id, "case_created", None, {"member": member_id}, NOW),
        call_at=NOW,
        logged_by=member_id,
        owner_id=member_id,
        caller="employer",
        topic="risk",
        company="Firma A/S",
    )


async def test_numbers_count_per_team_and_a_rolled_back_intake_uses_none(
    factory: async_sessionmaker[AsyncSession],
) -> None:
    first, anne = await _team(factory, "19:a")
    second, bo = await _team(factory, "19:b")
    with pytest.raises(RuntimeError):
        async with unit_of_work(factory) as session:
            await _create(Store(session), first, anne)
            raise RuntimeError("the turn fails after the case")
    async with unit_of_work(factory) as session:
        store = Store(session)
        numbers = [(await _create(store, first, anne)).number for _ in range(3)]
        other = await _create(store, second, bo)
    assert numbers == [1, 2, 3]
    assert other.number == 1


async def test_the_new_case_is_as_stored_and_its_first_entry_is_its_history(
    factory: async_sessionmaker[AsyncSession],
) -> None:
    team_id, anne = await _team(factory, "19:a")
    async with unit_of_work(factory) as session:
        store = Store(session)
        case = await _create(store, team_id, anne)
        written = await store.audit.written_for(team_id, f"case:{case.id}")
        assert await session.get(Case, case.id) is case  # the session's own copy, no SELECT
        assert (case.company, case.note, case.outcome, case.anonymised) == (
            "Firma A/S",
            "",
            None,
            False,
        )
        case.note = "ringer igen"  # a change made after is saved like any other
    async with unit_of_work(factory) as session:
        store = Store(session)
        stored = await session.get(Case, case.id)
        assert stored is not None and stored.note == "ringer igen" and stored.number == 1
        history = await store.audit.for_subject(team_id, f"case:{case.id}")
    assert [(e.id, e.actor_id, e.action, e.after, e.at) for e in history] == [
        (written[0].id, anne, "case_created", {"member": anne}, NOW)
    ]
