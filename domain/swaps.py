"""Swapping duty days: ask for a swap, take it (one winner), decline, withdraw, and a lead's
approval when the team wants one; what a taken swap changes in the rota. Each refusal is
raised before anything changes."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from domain.errors import CardUnknown, NotAllowed, Refused, Term
from domain.rota import takes_turns
from rules import swaps as rules
from rules import weekdays
from rules.working_days import Calendar
from store.models import Member, Membership, SwapRequestRow
from store.outbox import Queued
from store.store import Store
from store.swaps import Move, TakeSeen, plain

# What to tell the requester of a taken request (requester, taker): queued with the take.
Notice = Callable[[Member, Member], Queued]

# An absence's days share one channel post; each of their requests has this reason.
ABSENCE = "absence"


def absence_reason(absence_id: int) -> str:
    return f"{ABSENCE}:{absence_id}"


class PastDay(Refused):
    def __init__(self) -> None:
        super().__init__("swap_past")


class NotWorkingDay(Refused):
    def __init__(self, day: date) -> None:
        super().__init__("swap_not_working_day", day=day)


class NotYourDuty(Refused):
    def __init__(self, day: date) -> None:
        super().__init__("swap_not_yours", day=day)


class NotTheirDuty(Refused):
    def __init__(self, name: str, day: date) -> None:
        super().__init__("swap_not_theirs", name=name, day=day)


class AlreadyRequested(Refused):
    def __init__(self, day: date) -> None:
        super().__init__("swap_exists", day=day)


class NotForYou(Refused):
    def __init__(self) -> None:
        super().__init__("swap_not_for_you")


class OwnRequest(Refused):
    def __init__(self) -> None:
        super().__init__("swap_own")


class NotAvailableThatDay(Refused):
    def __init__(self, day: date) -> None:
        super().__init__("swap_not_available", day=day)


class NotOpenForTaking(Refused):
    """Taken, declined, withdrawn or expired already, and by whom (" af Karin")."""

    def __init__(self, state: str, taker: str | None) -> None:
        key = "swap_already_awaiting" if state == "awaiting_approval" else "swap_already"
        by = Term.of("swap_by", name=taker) if taker else ""
        super().__init__(key, status=Term(f"status.{state}"), by=by)
        self.state = state
        self.taker = taker


async def can_hold(store: Store, team_id: int, day: date, membership: Membership | None) -> bool:
    """On the rota, works that weekday and is not away."""
    if membership is None or not _may_hold(day, membership, away=False):
        return False
    return not await store.rota.is_absent(team_id, membership.member_id, day)


async def find(store: Store, team_id: int, swap_id: int) -> SwapRequestRow:
    """The team's request a card names."""
    row = await store.swaps.get(swap_id)
    if row is None or row.team_id != team_id:
        raise CardUnknown()
    return row


async def check_own_day(
    store: Store, team_id: int, member_id: int, day: date, today: date, calendar: Calendar
) -> None:
    """May the member give this day away: a coming working day they hold."""
    try:
        rules.check_new(day, today, calendar)
    except rules.PastDay:
        raise PastDay() from None
    except rules.NotWorkingDay:
        raise NotWorkingDay(day) from None
    duty = await store.rota.on(team_id, day)
    if duty is None or duty.member_id != member_id:
        raise NotYourDuty(day)


async def request_swap(
    store: Store,
    team_id: int,
    requester_id: int,
    day: date,
    *,
    today: date,
    now: datetime,
    calendar: Calendar,
    target: Member | None = None,
    offered_day: date | None = None,
) -> SwapRequestRow:
    """Ask everyone (no target) or one colleague to take the day, maybe for one of theirs."""
    await check_own_day(store, team_id, requester_id, day, today, calendar)
    if target is not None and offered_day is not None:
        theirs = await store.rota.on(team_id, offered_day)
        if theirs is None or theirs.member_id != target.id:
            raise NotTheirDuty(target.name, offered_day)
    if await _open_on(store, team_id, day, today):
        raise AlreadyRequested(day)
    target_id = target.id if target else None
    return await _create(store, team_id, requester_id, day, target_id, offered_day, "", now)


async def offer_absence_days(
    store: Store,
    team_id: int,
    requester_id: int,
    absence_id: int,
    days: list[date],
    *,
    today: date,
    now: datetime,
) -> list[SwapRequestRow]:
    """An absence's duty days, each offered to everyone (the days already offered are left)."""
    rows = []
    for day in days:
        if not await _open_on(store, team_id, day, today):
            reason = absence_reason(absence_id)
            rows.append(await _create(store, team_id, requester_id, day, None, None, reason, now))
    return rows


async def _open_on(store: Store, team_id: int, day: date, today: date) -> bool:
    return any(r.day == day for r in await store.swaps.open_for_team(team_id, today))


