"""A taken swap moves the rota in one UPDATE while the rota still has who it had when the take
was checked (#17); if it changed in between, the day is read and written again, and the
history names who really had it."""

from datetime import timedelta

from sqlalchemy import update

from domain import swaps
from store.audit import PENDING
from store.models import Duty
from store.swaps import TakeSeen
from tests.domain.swaps_store import CALENDAR, NOW, TODAY, Team, team

TUESDAY = TODAY + timedelta(days=1)
WEDNESDAY = TODAY + timedelta(days=2)


async def _days_held_by_the_database_only(t: Team) -> None:
    """As in a turn: the rota's rows are not in the session when a swap is taken."""
    await t.store.session.flush()
    for held in list(t.store.session.identity_map.values()):
        if isinstance(held, Duty):
            t.store.session.expunge(held)


def _duty_history(t: Team) -> list[tuple[object, object]]:
    entries = t.store.session.info.get(PENDING, [])
    return [(e["before"], e["after"]) for e in entries if e["action"] == "duty"]


async def test_both_days_change_hands_and_the_history_says_from_whom() -> None:
    async with team() as t:
        await t.hold(TUESDAY, t.anne)
        await t.hold(WEDNESDAY, t.bo)
        row = await swaps.request_swap(
            t.store,
            t.id,
            t.anne.id,
            TUESDAY,
            today=TODAY,
            now=NOW,
            calendar=CALENDAR,
            target=t.bo,
            offered_day=WEDNESDAY,
        )
        await _days_held_by_the_database_only(t)
        await swaps.take(t.store, t.id, row.id, t.bo.id, today=TODAY, now=NOW, approval=False)
        assert (await t.holder(TUESDAY), await t.holder(WEDNESDAY)) == (t.bo.id, t.anne.id)
        assert _duty_history(t) == [
            ({"member": t.anne.id}, {"member": t.bo.id}),
            ({"member": t.bo.id}, {"member": t.anne.id}),
        ]


async def test_a_rota_changed_after_the_check_is_read_again() -> None:
    async with team() as t:
        await t.hold(TUESDAY, t.anne)
        row = await swaps.request_swap(
            t.store, t.id, t.anne.id, TUESDAY, today=TODAY, now=NOW, calendar=CALENDAR
        )
        await _days_held_by_the_database_only(t)
        seen_for_take = t.store.swaps.seen_for_take

        async def then_a_lead_gives_the_day_to_karin(*args: object) -> TakeSeen | None:
            seen = await seen_for_take(*args)  # type: ignore[arg-type]
            await t.store.session.execute(
                update(Duty)
                .where(Duty.team_id == t.id, Duty.day == TUESDAY)
                .values(member_id=t.karin.id)
            )
            return seen

        t.store.swaps.seen_for_take = then_a_lead_gives_the_day_to_karin  # type: ignore[method-assign]
        await swaps.take(t.store, t.id, row.id, t.bo.id, today=TODAY, now=NOW, approval=False)
        assert await t.holder(TUESDAY) == t.bo.id
        assert _duty_history(t) == [({"member": t.karin.id}, {"member": t.bo.id})]
