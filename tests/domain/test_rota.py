"""Planning and a lead's edits of the rota (domain/rota.py) against an in-memory store."""

from datetime import date, timedelta

import pytest

from domain import rota
from domain.rota import BadRange, NotOnRota, NotWorkingDay
from tests.domain.members_store import DAYS, MONDAY, NOW, holders, memory_store, team_of

PEOPLE = {"Anne": "lead", "Bo": "caseworker", "Camilla": "caseworker"}


@pytest.mark.parametrize(
    ("first", "last", "key"),
    [
        (date(2027, 2, 1), date(2027, 1, 1), "range_backwards"),
        (date(2027, 1, 1), date(2030, 1, 1), "range_too_long"),
        (date(2026, 12, 1), date(2026, 12, 31), "range_past"),
    ],
)
def test_a_range_a_lead_may_not_plan(first: date, last: date, key: str) -> None:
    with pytest.raises(BadRange) as refused:
        rota.check_range(first, last, MONDAY)
    assert refused.value.key == key


async def test_generate_fills_working_days_and_keeps_days_set_by_hand() -> None:
    async with memory_store() as store:
        team_id, people = await team_of(store, PEOPLE, on_rota=("Anne", "Bo"))
        first, last = date(2027, 12, 20), date(2027, 12, 31)
        await rota.set_duty(store, team_id, DAYS, date(2027, 12, 21), people["Bo"], 1)
        changes = await rota.generate_range(store, team_id, DAYS, first, last, None)
        held = await holders(store, team_id, first, last)
        assert date(2027, 12, 24) not in held and date(2027, 12, 25) not in held
        assert held[date(2027, 12, 21)] == people["Bo"].id
        assert len(changes) == len(held) - 1 and None not in held.values()
        again = await rota.generate_range(store, team_id, DAYS, first, last, None)
        assert again == []  # the same people plan the same way


async def test_set_duty_refuses_a_closed_day_and_someone_off_the_rota() -> None:
    async with memory_store() as store:
        team_id, people = await team_of(store, PEOPLE, on_rota=("Anne",))
        with pytest.raises(NotWorkingDay):
            await rota.set_duty(store, team_id, DAYS, date(2027, 1, 9), people["Anne"], 1)
        with pytest.raises(NotOnRota):
            await rota.set_duty(store, team_id, DAYS, MONDAY, people["Bo"], 1)
        assert await holders(store, team_id, MONDAY, MONDAY) == {}


async def test_able_to_hold_leaves_out_the_away_and_those_off_that_weekday() -> None:
    async with memory_store() as store:
        team_id, people = await team_of(store, PEOPLE, on_rota=("Anne", "Bo", "Camilla"))
        store.rota.add_absence(team_id, people["Bo"].id, MONDAY, MONDAY, "vacation", None, NOW)
        ms = await store.members.membership(team_id, people["Camilla"].id)
        assert ms is not None
        store.members.change(ms, "workdays", "1,2,3,4")
        everyone = await store.members.of_team(team_id)
        able = await rota.able_to_hold(store, team_id, MONDAY, everyone)
        assert [m.name for m in able] == ["Anne"]


async def test_replanning_ahead_leaves_a_day_whose_holder_was_told() -> None:
    async with memory_store() as store:
        team_id, people = await team_of(store, PEOPLE, on_rota=("Anne", "Bo"))
        await rota.plan(store, team_id, DAYS, MONDAY, DAYS.horizon)
        told = (await holders(store, team_id, MONDAY, MONDAY))[MONDAY]
        key = rota.morning_key(team_id, MONDAY)
        await store.outbox.enqueue(key, team_id, "announce", "channel:x", {"text": "-"}, NOW)
        gone = people["Anne"] if told == people["Anne"].id else people["Bo"]
        ms = await store.members.membership(team_id, gone.id)
        assert ms is not None
        store.members.change(ms, "on_rota", False)
        await rota.replan_ahead(store, team_id, DAYS, None)
        after = await holders(store, team_id, MONDAY, DAYS.horizon)
        assert after[MONDAY] == told
        assert gone.id not in {h for d, h in after.items() if d > MONDAY}
        assert max(after) <= MONDAY + timedelta(weeks=4)
