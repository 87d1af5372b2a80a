"""The swap rules against the store, without a chat: who may ask, take, decline, withdraw and
approve, and what the rota becomes."""

from datetime import timedelta

import pytest
from sqlalchemy import update

from domain import swaps
from domain.absences import register
from domain.errors import CardUnknown, NotAllowed
from store.audit import PENDING
from store.models import SwapRequestRow
from tests.domain.swaps_store import CALENDAR, NOW, TODAY, TUESDAY, WEDNESDAY, Team, team

SATURDAY = TODAY + timedelta(days=5)


async def _take(t: Team, row: SwapRequestRow, taker_id: int, approval: bool = False) -> swaps.Taken:
    return await swaps.take(
        t.store, t.id, row.id, taker_id, today=TODAY, now=NOW, approval=approval
    )


def _history(t: Team) -> list[str]:
    """What the audit log will get when the transaction commits."""
    return [entry["action"] for entry in t.store.session.info.get(PENDING, [])]


async def test_only_your_own_coming_working_day_can_be_offered() -> None:
    async with team() as t:
        await t.hold(TUESDAY, t.bo)
        ask = swaps.request_swap
        with pytest.raises(swaps.NotYourDuty):
            await ask(t.store, t.id, t.anne.id, TUESDAY, today=TODAY, now=NOW, calendar=CALENDAR)
        with pytest.raises(swaps.PastDay):
            await ask(
                t.store, t.id, t.anne.id, TODAY - timedelta(days=1),
                today=TODAY, now=NOW, calendar=CALENDAR,
            )  # fmt: skip
        with pytest.raises(swaps.NotWorkingDay) as weekend:
            await ask(t.store, t.id, t.anne.id, SATURDAY, today=TODAY, now=NOW, calendar=CALENDAR)
        assert weekend.value.key == "swap_not_working_day"
        assert weekend.value.values == {"day": SATURDAY}
        assert _history(t) == []


async def test_a_day_is_offered_once_and_a_day_back_must_be_theirs() -> None:
    async with team() as t:
        with pytest.raises(swaps.NotTheirDuty):
            await t.anne_asks_for_tuesday(target=t.bo, offered_day=WEDNESDAY)
        await t.anne_asks_for_tuesday()
        with pytest.raises(swaps.AlreadyRequested):
            await t.anne_asks_for_tuesday()
        assert _history(t) == ["swap_requested"]


async def test_take_twice_the_second_is_not_open_for_taking() -> None:
    async with team() as t:
        row = await t.anne_asks_for_tuesday()
        taken = await _take(t, row, t.bo.id)
        assert not taken.awaiting_approval and taken.request.taken_by == t.bo.id
        assert await t.holder(TUESDAY) == t.bo.id
        with pytest.raises(swaps.NotOpenForTaking) as late:
            await _take(t, row, t.karin.id)
        assert (late.value.state, late.value.taker) == ("taken", "Bo")
        assert await t.holder(TUESDAY) == t.bo.id
        assert _history(t) == ["swap_requested", "duty", "swap_taken"]


async def test_of_two_takers_at_once_the_conditional_update_picks_one() -> None:
    async with team() as t:
        row = await t.anne_asks_for_tuesday()
        # Bo's take lands between Karin's read of the open request and her update.
        await t.store.session.execute(
            update(SwapRequestRow)
            .where(SwapRequestRow.id == row.id)
            .values(taken_by=t.bo.id, taken_at=NOW)
            .execution_options(synchronize_session=False)
        )
        with pytest.raises(swaps.NotOpenForTaking) as late:
            await _take(t, row, t.karin.id)
        assert late.value.taker == "Bo"
        assert await t.holder(TUESDAY) == t.anne.id


