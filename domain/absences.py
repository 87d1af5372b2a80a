"""Absences: register and cancel one, the rules for its range, and what it means for the rota
(the absent person's coming duty days are offered for swapping)."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from domain.errors import CardUnknown, NotAllowed, Refused
from domain.swaps import offer_absence_days
from store.models import Absence, SwapRequestRow
from store.store import Store

MAX_LENGTH = timedelta(days=366)


class RangeBackwards(Refused):
    def __init__(self) -> None:
        super().__init__("range_backwards")


class TooLong(Refused):
    def __init__(self) -> None:
        super().__init__("away_too_long")


class InThePast(Refused):
    def __init__(self) -> None:
        super().__init__("away_past")


def check_range(first: date, last: date, today: date) -> None:
    if last < first:
        raise RangeBackwards()
    if last - first > MAX_LENGTH:
        raise TooLong()
    if last < today:
        raise InThePast()


def check_on_behalf(role: str | None) -> None:
    """Only a lead registers someone else's absence."""
    if role != "lead":
        raise NotAllowed("lead")


@dataclass(frozen=True)
class Registered:
    absence: Absence
    duty_days: list[date]  # the absent person's coming duty days in the range
    offered: list[SwapRequestRow]  # the requests made for them (days not yet offered)


async def register(
    store: Store,
    team_id: int,
    member_id: int,
    first: date,
    last: date,
    kind: str,
    *,
    actor_id: int,
    actor_role: str | None,
    today: date,
    now: datetime,
    offer: bool = True,
) -> Registered:
    """Store the absence; offer the absent person's coming duty days for swapping (unless the
    caller hands today's duty over itself, as same-day cover does)."""
    check_range(first, last, today)
    if member_id != actor_id:
        check_on_behalf(actor_role)
    absence = await store.rota.new_absence(team_id, member_id, first, last, kind, actor_id, now)
    store.audit.record(
        team_id,
        actor_id,
        "absence",
        f"member:{member_id}",
        now,
        None,
        {"first": first.isoformat(), "last": last.isoformat(), "kind": kind},
    )
    if not offer:
        return Registered(absence, [], [])
    duties = await store.rota.between(team_id, max(first, today), last)
    mine = [day for day, row in duties.items() if row.member_id == member_id]
    offered = await offer_absence_days(
        store, team_id, member_id, absence.id, mine, today=today, now=now
    )
    return Registered(absence, mine, offered)


async def cancel(
    store: Store,
    team_id: int,
    absence_id: int,
    actor_id: int,
    actor_role: str | None,
    now: datetime,
) -> Absence:
    """Your own absence, or anyone's for a lead."""
    absence = await store.rota.absence(absence_id)
    if (
        absence is None
        or absence.team_id != team_id
        or absence.cancelled
        or (absence.member_id != actor_id and actor_role != "lead")
    ):
        raise CardUnknown()
    await store.rota.cancel_absence(absence.id)
    store.audit.record(team_id, actor_id, "absence_cancelled", f"member:{absence.member_id}", now)
    return absence


async def coming(store: Store, team_id: int, member_id: int, today: date) -> list[Absence]:
    """The member's absences from today on, first first."""
    found = await store.rota.absences(team_id, today, today + MAX_LENGTH * 2)
    return sorted((a for a in found if a.member_id == member_id), key=lambda a: a.first_day)
