"""The rota's Core reads (what `vagt`, `vagtplan` and the lists show) on SQLite and PostgreSQL:
the same answers the domain's rules give over ORM rows."""

import itertools
from datetime import UTC, date, datetime, timedelta

import pytest

from domain.rota import takes_turns
from store.db import unit_of_work
from store.members import RosterEntry
from store.models import Membership
from store.rota import Person, PlannedDay
from store.store import Store

NOW = datetime(2027, 1, 4, 8, 0, tzinfo=UTC)
MONDAY = date(2027, 1, 4)


async def _team(store: Store, names: list[str]) -> tuple[int, list[int]]:
    team, _ = await store.teams.install("t", "19:x", "Team X", "http://s/", "19:x", NOW)
    ids = []
    for n, name in enumerate(names):
        member = await store.members.add("t", RosterEntry(f"aad{n}", f"29:{n}", name), NOW)
        ms = await store.members.join(team, member, "caseworker", NOW)
        ms.on_rota = True
        ids.append(member.id)
    return team.id, ids


async def test_anyone_on_rota_is_the_domains_rule(factory) -> None:  # type: ignore[no-untyped-def]
    async with unit_of_work(factory) as session:
        store = Store(session)
        team_id, (anne,) = await _team(store, ["Anne"])
    roles = ("lead", "caseworker", "switchboard")
    for role, on_rota, in_roster in itertools.product(roles, (False, True), (False, True)):
        with pytest.raises(_Undo):
            async with unit_of_work(factory) as session:
                store = Store(session)
                ms = await session.get_one(Membership, (team_id, anne))
                ms.role, ms.on_rota, ms.in_roster = role, on_rota, in_roster
                await session.flush()
                expected = takes_turns(ms)
                # Without a planned day (a second query) and with one (the listing's column).
                empty = await store.rota.listing(team_id, MONDAY, MONDAY + timedelta(days=4))
                assert empty.anyone_on_rota is expected and not empty.days
                await store.rota.set(team_id, MONDAY, anne, NOW, kept=False, source="generated")
                planned = await store.rota.listing(team_id, MONDAY, MONDAY + timedelta(days=4))
                assert planned.anyone_on_rota is expected, (role, on_rota, in_roster)
                raise _Undo


class _Undo(Exception):
    """Rolls a combination back."""


async def test_planned_days_name_the_holder_and_the_kind_of_their_absence(factory) -> None:  # type: ignore[no-untyped-def]
    tue, wed, thu, fri = (MONDAY + timedelta(days=n) for n in range(1, 5))
    async with unit_of_work(factory) as session:
        store = Store(session)
        team_id, (anne, bo) = await _team(store, ["Anne", "Bo"])
        for day, who in ((MONDAY, anne), (tue, bo), (wed, anne), (thu, None), (fri, anne)):
            await store.rota.set(team_id, day, who, NOW, kept=False, source="generated")
        store.rota.add_absence(team_id, anne, wed, wed, "vacation", None, NOW)
        store.rota.add_absence(team_id, anne, wed, fri, "sick", None, NOW)  # stored second
        cancelled = await store.rota.new_absence(team_id, anne, MONDAY, MONDAY, "sick", None, NOW)
        await store.rota.cancel_absence(cancelled.id)
        store.rota.add_absence(team_id, bo, MONDAY, MONDAY, "course", None, NOW)  # not holding
        await session.flush()
        planned = await store.rota.planned_between(team_id, MONDAY, fri)
        assert list(planned.values()) == [
            PlannedDay(MONDAY, Person(anne, "Anne"), None),
            PlannedDay(tue, Person(bo, "Bo"), None),
            PlannedDay(wed, Person(anne, "Anne"), "vacation"),
            PlannedDay(thu, None, None),
            PlannedDay(fri, Person(anne, "Anne"), "sick"),
        ]
        some = await store.rota.planned(team_id, [fri, wed, fri, MONDAY + timedelta(days=7)])
        assert some == {wed: planned[wed], fri: planned[fri]}
        # One or two days (what `vagt` asks) take the statement with two fixed parameters.
        assert await store.rota.planned(team_id, [wed, tue]) == {d: planned[d] for d in (tue, wed)}
        assert await store.rota.planned(team_id, [fri, fri]) == {fri: planned[fri]}
        next_week = MONDAY + timedelta(days=7)
        assert await store.rota.planned(team_id, [next_week, thu]) == {thu: planned[thu]}
        assert await store.rota.planned(team_id, []) == {}
        listing = await store.rota.listing(team_id, tue, thu)
        assert listing.anyone_on_rota
        assert listing.days == {d: planned[d] for d in (tue, wed, thu)}
        between = await store.rota.between(team_id, MONDAY, fri)
        assert [(d, r.member_id, r.kept) for d, r in between.items()] == [
            (MONDAY, anne, False),
            (tue, bo, False),
            (wed, anne, False),
            (thu, None, False),
            (fri, anne, False),
        ]
