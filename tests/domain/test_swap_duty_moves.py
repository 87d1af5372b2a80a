"""A taken swap moves the rota in one UPDATE while the rota still has who it had when the take
was checked (#17; on PostgreSQL in the take's own statement, with its history); if it changed
in between, the day is read and written again, and the history names who really had it. On
SQLite and on PostgreSQL, whose paths differ."""

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select, update

from domain import swaps
from store.models import Duty, Member, OutboxMessage, SwapRequestRow
from store.outbox import Queued
from store.swaps import TakeSeen
from tests.domain.swaps_store import NOW, TODAY, TUESDAY, WEDNESDAY, Team, team


async def _days_held_by_the_database_only(t: Team) -> None:
    """As in a turn: the rota's rows are not in the session when a swap is taken."""
    await t.store.session.flush()
    for held in list(t.store.session.identity_map.values()):
        if isinstance(held, Duty):
            t.store.session.expunge(held)


def _notice(requester: Member, taker: Member) -> Queued:
    return Queued(
        "swap-taken",
        None,
        "swap_taken",
        f"member:{requester.id}",
        {"text": f"{taker.name} took it"},
    )


async def _notices(t: Team) -> list[tuple[str, int, str]]:
    rows = await t.store.session.scalars(select(OutboxMessage))
    return [(m.key, int(m.recipient.split(":")[1]), m.payload["text"]) for m in rows]


async def _history(t: Team, *days: date) -> list[tuple[str, object, object]]:
    """The days' history as stored (what was pending is written first), in order."""
    entries = [e for d in days for e in await t.store.audit.for_subject(t.id, f"day:{d}")]
    return [(e.action, e.before, e.after) for e in sorted(entries, key=lambda e: e.id)]


async def _duty_history(t: Team, *days: date) -> list[tuple[object, object]]:
    return [(b, a) for action, b, a in await _history(t, *days) if action == "duty"]


async def test_both_days_change_hands_and_the_history_says_from_whom(db_url: str) -> None:
    async with team(db_url) as t:
        await t.hold(WEDNESDAY, t.bo)
        row = await t.anne_asks_for_tuesday(target=t.bo, offered_day=WEDNESDAY)
        await _days_held_by_the_database_only(t)
        taken = await swaps.take(
            t.store, t.id, row.id, t.bo.id, today=TODAY, now=NOW, approval=False, notice=_notice
        )
        assert (await t.holder(TUESDAY), await t.holder(WEDNESDAY)) == (t.bo.id, t.anne.id)
        assert taken.told and await _notices(t) == [("swap-taken", t.anne.id, "Bo took it")]
        assert not await t.store.outbox.queue(_notice(t.anne, t.bo), NOW)  # once per key
        assert await _history(t, TUESDAY, WEDNESDAY) == [
            ("swap_requested", None, {"swap": row.id, "target": t.bo.id}),
            ("duty", {"member": t.anne.id}, {"member": t.bo.id}),
            ("duty", {"member": t.bo.id}, {"member": t.anne.id}),
            ("swap_taken", {"member": t.anne.id}, {"member": t.bo.id}),
        ]


async def _tuesday_asked_for_then(t: Team, meanwhile: Any) -> SwapRequestRow:
    """Anne asks everyone to take Tuesday; `meanwhile` (a statement) runs right after the
    take has read what it checks, as another turn's write would."""
    row = await t.anne_asks_for_tuesday()
    await _days_held_by_the_database_only(t)
    seen_for_take = t.store.swaps.seen_for_take

    async def then_meanwhile(*args: object) -> TakeSeen | None:
        seen = await seen_for_take(*args)  # type: ignore[arg-type]
        await t.store.session.execute(meanwhile(row))
        return seen

    t.store.swaps.seen_for_take = then_meanwhile  # type: ignore[method-assign]
    return row


async def test_a_rota_changed_after_the_check_is_read_again(db_url: str) -> None:
    async with team(db_url) as t:
        row = await _tuesday_asked_for_then(
            t,
            lambda _row: (
                update(Duty)
                .where(Duty.team_id == t.id, Duty.day == TUESDAY)
                .values(member_id=t.karin.id)
            ),
        )
        await swaps.take(t.store, t.id, row.id, t.bo.id, today=TODAY, now=NOW, approval=False)
        assert await t.holder(TUESDAY) == t.bo.id
        assert await _duty_history(t, TUESDAY) == [({"member": t.karin.id}, {"member": t.bo.id})]


async def test_a_take_that_lost_changes_nothing(db_url: str) -> None:
    async with team(db_url) as t:
        row = await _tuesday_asked_for_then(
            t,
            lambda row: (
                update(SwapRequestRow)
                .where(SwapRequestRow.id == row.id)
                .values(taken_by=t.karin.id, taken_at=NOW)
                .execution_options(synchronize_session=False)
            ),
        )
        with pytest.raises(swaps.NotOpenForTaking) as refused:
            await swaps.take(
                t.store, t.id, row.id, t.bo.id, today=TODAY, now=NOW, approval=False, notice=_notice
            )
        assert refused.value.taker == "Karin"
        assert await _notices(t) == []
        assert await t.holder(TUESDAY) == t.anne.id
        assert [a for a, _, _ in await _history(t, TUESDAY)] == ["swap_requested"]