async def _create(
    store: Store,
    team_id: int,
    requester_id: int,
    day: date,
    target_id: int | None,
    offered_day: date | None,
    reason: str,
    now: datetime,
) -> SwapRequestRow:
    row = await store.swaps.create(team_id, day, requester_id, target_id, offered_day, reason, now)
    store.audit.record(
        team_id,
        requester_id,
        "swap_requested",
        f"day:{day.isoformat()}",
        now,
        None,
        {"swap": row.id, "target": row.target_id},
    )
    return row


@dataclass(frozen=True)
class Taken:
    request: SwapRequestRow  # as it stands after the take
    requester: Member
    taker: Member
    awaiting_approval: bool  # the rota changes when a lead approves
    told: bool = False  # the notice given to take() was queued


async def take(
    store: Store,
    team_id: int,
    swap_id: int,
    taker_id: int,
    *,
    today: date,
    now: datetime,
    approval: bool,
    notice: Notice | None = None,
) -> Taken:
    """Take (or accept) a request. Of two takers at once exactly one wins (a conditional
    update); the other is told it is taken. Without approval the rota changes at once, and
    `notice` (to the requester, built from requester and taker) is queued in the same write."""
    row = await find(store, team_id, swap_id)
    seen = await store.swaps.seen_for_take(row, taker_id)
    if seen is None:  # pragma: no cover - a request's row goes with its requester
        raise CardUnknown()
    requester, taker = seen.requester, await _member(store, taker_id)
    try:
        can_hold_both = await _both_can_hold(store, row, taker_id, seen)
        rules.check_take(plain(row), taker_id, today, can_hold_both)
    except rules.NotOpenForTaking:
        raise await _not_open(store, row, today) from None
    except rules.OwnRequest:
        raise OwnRequest() from None
    except rules.NotForYou:
        raise NotForYou() from None
    except rules.NotAvailableThatDay:
        raise NotAvailableThatDay(row.day) from None
    told = False
    if approval:
        if not await store.swaps.take(swap_id, taker_id, now, awaiting=True):
            raise await _not_open(store, await _fresh(store, swap_id), today)
    else:
        queued = notice(requester, taker) if notice else None
        told = await _take_and_move(store, row, taker, requester, seen, now, today, queued)
    return Taken(await _fresh(store, swap_id), requester, taker, approval, told)


async def _take_and_move(
    store: Store,
    row: SwapRequestRow,
    taker: Member,
    requester: Member,
    seen: TakeSeen,
    now: datetime,
    today: date,
    notice: Queued | None,
) -> bool:
    """Take without approval: the take, the rota change, their history and the notice in one
    write while the rota still has who it had when the take was checked (#17); a day changed
    since is read and written again, and its history names who really had it. True if the
    notice was queued."""
    moves = [Move(row.day, seen.holder, taker.id)]
    if row.offered_day is not None:
        moves.append(Move(row.offered_day, seen.offered_holder, requester.id))
    entries = [(m, _duty_entry(row.team_id, taker.id, m.day, m.before, m.to, now)) for m in moves]
    taken = _taken_entry(row, taker, requester, now)
    written = await store.swaps.take_moving(
        row.team_id, row.id, taker.id, now, entries, taken, notice
    )
    if written is None:
        raise await _not_open(store, await _fresh(store, row.id), today)
    for move in moves:
        if move.day not in written.moved:
            await _move(store, row.team_id, move.day, move.to, taker.id, now)
    return written.told


def _duty_entry(
    team_id: int, actor_id: int, day: date, before: int | None, to: int, now: datetime
) -> dict[str, Any]:
    """The history entry of a duty day that changed hands (AuditRepo.record's arguments)."""
    return {
        "team_id": team_id,
        "actor_id": actor_id,
        "action": "duty",
        "subject": f"day:{day.isoformat()}",
        "now": now,
        "before": {"member": before},
        "after": {"member": to},
    }


def _taken_entry(
    row: SwapRequestRow, taker: Member, requester: Member, now: datetime
) -> dict[str, Any]:
    return {
        "team_id": row.team_id,
        "actor_id": taker.id,
        "action": "swap_taken",
        "subject": f"day:{row.day.isoformat()}",
        "now": now,
        "before": {"member": requester.id},
        "after": {"member": taker.id},
    }


async def _both_can_hold(store: Store, row: SwapRequestRow, taker_id: int, seen: TakeSeen) -> bool:
    """The taker can hold the day, and the requester the day offered back (if any)."""
    taker = await store.members.membership(row.team_id, taker_id)
    if not _may_hold(row.day, taker, seen.taker_away):
        return False
    if row.offered_day is None:
        return True
    requester = await store.members.membership(row.team_id, row.requester_id)
    return _may_hold(row.offered_day, requester, seen.requester_away)


