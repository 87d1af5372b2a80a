"""Planning the rota: the store's people, absences and kept days in, the pure generator out."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from dialogs.context import Context
from rules import weekdays
from rules.rota import RotaInput, RotaPerson, carry_over, generate
from rules.working_days import Calendar
from store.models import Member, Membership, Team

HISTORY = timedelta(weeks=12)  # how far back fairness carries over
MAX_RANGE = timedelta(days=2 * 366)


@dataclass(frozen=True)
class Change:
    day: date
    before: int | None
    after: int | None


async def rota_members(ctx: Context, team: Team) -> list[tuple[Member, Membership]]:
    return on_rota(await ctx.store.members.of_team(team.id))


def on_rota(members: list[tuple[Member, Membership]]) -> list[tuple[Member, Membership]]:
    return [
        (m, ms) for m, ms in members if ms.on_rota and ms.in_roster and ms.role != "switchboard"
    ]


async def absent_days(
    ctx: Context, team: Team, first: date, last: date
) -> dict[int, frozenset[date]]:
    away: dict[int, set[date]] = {}
    for absence in await ctx.store.rota.absences(team.id, first, last):
        day = max(absence.first_day, first)
        while day <= min(absence.last_day, last):
            away.setdefault(absence.member_id, set()).add(day)
            day += timedelta(days=1)
    return {pid: frozenset(days) for pid, days in away.items()}


async def plan(
    ctx: Context,
    team: Team,
    first: date,
    last: date,
    *,
    replan_from: date | None = None,
    actor_id: int | None = None,
) -> list[Change]:
    """Fill every empty working day from first to last; re-plan the days from `replan_from` on
    that were not kept by hand. Returns the days whose holder changed."""
    calendar = ctx.team_settings(team).calendar
    days = calendar.working_days(first, last)
    if not days:
        return []
    existing = await ctx.store.rota.between(team.id, first, last)
    fixed = {
        d: row.member_id
        for d, row in existing.items()
        if row.kept or replan_from is None or d < replan_from
    }
    members = await rota_members(ctx, team)
    people = [RotaPerson(m.id, weekdays.decode(ms.workdays)) for m, ms in members]
    absences = await absent_days(ctx, team, first - HISTORY, last)
    before_day = calendar.previous_working_day(first)
    before = await ctx.store.rota.on(team.id, before_day)
    rota = generate(
        RotaInput(
            people,
            days,
            absences,
            fixed,
            carry=await _carry(ctx, team, calendar, people, absences, first),
            before=before.member_id if before else None,
        )
    )
    now = ctx.clock.now()
    changes = []
    for day in days:
        if day in fixed:
            continue
        old = existing.get(day)
        if old is None or old.member_id != rota[day]:
            await ctx.store.rota.set(team.id, day, rota[day], now, kept=False, source="generated")
            changes.append(Change(day, old.member_id if old else None, rota[day]))
    if actor_id is not None:
        for change in changes:
            if change.before is not None:
                ctx.store.audit.record(
                    team.id,
                    actor_id,
                    "duty",
                    f"day:{change.day.isoformat()}",
                    now,
                    {"member": change.before},
                    {"member": change.after},
                )
    return changes


async def _carry(
    ctx: Context,
    team: Team,
    calendar: Calendar,
    people: list[RotaPerson],
    absences: dict[int, frozenset[date]],
    first: date,
) -> dict[int, Fraction]:
    """What the last weeks owe each person: their fair share of the days someone held, minus
    the days they held. A day covered, swapped or set by hand counts for who held it."""
    past_first, past_last = first - HISTORY, first - timedelta(days=1)
    history = await ctx.store.rota.between(team.id, past_first, past_last)
    if not history or not people:
        return {}
    days = calendar.working_days(past_first, past_last)
    held = {d: history[d].member_id for d in days if d in history}
    return carry_over(people, days, absences, held)


def horizon(ctx: Context, team: Team) -> date:
    return ctx.today() + timedelta(weeks=ctx.team_settings(team).rota_weeks)


async def replan_ahead(ctx: Context, team: Team, actor_id: int | None) -> list[Change]:
    """After the rota's people changed: fill the horizon and re-plan every day whose holder
    has not been told yet (by the morning post, or the heads-up the afternoon before)."""
    calendar = ctx.team_settings(team).calendar
    start = calendar.next_working_day(ctx.today(), include=True)
    while await _told(ctx, team, start):
        start = calendar.next_working_day(start)
    return await plan(
        ctx, team, ctx.today(), horizon(ctx, team), replan_from=start, actor_id=actor_id
    )


def morning_key(team_id: int, day: date) -> str:
    return f"announce:{team_id}:{day.isoformat()}"


def headsup_key(team_id: int, member_id: int | str, day: date) -> str:
    """`member_id` may be SQL LIKE's '%': has anyone been told about the day?"""
    return f"headsup:{team_id}:{member_id}:{day.isoformat()}"


async def _told(ctx: Context, team: Team, day: date) -> bool:
    for key in (morning_key(team.id, day), headsup_key(team.id, "%", day)):
        if await ctx.store.outbox.exists_like(key):
            return True
    return False


async def duties_this_month(ctx: Context, team: Team, day: date) -> Counter[int]:
    rows = await ctx.store.rota.between(team.id, day.replace(day=1), day)
    return Counter(r.member_id for r in rows.values() if r.member_id is not None)


async def able_to_hold(
    ctx: Context, team: Team, day: date, members: list[tuple[Member, Membership]]
) -> list[Member]:
    """Of the team's `members`: who is on the rota, works that weekday and is not away."""
    away = await absent_days(ctx, team, day, day)
    return [
        m
        for m, ms in on_rota(members)
        if day.weekday() in weekdays.decode(ms.workdays) and day not in away.get(m.id, ())
    ]


async def available_cover(
    ctx: Context, team: Team, day: date, exclude: int | None = None
) -> Member | None:
    """Who should take a day nobody holds: available that day, fewest duties this month."""
    counts = await duties_this_month(ctx, team, day)
    members = await ctx.store.members.of_team(team.id)
    candidates = [m for m in await able_to_hold(ctx, team, day, members) if m.id != exclude]
    return min(candidates, key=lambda m: (counts[m.id], m.name, m.id), default=None)
