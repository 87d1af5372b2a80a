"""The rota: who can hold the phone, planning the coming days, and a lead's edits. Chat and CLI
both call these; a refusal is raised before anything is stored."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from fractions import Fraction

from domain.errors import Refused
from rules import weekdays
from rules.rota import RotaInput, RotaPerson, carry_over, generate
from rules.working_days import Calendar
from store.models import Member, Membership
from store.store import Store

HISTORY = timedelta(weeks=12)  # how far back fairness carries over
MAX_RANGE = timedelta(days=2 * 366)


@dataclass(frozen=True)
class Days:
    """A team's calendar as of now: which days are working days, and how far ahead the rota
    is planned (its `rota_weeks` from today)."""

    calendar: Calendar
    today: date
    now: datetime
    weeks: int

    @property
    def horizon(self) -> date:
        return self.today + timedelta(weeks=self.weeks)


@dataclass(frozen=True)
class Change:
    day: date
    before: int | None
    after: int | None


class BadRange(Refused):
    """A range a lead may not plan: backwards, longer than two years, or all in the past."""


class NotWorkingDay(Refused):
    def __init__(self, day: date) -> None:
        super().__init__("not_working_day", day=day)
        self.day = day


class NotOnRota(Refused):
    def __init__(self, name: str) -> None:
        super().__init__("not_on_rota", name=name)


def takes_turns(membership: Membership) -> bool:
    """On the rota: a current member who is not switchboard staff and was not taken off it."""
    return membership.on_rota and membership.in_roster and membership.role != "switchboard"


def on_rota(members: list[tuple[Member, Membership]]) -> list[tuple[Member, Membership]]:
    return [(m, ms) for m, ms in members if takes_turns(ms)]


async def rota_members(store: Store, team_id: int) -> list[tuple[Member, Membership]]:
    return on_rota(await store.members.of_team(team_id))


async def absent_days(
    store: Store, team_id: int, first: date, last: date
) -> dict[int, frozenset[date]]:
    away: dict[int, set[date]] = {}
    for absence in await store.rota.absences(team_id, first, last):
        day = max(absence.first_day, first)
        while day <= min(absence.last_day, last):
            away.setdefault(absence.member_id, set()).add(day)
            day += timedelta(days=1)
    return {pid: frozenset(days) for pid, days in away.items()}


async def plan(
    store: Store,
    team_id: int,
    days: Days,
    first: date,
    last: date,
    *,
    replan_from: date | None = None,
    actor_id: int | None = None,
) -> list[Change]:
    """Fill every empty working day from first to last; re-plan the days from `replan_from` on
    that were not kept by hand. Returns the days whose holder changed."""
    calendar = days.calendar
    working = calendar.working_days(first, last)
    if not working:
        return []
    existing = await store.rota.between(team_id, first, last)
    fixed = {
        d: row.member_id
        for d, row in existing.items()
        if row.kept or replan_from is None or d < replan_from
    }
    members = await rota_members(store, team_id)
    people = [RotaPerson(m.id, weekdays.decode(ms.workdays)) for m, ms in members]
    absences = await absent_days(store, team_id, first - HISTORY, last)
    before = await store.rota.on(team_id, calendar.previous_working_day(first))
    rota = generate(
        RotaInput(
            people,
            working,
            absences,
            fixed,
            carry=await _carry(store, team_id, calendar, people, absences, first),
            before=before.member_id if before else None,
        )
    )
    changes = []
    for day in working:
        if day in fixed:
            continue
        old = existing.get(day)
        if old is None or old.member_id != rota[day]:
            await store.rota.set(team_id, day, rota[day], days.now, kept=False, source="generated")
            changes.append(Change(day, old.member_id if old else None, rota[day]))
    if actor_id is not None:
        for change in changes:
            if change.before is not None:
                store.audit.record(
                    team_id,
                    actor_id,
                    "duty",
                    f"day:{change.day.isoformat()}",
                    days.now,
                    {"member": change.before},
                    {"member": change.after},
                )
    return changes


async def _carry(
    store: Store,
    team_id: int,
    calendar: Calendar,
    people: list[RotaPerson],
    absences: dict[int, frozenset[date]],
    first: date,
) -> dict[int, Fraction]:
    """What the last weeks owe each person: their fair share of the days someone held, minus
    the days they held. A day covered, swapped or set by hand counts for who held it."""
    past_first, past_last = first - HISTORY, first - timedelta(days=1)
    history = await store.rota.between(team_id, past_first, past_last)
    if not history or not people:
        return {}
    working = calendar.working_days(past_first, past_last)
    held = {d: history[d].member_id for d in working if d in history}
    return carry_over(people, working, absences, held)


async def replan_ahead(
    store: Store, team_id: int, days: Days, actor_id: int | None
) -> list[Change]:
    """After the rota's people changed: fill the horizon and re-plan every day whose holder
    has not been told yet (by the morning post, or the heads-up the afternoon before)."""
    calendar = days.calendar
    start = calendar.next_working_day(days.today, include=True)
    while await _told(store, team_id, start):
        start = calendar.next_working_day(start)
    return await plan(
        store, team_id, days, days.today, days.horizon, replan_from=start, actor_id=actor_id
    )


def morning_key(team_id: int, day: date) -> str:
    return f"announce:{team_id}:{day.isoformat()}"


def headsup_key(team_id: int, member_id: int | str, day: date) -> str:
    """`member_id` may be SQL LIKE's '%': has anyone been told about the day?"""
    return f"headsup:{team_id}:{member_id}:{day.isoformat()}"