async def test_who_may_take_a_request() -> None:
    async with team() as t:
        row = await t.anne_asks_for_tuesday(target=t.bo)
        with pytest.raises(swaps.OwnRequest):
            await _take(t, row, t.anne.id)
        with pytest.raises(swaps.NotForYou):
            await _take(t, row, t.karin.id)
        await register(
            t.store, t.id, t.bo.id, TUESDAY, TUESDAY, "course",
            actor_id=t.bo.id, actor_role="caseworker", today=TODAY, now=NOW,
        )  # fmt: skip
        with pytest.raises(swaps.NotAvailableThatDay):
            await _take(t, row, t.bo.id)
        with pytest.raises(CardUnknown):
            await swaps.take(
                t.store, t.id + 1, row.id, t.bo.id, today=TODAY, now=NOW, approval=False
            )
        assert await t.holder(TUESDAY) == t.anne.id


async def test_a_day_offered_back_changes_hands_too() -> None:
    async with team() as t:
        await t.hold(WEDNESDAY, t.bo)
        row = await t.anne_asks_for_tuesday(target=t.bo, offered_day=WEDNESDAY)
        await _take(t, row, t.bo.id)
        assert (await t.holder(TUESDAY), await t.holder(WEDNESDAY)) == (t.bo.id, t.anne.id)


async def test_declined_or_withdrawn_requests_cannot_be_taken() -> None:
    async with team() as t:
        row = await t.anne_asks_for_tuesday(target=t.bo)
        with pytest.raises(swaps.NotForYou):
            await swaps.decline(t.store, t.id, row.id, t.karin.id, today=TODAY, now=NOW)
        with pytest.raises(swaps.NotForYou):
            await swaps.withdraw(t.store, t.id, row.id, t.bo.id, today=TODAY, now=NOW)
        await swaps.decline(t.store, t.id, row.id, t.bo.id, today=TODAY, now=NOW)
        with pytest.raises(swaps.NotOpenForTaking) as late:
            await _take(t, row, t.bo.id)
        assert (late.value.state, late.value.taker) == ("declined", None)
        with pytest.raises(swaps.NotOpenForTaking):
            await swaps.withdraw(t.store, t.id, row.id, t.anne.id, today=TODAY, now=NOW)


async def test_with_approval_the_rota_changes_when_a_lead_approves() -> None:
    async with team() as t:
        row = await t.anne_asks_for_tuesday()
        taken = await _take(t, row, t.bo.id, approval=True)
        assert taken.awaiting_approval and await t.holder(TUESDAY) == t.anne.id
        with pytest.raises(swaps.NotOpenForTaking) as late:
            await _take(t, row, t.karin.id, approval=True)
        assert late.value.state == "awaiting_approval"
        decide = swaps.decide
        with pytest.raises(NotAllowed):
            await decide(t.store, t.id, row.id, t.bo.id, "caseworker", True, today=TODAY, now=NOW)
        done = await decide(t.store, t.id, row.id, t.lead.id, "lead", True, today=TODAY, now=NOW)
        assert done.approved and done.taker.id == t.bo.id
        assert await t.holder(TUESDAY) == t.bo.id
        with pytest.raises(swaps.NotOpenForTaking):
            await decide(t.store, t.id, row.id, t.lead.id, "lead", False, today=TODAY, now=NOW)
        assert _history(t)[-3:] == ["swap_approved", "duty", "swap_taken"]


async def test_a_rejected_swap_is_open_again() -> None:
    async with team() as t:
        row = await t.anne_asks_for_tuesday()
        await _take(t, row, t.bo.id, approval=True)
        done = await swaps.decide(
            t.store, t.id, row.id, t.lead.id, "lead", False, today=TODAY, now=NOW
        )
        assert not done.approved and await t.holder(TUESDAY) == t.anne.id
        taken = await _take(t, row, t.karin.id)
        assert await t.holder(TUESDAY) == t.karin.id and taken.taker.name == "Karin"


async def test_expired_requests_are_logged_once() -> None:
    async with team() as t:
        await t.anne_asks_for_tuesday()
        later = TUESDAY + timedelta(days=1)
        await swaps.log_expired(t.store, t.id, later, NOW)
        await swaps.log_expired(t.store, t.id, later, NOW)
        assert (_history(t)).count("swap_expired") == 1
