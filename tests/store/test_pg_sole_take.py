"""Taking a swap on PostgreSQL through the bot's own engine (store/db.py): all or nothing, as
its unit's only write, without BEGIN and COMMIT (#17). A day that changed hands after the take
was checked, even while the take waits for it, is read and written again, and its history
names who really had it; a request taken first is refused and nothing is written."""

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest
from sqlalchemy import TextClause, select, text
from sqlalchemy.ext.asyncio import AsyncEngine

from domain import rota, swaps
from store.db import create_engine, sessions, unit_of_work
from store.members import RosterEntry
from store.models import AuditEntry, Duty, Member, OutboxMessage, SwapRequestRow
from store.outbox import Queued
from store.store import Store
from store.swaps import _take_moving_pg
from tests.domain.swaps_store import CALENDAR, NOW, TODAY, TUESDAY, WEDNESDAY
from tests.store.test_pg_lazy_begin import Sent


@dataclass(frozen=True)
class Asked:
    team: int
    anne: int
    bo: int
    karin: int
    swap: int


def _notice(requester: Member, taker: Member) -> Queued:
    return Queued("swap-taken", None, "swap_taken", f"member:{requester.id}", {"text": "taken"})


async def _asked(engine: AsyncEngine, offered: bool) -> Asked:
    """Anne holds Tuesday and asks everyone to take it (Bo for his Wednesday, if `offered`)."""
    async with unit_of_work(sessions(engine)) as session:
        store = Store(session)
        team, _ = await store.teams.install("t", "19:x", "Team X", "http://s/", "19:x", NOW)
        roster = [RosterEntry(f"aad-{n}", f"29:{n}", n) for n in ("Anne", "Bo", "Karin")]
        await store.members.sync_roster(team, roster, NOW)
        ids = {}
        for member, membership in await store.members.of_team(team.id):
            membership.on_rota, membership.role = True, "caseworker"
            ids[member.name] = member.id
        await store.rota.set(team.id, TUESDAY, ids["Anne"], NOW, kept=False, source="generated")
        await store.rota.set(team.id, WEDNESDAY, ids["Bo"], NOW, kept=False, source="generated")
        row = await swaps.request_swap(
            store,
            team.id,
            ids["Anne"],
            TUESDAY,
            today=TODAY,
            now=NOW,
            calendar=CALENDAR,
            target=await store.members.get(ids["Bo"]) if offered else None,
            offered_day=WEDNESDAY if offered else None,
        )
    return Asked(team.id, ids["Anne"], ids["Bo"], ids["Karin"], row.id)


async def _take(engine: AsyncEngine, asked: Asked) -> swaps.Taken:
    """Bo takes it, in a unit of its own, as a turn does."""
    async with unit_of_work(sessions(engine)) as session:
        return await swaps.take(
            Store(session),
            asked.team,
            asked.swap,
            asked.bo,
            today=TODAY,
            now=NOW,
            approval=False,
            notice=_notice,
        )


async def _state(engine: AsyncEngine, asked: Asked) -> tuple[object, ...]:
    """Who holds Tuesday and Wednesday, the days' duty history, who took the request and how
    many notices are queued."""
    async with unit_of_work(sessions(engine)) as session:
        holders = dict((await session.execute(select(Duty.day, Duty.member_id))).tuples().all())
        history = (
            await session.execute(
                select(AuditEntry.subject, AuditEntry.before, AuditEntry.after)
                .where(AuditEntry.action == "duty")
                .order_by(AuditEntry.id)
            )
        ).all()
        taken_by = await session.scalar(
            select(SwapRequestRow.taken_by).where(SwapRequestRow.id == asked.swap)
        )
        notices = len((await session.scalars(select(OutboxMessage.id))).all())
    return (
        holders[TUESDAY],
        holders[WEDNESDAY],
        [(s, b, a) for s, b, a in history],
        taken_by,
        notices,
    )