async def _told(store: Store, team_id: int, day: date) -> bool:
    for key in (morning_key(team_id, day), headsup_key(team_id, "%", day)):
        if await store.outbox.exists_like(key):
            return True
    return False


async def duties_this_month(store: Store, team_id: int, day: date) -> Counter[int]:
    rows = await store.rota.between(team_id, day.replace(day=1), day)
    return Counter(r.member_id for r in rows.values() if r.member_id is not None)


async def able_to_hold(
    store: Store, team_id: int, day: date, members: list[tuple[Member, Membership]]
) -> list[Member]:
    """Of the team's `members`: who is on the rota, works that weekday and is not away."""
    away = await absent_days(store, team_id, day, day)
    return [
        m
        for m, ms in on_rota(members)
        if day.weekday() in weekdays.decode(ms.workdays) and day not in away.get(m.id, ())
    ]


async def available_cover(
    store: Store, team_id: int, day: date, exclude: int | None = None
) -> Member | None:
    """Who should take a day nobody holds: available that day, fewest duties this month."""
    counts = await duties_this_month(store, team_id, day)
    members = await store.members.of_team(team_id)
    candidates = [m for m in await able_to_hold(store, team_id, day, members) if m.id != exclude]
    return min(candidates, key=lambda m: (counts[m.id], m.name, m.id), default=None)


def check_range(first: date, last: date, today: date) -> None:
    """Raises BadRange for a range a lead may not plan."""
    if last < first:
        raise BadRange("range_backwards")
    if last - first > MAX_RANGE:
        raise BadRange("range_too_long")
    if last < today:
        raise BadRange("range_past")


async def generate_range(
    store: Store, team_id: int, days: Days, first: date, last: date, actor_id: int | None
) -> list[Change]:
    """`lav vagtplan FRA TIL` / `rota generate`: plan a range again; days kept by hand stay."""
    check_range(first, last, days.today)
    return await plan(store, team_id, days, first, last, replan_from=first, actor_id=actor_id)


async def set_duty(
    store: Store,
    team_id: int,
    days: Days,
    day: date,
    member: Member,
    actor_id: int | None,
    *,
    source: str = "manual",
) -> None:
    """A lead (or an import, `source`) gives a day to someone on the rota; the day is kept
    from then on."""
    if not days.calendar.is_working_day(day):
        raise NotWorkingDay(day)
    if member.id not in {m.id for m, _ in await rota_members(store, team_id)}:
        raise NotOnRota(member.name)
    before = await store.rota.set(team_id, day, member.id, days.now, kept=True, source=source)
    store.audit.record(
        team_id,
        actor_id,
        "duty",
        f"day:{day.isoformat()}",
        days.now,
        {"member": before},
        {"member": member.id},
    )