def _may_hold(day: date, membership: Membership | None, away: bool) -> bool:
    """`can_hold` with the absence already looked up."""
    return (
        membership is not None
        and takes_turns(membership)
        and day.weekday() in weekdays.decode(membership.workdays)
        and not away
    )


async def decline(
    store: Store, team_id: int, swap_id: int, member_id: int, *, today: date, now: datetime
) -> SwapRequestRow:
    """The colleague asked says no."""
    row = await find(store, team_id, swap_id)
    if row.target_id != member_id:
        raise NotForYou()
    return await _end(store, row, member_id, "declined", today, now)


async def withdraw(
    store: Store, team_id: int, swap_id: int, member_id: int, *, today: date, now: datetime
) -> SwapRequestRow:
    """The requester takes the request back."""
    row = await find(store, team_id, swap_id)
    if row.requester_id != member_id:
        raise NotForYou()
    return await _end(store, row, member_id, "cancelled", today, now)


async def _end(
    store: Store, row: SwapRequestRow, member_id: int, how: str, today: date, now: datetime
) -> SwapRequestRow:
    """Close a request as `how` (declined, cancelled), audited under the member."""
    row = await _close(store, row, f"{how}_at", today, now)
    store.audit.record(row.team_id, member_id, f"swap_{how}", f"day:{row.day.isoformat()}", now)
    return row


async def _close(
    store: Store, row: SwapRequestRow, field: str, today: date, now: datetime
) -> SwapRequestRow:
    if not await store.swaps.close(row.id, field, now):
        raise await _not_open(store, await _fresh(store, row.id), today)
    return await _fresh(store, row.id)


@dataclass(frozen=True)
class Decided:
    request: SwapRequestRow
    requester: Member
    taker: Member
    approved: bool


async def decide(
    store: Store,
    team_id: int,
    swap_id: int,
    lead_id: int,
    role: str | None,
    approve: bool,
    *,
    today: date,
    now: datetime,
) -> Decided:
    """A lead approves a taken swap (the rota changes) or rejects it (it is open again)."""
    if role != "lead":
        raise NotAllowed("lead")
    row = await find(store, team_id, swap_id)
    people = {m.id: m for m, _ in await store.members.of_team(team_id)}
    taker = people.get(row.taken_by or 0)
    if taker is None or not await store.swaps.settle_approval(row.id, approve):
        raise await _not_open(store, await _fresh(store, row.id), today)
    row, requester = await _fresh(store, row.id), people[row.requester_id]
    action = "swap_approved" if approve else "swap_rejected"
    store.audit.record(team_id, lead_id, action, f"day:{row.day.isoformat()}", now)
    if approve:
        await _apply(store, row, taker, requester, lead_id, now)
    return Decided(row, requester, taker, approve)


async def _apply(
    store: Store,
    row: SwapRequestRow,
    taker: Member,
    requester: Member,
    actor_id: int,
    now: datetime,
) -> None:
    """The rota change of an approved swap, in the same transaction as the approval."""
    await _move(store, row.team_id, row.day, taker.id, actor_id, now)
    if row.offered_day is not None:
        await _move(store, row.team_id, row.offered_day, requester.id, actor_id, now)
    store.audit.record(**_taken_entry(row, taker, requester, now))


async def _move(
    store: Store, team_id: int, day: date, to: int, actor_id: int, now: datetime
) -> None:
    """Give the day to `to`: the rota is read and written."""
    before = await store.rota.set(team_id, day, to, now, kept=True, source="swap")
    store.audit.record(**_duty_entry(team_id, actor_id, day, before, to, now))


async def log_expired(store: Store, team_id: int, today: date, now: datetime) -> None:
    """Requests whose day passed while open go into the history, once."""
    rows = await store.swaps.unlogged_expired(team_id, today)
    for row in rows:
        store.audit.record(team_id, None, "swap_expired", f"day:{row.day.isoformat()}", now)
    await store.swaps.mark_expired_logged([row.id for row in rows])


async def _fresh(store: Store, swap_id: int) -> SwapRequestRow:
    row = await store.swaps.get(swap_id, fresh=True)
    if row is None:  # pragma: no cover - requests are never deleted while their team lives
        raise CardUnknown()
    return row


async def _member(store: Store, member_id: int) -> Member:
    member = await store.members.get(member_id)
    if member is None:  # pragma: no cover - a request's row goes with its requester
        raise CardUnknown()
    return member


async def _not_open(store: Store, row: SwapRequestRow, today: date) -> NotOpenForTaking:
    state = rules.status(plain(row), today)
    taken = state in ("taken", "awaiting_approval")
    who = await store.members.get(row.taken_by) if taken and row.taken_by else None
    return NotOpenForTaking(state, who.name if who else None)