@pytest.fixture
async def engine(pg_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(pg_url)
    yield engine
    await engine.dispose()


@pytest.mark.parametrize("offered", [False, True])
async def test_a_take_is_one_statement_without_begin_or_commit(
    engine: AsyncEngine, offered: bool
) -> None:
    asked = await _asked(engine, offered)
    await engine.dispose()  # new connections from here on, each seen by Sent
    sent = Sent(engine)
    taken = await _take(engine, asked)
    assert sent.control() == []
    assert taken.told and taken.request.taken_by == asked.bo
    a, b = asked.anne, asked.bo
    tuesday = ("day:" + TUESDAY.isoformat(), {"member": a}, {"member": b})
    wednesday = ("day:" + WEDNESDAY.isoformat(), {"member": b}, {"member": a})
    assert await _state(engine, asked) == (
        b,
        a if offered else b,
        [tuesday, wednesday] if offered else [tuesday],
        b,
        1,
    )


async def test_a_day_changed_while_the_take_waits_for_it_is_written_again(
    engine: AsyncEngine, pg_url: str
) -> None:
    """Karin gets Tuesday in a transaction that is still open when Bo's take has checked the
    rota and runs: the take waits for Tuesday's row, then finds Karin on it."""
    asked = await _asked(engine, offered=False)
    karin_on_tuesday = _duty("UPDATE duties SET member_id = :k WHERE day = :d", k=asked.karin)
    await _take_during(engine, pg_url, asked, karin_on_tuesday)
    k, b = asked.karin, asked.bo
    assert await _state(engine, asked) == (
        b,
        b,
        [("day:" + TUESDAY.isoformat(), {"member": k}, {"member": b})],
        b,
        1,
    )


async def _until_waiting_for_a_lock(conn: object) -> None:
    query = text(
        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
        "AND datname = current_database()"
    )
    for _ in range(500):
        async with conn.engine.connect() as probe:  # type: ignore[attr-defined]
            if await probe.scalar(query):
                return
        await asyncio.sleep(0.01)
    raise AssertionError("the take never waited for Tuesday's row")


Change = tuple[TextClause, dict[str, object]]


def _duty(sql: str, **values: object) -> Change:
    return text(sql), {"d": TUESDAY, **values}


async def _take_during(
    engine: AsyncEngine, url: str, asked: Asked, first: Change, then: Change | None = None
) -> swaps.Taken:
    """Bo takes the request while another transaction has run `first` and holds its locks:
    once the take waits for them, that transaction runs `then` and commits."""
    other = create_engine(url)
    try:
        async with other.connect() as change:
            await change.execute(*first)
            take = asyncio.create_task(_take(engine, asked))
            await _until_waiting_for_a_lock(change)
            if then is not None:
                await change.execute(*then)
            await change.commit()
        return await take
    finally:
        await other.dispose()


async def test_a_request_taken_first_is_refused_and_nothing_is_written(
    engine: AsyncEngine,
) -> None:
    asked = await _asked(engine, offered=False)
    async with unit_of_work(sessions(engine)) as session:
        row = await session.get(SwapRequestRow, asked.swap)
        assert row is not None
        row.taken_by, row.taken_at = asked.karin, NOW
    with pytest.raises(swaps.NotOpenForTaking):
        await _take(engine, asked)
    a = asked.anne
    assert await _state(engine, asked) == (a, asked.bo, [], asked.karin, 0)


async def test_an_unassigned_day_is_taken_as_one_statement_too(engine: AsyncEngine) -> None:
    asked = await _asked(engine, offered=False)
    async with engine.begin() as conn:
        await conn.execute(*_duty("UPDATE duties SET member_id = NULL WHERE day = :d"))
    await engine.dispose()
    sent = Sent(engine)
    await _take(engine, asked)
    assert sent.control() == []
    b = asked.bo
    tuesday = ("day:" + TUESDAY.isoformat(), {"member": None}, {"member": b})
    assert await _state(engine, asked) == (b, b, [tuesday], b, 1)


async def test_a_day_deleted_while_the_take_waits_for_it_is_written_again(
    engine: AsyncEngine, pg_url: str
) -> None:
    asked = await _asked(engine, offered=False)
    await _take_during(engine, pg_url, asked, _duty("DELETE FROM duties WHERE day = :d"))
    b = asked.bo
    tuesday = ("day:" + TUESDAY.isoformat(), {"member": None}, {"member": b})
    assert await _state(engine, asked) == (b, b, [tuesday], b, 1)


async def test_a_take_waiting_on_another_take_of_the_request_is_refused_not_deadlocked(
    engine: AsyncEngine, pg_url: str
) -> None:
    """Karin's take (the fallback's order: the request, then the day) holds the request's row
    when Bo's take runs; it waits for that row before any day's, so Karin can still write
    Tuesday, and Bo is told it is taken (an independent review found a deadlock here when the
    days were locked first)."""
    asked = await _asked(engine, offered=False)
    karin_takes = (
        text("UPDATE swap_requests SET taken_by = :k, taken_at = now() WHERE id = :s"),
        {"k": asked.karin, "s": asked.swap},
    )
    karin_on_tuesday = _duty("UPDATE duties SET member_id = :k WHERE day = :d", k=asked.karin)
    with pytest.raises(swaps.NotOpenForTaking):
        await _take_during(engine, pg_url, asked, karin_takes, karin_on_tuesday)
    k = asked.karin
    assert await _state(engine, asked) == (k, asked.bo, [], k, 0)


def test_the_take_statement_is_built_once() -> None:
    """Building it costs about a millisecond of the event loop (an independent review found
    the cache on the wrong function)."""
    assert _take_moving_pg(2, True, sole=True) is _take_moving_pg(2, True, sole=True)


async def test_a_lead_giving_the_day_away_meanwhile_is_not_overwritten_nor_overwrites(
    engine: AsyncEngine,
) -> None:
    """Lis gives Tuesday to Karin while Bo takes Anne's request for it: the take waits for
    her, and then moves the day from Karin, whom the history names (an independent review
    found the lead's write overwriting the take's, naming Anne)."""
    asked = await _asked(engine, offered=False)
    async with unit_of_work(sessions(engine)) as session:
        store = Store(session)
        karin = await store.members.get(asked.karin)
        assert karin is not None
        days = rota.Days(CALENDAR, TODAY, NOW, 8)
        await rota.set_duty(store, asked.team, days, TUESDAY, karin, None)
        take = asyncio.create_task(_take(engine, asked))
        await asyncio.sleep(0.3)  # the take waits for Tuesday's row, locked by Lis's unit
        assert not take.done()
    await take
    a, b, k = asked.anne, asked.bo, asked.karin
    day = "day:" + TUESDAY.isoformat()
    state = await _state(engine, asked)
    assert state == (
        b,
        b,
        [(day, {"member": a}, {"member": k}), (day, {"member": k}, {"member": b})],
        b,
        1,
    )
