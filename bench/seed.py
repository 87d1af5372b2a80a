"""A realistic team for the benchmark: 30 people, a year of rota, 500 cases.

The team is installed and set up through the real bot (in-process, with its own connector
stand-in); the year of history and the swap requests the benchmark takes are written with the
bot's own repositories, as the bot would have written them.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select

from dialogs import cards
from dialogs.cases import CALLERS, OUTCOMES, TOPICS
from dialogs.planning import plan
from domain.clock import FakeClock
from rules import weekdays
from store.db import create_engine, sessions, unit_of_work
from store.models import Absence, Case, Duty, Member, Membership, SwapRequestRow, Team
from store.store import Store
from tests.e2e.flows import INTAKE, setup
from tests.e2e.teams import User, teams_session

FIRST = ("Anne", "Bo", "Camilla", "Dorthe", "Erik", "Frederik", "Gitte", "Hanne", "Ida", "Jens")
LAST = ("Holm", "Møller", "Sørensen")
PEOPLE = tuple(User(f"p{i:02d}", f"{FIRST[i % 10]} {LAST[i // 10]}") for i in range(30))
LEAD, ON_ROTA = PEOPLE[0], PEOPLE[1:]
CASES = 500


@dataclass(frozen=True)
class Seeded:
    team_id: int
    user_of: dict[int, User]  # member id → the Teams user


async def seed(
    url: str, now: datetime, rng: random.Random, people: tuple[User, ...] = PEOPLE
) -> Seeded:
    """The team of `people` (the first one leads, the others are on the rota)."""
    clock = FakeClock()
    clock.set(now)
    async with teams_session(url, clock, rate_limit_messages=10**6) as teams:
        await setup(teams, on_rota=people[1:], lead=people[0], people=people)
        await teams.settle()
        team_id = await _history(teams.services.sessions, now, rng)
        today = now.date()
        await teams.services.runner.run(
            lambda ctx: _plan_year(ctx, team_id, today)  # type: ignore[arg-type]
        )
        async with unit_of_work(teams.services.sessions) as session:
            members = list(await session.scalars(select(Member)))
    by_key = {u.teams_id: u for u in people}
    return Seeded(team_id, {m.id: by_key[m.teams_user_id] for m in members})


async def _plan_year(ctx: Any, team_id: int, today: date) -> None:
    team = await ctx.store.teams.get(team_id)
    await plan(ctx, team, today, today + timedelta(days=365), replan_from=today)


async def _history(factory: Any, now: datetime, rng: random.Random) -> int:
    """Part-timers, five weeks of vacation each in the coming year, and 500 past cases."""
    async with unit_of_work(factory) as session:
        team = await session.scalar(select(Team))
        assert team is not None
        rows = (
            await session.execute(
                select(Member, Membership).join(Membership, Membership.member_id == Member.id)
            )
        ).all()
        ids = []
        for member, ms in rows:
            ids.append(member.id)
            if ms.on_rota and rng.random() < 0.3:
                ms.workdays = weekdays.encode(frozenset(rng.sample(range(5), rng.choice((3, 4)))))
            for _ in range(3):
                start = now.date() + timedelta(days=rng.randrange(365))
                session.add(
                    Absence(
                        team_id=team.id,
                        member_id=member.id,
                        first_day=start,
                        last_day=start + timedelta(days=rng.choice((4, 6, 13))),
                        kind="vacation",
                        created_at=now,
                    )
                )
        store = Store(session)
        for n in range(CASES):
            call_at = now - timedelta(days=2 * (CASES - n), hours=rng.randrange(6))
            closed = n < CASES - 20
            await store.cases.create(
                team.id,
                call_at,
                call_at=call_at,
                logged_by=rng.choice(ids),
                owner_id=rng.choice(ids),
                caller=rng.choice(CALLERS),
                topic=rng.choice(TOPICS),
                company=f"Firma {n} ApS",
                contact_name="Kontakt",
                contact_phone="70 00 00 00",
                employee="A.B.",
                note="Ondt i ryggen, arbejdspladsvurdering aftalt",
                outcome=rng.choice(OUTCOMES) if closed else None,
                closed_at=call_at + timedelta(days=3) if closed else None,
            )
        return team.id


async def open_swaps(
    url: str, seeded: Seeded, today: date, count: int, rng: random.Random
) -> list[tuple[User, dict[str, Any]]]:
    """`count` swap requests open to the channel on future days, each with a colleague who can
    take it: (the taker, the Take button's data)."""
    engine = create_engine(url)
    try:
        async with unit_of_work(sessions(engine)) as session:
            store = Store(session)
            taken = {r.day for r in await store.swaps.open_for_team(seeded.team_id, today)}
            duties = await session.scalars(
                select(Duty).where(Duty.team_id == seeded.team_id, Duty.day > today)
            )
            staff = [
                (m, ms)
                for m, ms in await store.members.of_team(seeded.team_id)
                if ms.on_rota and ms.role != "switchboard"
            ]
            away = {
                (a.member_id, a.first_day + timedelta(days=i))
                for a in await session.scalars(select(Absence))
                for i in range((a.last_day - a.first_day).days + 1)
            }
            chosen: list[tuple[User, dict[str, Any]]] = []
            for duty in duties:
                if len(chosen) == count:
                    break
                takers = [
                    m
                    for m, ms in staff
                    if m.id != duty.member_id
                    and duty.day.weekday() in weekdays.decode(ms.workdays)
                    and (m.id, duty.day) not in away
                ]
                if duty.day in taken or not takers:
                    continue
                row: SwapRequestRow = await store.swaps.create(
                    seeded.team_id, duty.day, duty.member_id, None, None, "", _noon(today)
                )
                taker = rng.choice(takers)
                chosen.append((seeded.user_of[taker.id], {"action": "swap.take", "swap": row.id}))
    finally:
        await engine.dispose()
    return chosen


async def open_case_cards(
    url: str, seeded: Seeded, count: int, called: datetime
) -> list[tuple[User, dict[str, Any]]]:
    """`count` intake cards as `ny sag` leaves them, filled in for a call at `called`."""
    engine = create_engine(url)
    users = [seeded.user_of[i] for i in sorted(seeded.user_of) if seeded.user_of[i] != LEAD]
    try:
        async with unit_of_work(sessions(engine)) as session:
            store = Store(session)
            filled = []
            for n in range(count):
                flow = await store.flows.start("case", seeded.team_id, {}, called)
                value = {
                    **cards.flow_data(flow.id, flow.version, "case.new"),
                    **INTAKE,
                    "call_date": called.date().isoformat(),
                    "call_time": called.strftime("%H:%M"),
                }
                filled.append((users[n % len(users)], value))
    finally:
        await engine.dispose()
    return filled


async def count(url: str, what: str) -> int:
    """Swaps taken so far, or cases stored: what the benchmark's card turns must have done."""
    query = {
        "swaps_taken": select(func.count()).where(SwapRequestRow.taken_by.is_not(None)),
        "cases": select(func.count()).select_from(Case),
    }[what]
    engine = create_engine(url)
    try:
        async with unit_of_work(sessions(engine)) as session:
            return int(await session.scalar(query) or 0)
    finally:
        await engine.dispose()


def _noon(day: date) -> datetime:
    return datetime.combine(day, time(12)).astimezone()
