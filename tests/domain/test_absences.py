"""Absences against the store: the range rules, who may register and cancel one, and the duty
days it offers for swapping; and same-day cover."""

from datetime import timedelta

import pytest

from domain import absences, cover
from domain.errors import CardUnknown, NotAllowed
from domain.swaps import absence_reason
from store.audit import PENDING
from tests.domain.swaps_store import NOW, TODAY, Team, team

TUESDAY = TODAY + timedelta(days=1)
FRIDAY = TODAY + timedelta(days=4)


async def _away(t: Team, first=TUESDAY, last=FRIDAY, by=None, role="caseworker"):  # type: ignore[no-untyped-def]
    return await absences.register(
        t.store, t.id, t.anne.id, first, last, "vacation",
        actor_id=(by or t.anne).id, actor_role=role, today=TODAY, now=NOW,
    )  # fmt: skip


def _history(t: Team) -> list[str]:
    return [entry["action"] for entry in t.store.session.info.get(PENDING, [])]


@pytest.mark.parametrize(
    ("first", "last", "refusal"),
    [
        (FRIDAY, TUESDAY, absences.RangeBackwards),
        (TUESDAY, TUESDAY + timedelta(days=367), absences.TooLong),
        (TODAY - timedelta(days=5), TODAY - timedelta(days=1), absences.InThePast),
    ],
)
async def test_ranges_refused_before_anything_is_stored(first, last, refusal) -> None:  # type: ignore[no-untyped-def]
    async with team() as t:
        with pytest.raises(refusal):
            await _away(t, first, last)
        assert _history(t) == [] and await t.store.rota.absences(t.id, first, last) == []


async def test_only_a_lead_registers_someone_else() -> None:
    async with team() as t:
        with pytest.raises(NotAllowed):
            await _away(t, by=t.bo)
        done = await _away(t, by=t.lead, role="lead")
        assert done.absence.member_id == t.anne.id and done.absence.created_by == t.lead.id


async def test_an_absence_offers_its_coming_duty_days_once() -> None:
    async with team() as t:
        await t.hold(TODAY, t.anne)  # before the absence: not offered
        await t.hold(TUESDAY, t.anne)
        await t.hold(FRIDAY, t.anne)
        await t.hold(TUESDAY + timedelta(days=1), t.bo)
        done = await _away(t)
        assert done.duty_days == [TUESDAY, FRIDAY]
        assert [r.day for r in done.offered] == [TUESDAY, FRIDAY]
        assert {r.reason for r in done.offered} == {absence_reason(done.absence.id)}
        again = await _away(t, first=FRIDAY, last=FRIDAY)
        assert again.duty_days == [FRIDAY] and again.offered == []
        assert _history(t).count("swap_requested") == 2


async def test_cancel_your_own_or_as_a_lead_and_only_once() -> None:
    async with team() as t:
        done = await _away(t)
        with pytest.raises(CardUnknown):
            await absences.cancel(t.store, t.id, done.absence.id, t.bo.id, "caseworker", NOW)
        with pytest.raises(CardUnknown):
            await absences.cancel(t.store, t.id + 1, done.absence.id, t.anne.id, "lead", NOW)
        await absences.cancel(t.store, t.id, done.absence.id, t.lead.id, "lead", NOW)
        assert await absences.coming(t.store, t.id, t.anne.id, TODAY) == []
        with pytest.raises(CardUnknown):
            await absences.cancel(t.store, t.id, done.absence.id, t.anne.id, "caseworker", NOW)


async def test_cover_hands_the_day_over_from_that_moment() -> None:
    async with team() as t:
        await t.hold(TODAY, t.anne)
        flow = await t.store.flows.start("cover", t.id, {"from": t.anne.id}, NOW)
        zone = NOW.tzinfo
        assert zone is not None

        async def hand_over(
            to: int, by: int, role: str, version: int = flow.version
        ) -> cover.Handover:
            return await cover.hand_over(
                t.store, t.id, flow, version, to,
                actor_id=by, actor_role=role, today=TODAY, now=NOW,
            )  # fmt: skip

        with pytest.raises(NotAllowed):
            await hand_over(t.karin.id, t.bo.id, "caseworker")
        with pytest.raises(CardUnknown):
            await hand_over(t.anne.id + 1000, t.anne.id, "caseworker")
        done = await hand_over(t.karin.id, t.anne.id, "caseworker")
        assert (done.sick.id, done.cover.id, done.count) == (t.anne.id, t.karin.id, 1)
        assert await t.holder(TODAY) == t.karin.id
        assert await cover.holder_at(t.store, t.id, NOW - timedelta(minutes=1), zone) == t.anne.id
        assert await cover.holder_at(t.store, t.id, NOW, zone) == t.karin.id
        with pytest.raises(cover.CoverOutdated):
            await hand_over(t.bo.id, t.lead.id, "lead")
