"""Roles and the rota's people (domain/members.py) against an in-memory store."""

from datetime import timedelta

import pytest

from domain import members
from domain.errors import Refused
from domain.rota import plan
from tests.domain.members_store import DAYS, MONDAY, holders, memory_store, team_of

PEOPLE = {"Anne": "lead", "Bo": "caseworker", "Camilla": "caseworker"}
LAST = MONDAY + timedelta(weeks=4)


async def _role(store, team_id: int, member_id: int) -> str:  # type: ignore[no-untyped-def]
    ms = await store.members.membership(team_id, member_id)
    assert ms is not None
    return str(ms.role)


async def test_the_last_lead_stays_a_lead_and_nothing_changes() -> None:
    async with memory_store() as store:
        team_id, people = await team_of(store, PEOPLE, on_rota=("Anne", "Bo"))
        with pytest.raises(members.LastLead) as refused:
            await members.set_role(store, team_id, people["Anne"], "switchboard", None, DAYS)
        assert refused.value.key == "last_lead" and refused.value.values == {"name": "Anne"}
        assert await _role(store, team_id, people["Anne"].id) == "lead"
        ms = await store.members.membership(team_id, people["Anne"].id)
        assert ms is not None and ms.on_rota


async def test_a_lead_may_step_down_when_another_leads() -> None:
    async with memory_store() as store:
        team_id, people = await team_of(store, {**PEOPLE, "Bo": "lead"})
        await members.set_role(store, team_id, people["Anne"], "caseworker", 1, DAYS)
        assert await _role(store, team_id, people["Anne"].id) == "caseworker"


async def test_made_switchboard_leaves_the_rota_and_the_coming_days_are_planned_again() -> None:
    async with memory_store() as store:
        team_id, people = await team_of(store, PEOPLE, on_rota=("Anne", "Bo", "Camilla"))
        await plan(store, team_id, DAYS, MONDAY, LAST)
        bo = people["Bo"].id
        assert bo in (await holders(store, team_id, MONDAY, LAST)).values()
        await members.set_role(store, team_id, people["Bo"], "switchboard", None, DAYS)
        after = await holders(store, team_id, MONDAY, LAST)
        assert bo not in after.values() and None not in after.values()
        ms = await store.members.membership(team_id, bo)
        assert ms is not None and not ms.on_rota and ms.role == "switchboard"


async def test_rota_membership_replans_and_the_switchboard_is_never_on_it() -> None:
    async with memory_store() as store:
        team_id, people = await team_of(
            store, {**PEOPLE, "Dorte": "switchboard"}, on_rota=("Anne",)
        )
        await plan(store, team_id, DAYS, MONDAY, LAST)
        assert set((await holders(store, team_id, MONDAY, LAST)).values()) == {people["Anne"].id}
        await members.set_on_rota(store, team_id, people["Bo"], True, None, DAYS)
        after = set((await holders(store, team_id, MONDAY, LAST)).values())
        assert after == {people["Anne"].id, people["Bo"].id}
        with pytest.raises(members.SwitchboardOffRota):
            await members.set_on_rota(store, team_id, people["Dorte"], True, None, DAYS)


async def test_workdays_replan_those_on_the_rota() -> None:
    async with memory_store() as store:
        team_id, people = await team_of(store, PEOPLE, on_rota=("Anne", "Bo"))
        await plan(store, team_id, DAYS, MONDAY, LAST)
        await members.set_workdays(store, team_id, people["Bo"], frozenset({0}), None, DAYS)
        for day, holder in (await holders(store, team_id, MONDAY, LAST)).items():
            assert holder == people["Anne"].id or day.weekday() == 0, day


async def test_setup_needs_a_lead_and_demotes_leads_left_out() -> None:
    async with memory_store() as store:
        team_id, people = await team_of(store, PEOPLE)
        with pytest.raises(Refused) as refused:
            await members.set_rota_and_leads(store, team_id, {people["Bo"].id}, set(), 1, DAYS)
        assert refused.value.key == "setup_need_lead"
        ms = await store.members.membership(team_id, people["Bo"].id)
        assert ms is not None and not ms.on_rota  # refused before anything changed
        rota, leads = {people["Bo"].id}, {people["Camilla"].id}
        await members.set_rota_and_leads(store, team_id, rota, leads, 1, DAYS)
        assert await _role(store, team_id, people["Anne"].id) == "caseworker"
        assert await _role(store, team_id, people["Camilla"].id) == "lead"
        assert set((await holders(store, team_id, MONDAY, LAST)).values()) == {people["Bo"].id}
