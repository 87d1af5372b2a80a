"""Properties of rota generation, over many generated teams."""

import itertools
from datetime import date, timedelta
from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from rules.rota import RotaInput, RotaPerson, expected_counts, generate, is_available, quotas
from rules.working_days import Calendar

CALENDAR = Calendar.of(["12-24"])
START = date(2027, 1, 4)


def working_days(count: int, start: date = START) -> list[date]:
    days = CALENDAR.working_days(start, start + timedelta(days=count * 2 + 14))
    return days[:count]


@st.composite
def teams(
    draw: st.DrawFn,
    sizes: tuple[int, int] = (3, 12),
    lengths: tuple[int, int] = (5, 80),
    part_time_share: float = 0.5,
    kept: bool = True,
) -> RotaInput:
    """Teams as centres have them: mostly full-timers, part-timers on 3 or 4 days."""
    size = draw(st.integers(*sizes))
    start = START + timedelta(days=draw(st.integers(0, 400)))
    days = working_days(draw(st.integers(*lengths)), start)
    people = []
    for pid in range(1, size + 1):
        full_time = pid <= max(2, size * (1 - part_time_share)) or draw(st.booleans())
        workdays = (
            frozenset(range(5))
            if full_time
            else frozenset(draw(st.lists(st.integers(0, 4), min_size=3, max_size=4, unique=True)))
        )
        people.append(RotaPerson(pid, workdays))
    absences: dict[int, frozenset[date]] = {}
    for person in people:
        if draw(st.booleans()):
            start = draw(st.integers(0, len(days) - 1))
            length = draw(st.integers(1, max(1, len(days) // 5)))
            absences[person.id] = frozenset(days[start : start + length])
    kept_days = draw(st.lists(st.sampled_from(days), max_size=3 if kept else 0, unique=True))
    fixed = {d: draw(st.sampled_from([p.id for p in people])) for d in kept_days}
    return RotaInput(people, days, absences, fixed)


@given(teams())
@settings(max_examples=300, deadline=None)
def test_one_available_holder_per_working_day_and_none_elsewhere(inp: RotaInput) -> None:
    rota = generate(inp)
    assert list(rota) == list(inp.days)
    people = {p.id: p for p in inp.people}
    for day, holder in rota.items():
        if day in inp.kept:
            assert holder == inp.kept[day]
            continue
        someone = any(is_available(p, day, inp.absences) for p in inp.people)
        assert (holder is not None) == someone
        if holder is not None:
            assert is_available(people[holder], day, inp.absences)


def assert_fair(inp: RotaInput, rota: dict[date, int | None]) -> None:
    expected = expected_counts(inp)
    for person in inp.people:
        got = sum(1 for d, h in rota.items() if h == person.id and d not in inp.kept)
        assert abs(got - expected[person.id]) < 1, (person.id, got, expected[person.id])


@given(teams(kept=False))
@settings(max_examples=300, deadline=None)
def test_everyone_is_within_one_duty_of_their_fair_share(inp: RotaInput) -> None:
    """Realistic teams without hand-kept days (those can make fairness impossible; the
    exhaustive test below covers them)."""
    assert_fair(inp, generate(inp))


def fair_rota_exists(inp: RotaInput) -> bool:
    """Exhaustively: can every day be given, without two in a row where avoidable, within
    everyone's bounds? (Small inputs only.)"""
    bounds = quotas(expected_counts(inp))
    order = [p.id for p in inp.people]

    @cache
    def search(i: int, previous: int | None, counts: tuple[int, ...]) -> bool:
        if i == len(inp.days):
            return all(
                bounds[p][0] <= c <= bounds[p][1] for p, c in zip(order, counts, strict=False)
            )
        day = inp.days[i]
        if day in inp.kept:
            return search(i + 1, inp.kept[day], counts)
        free = [p.id for p in inp.people if is_available(p, day, inp.absences)]
        if not free:
            return search(i + 1, None, counts)
        after = inp.kept.get(inp.days[i + 1]) if i + 1 < len(inp.days) else None
        # Two days in a row only for the one person who can take the day at all.
        for pid in [p for p in free if p not in (previous, after)] or free[:1] * (len(free) == 1):
            k = order.index(pid)
            if counts[k] < bounds[pid][1] and search(
                i + 1, pid, (*counts[:k], counts[k] + 1, *counts[k + 1 :])
            ):
                return True
        return False

    return search(0, inp.before, (0,) * len(order))


@given(teams(sizes=(3, 6), lengths=(5, 18), part_time_share=0.9, kept=False))
@settings(max_examples=400, deadline=None)
def test_the_rota_is_fair_whenever_a_fair_rota_exists(inp: RotaInput) -> None:
    """Small teams, mostly part-timers, checked exhaustively. Without kept days: a day kept
    by hand on both sides of a gap can leave the generator short of a fair rota that an
    exhaustive search still finds (a known limit, see the README)."""
    if fair_rota_exists(inp):
        assert_fair(inp, generate(inp))


@given(teams())
@settings(max_examples=300, deadline=None)
def test_nobody_holds_two_days_in_a_row_when_someone_else_could(inp: RotaInput) -> None:
    """Where one person holds two days in a row, the generated one of the two could not have
    gone to anyone else without giving them two in a row instead."""
    rota = generate(inp)
    days = list(inp.days)
    for i, (yesterday, today) in enumerate(itertools.pairwise(days)):
        holder = rota[today]
        if holder is None or rota[yesterday] != holder:
            continue
        index = i + 1 if today not in inp.kept else i
        if days[index] in inp.kept:
            continue
        around = {rota[days[j]] for j in (index - 1, index + 1) if 0 <= j < len(days)}
        if index == 0:
            around.add(inp.before)
        others = [
            p.id
            for p in inp.people
            if p.id not in around and is_available(p, days[index], inp.absences)
        ]
        assert not others, (days[index], holder, others)


@given(teams())
@settings(max_examples=50, deadline=None)
def test_the_same_input_gives_the_same_rota(inp: RotaInput) -> None:
    assert generate(inp) == generate(inp)


def test_friday_to_monday_counts_as_consecutive() -> None:
    days = working_days(2, date(2027, 1, 8))  # Friday, Monday
    rota = generate(RotaInput([RotaPerson(1), RotaPerson(2)], days, before=None))
    assert rota[days[0]] != rota[days[1]]


def test_the_holder_before_the_range_does_not_open_it() -> None:
    days = working_days(1)
    rota = generate(RotaInput([RotaPerson(1), RotaPerson(2)], days, before=1))
    assert rota[days[0]] == 2


def test_carry_gives_more_duties_to_who_had_fewer() -> None:
    days = working_days(10)
    people = [RotaPerson(1), RotaPerson(2), RotaPerson(3)]
    even = generate(RotaInput(people, days))
    owed = generate(RotaInput(people, days, carry={1: 2.0, 3: -2.0}))
    assert [list(even.values()).count(p) for p in (1, 2, 3)] in ([4, 3, 3], [3, 4, 3], [3, 3, 4])
    assert list(owed.values()).count(1) == 5 and list(owed.values()).count(3) <= 2


def test_part_timers_get_their_share() -> None:
    days = working_days(40)
    people = [RotaPerson(1), RotaPerson(2), RotaPerson(3, frozenset({0, 1, 2}))]
    rota = generate(RotaInput(people, days))
    counts = {pid: list(rota.values()).count(pid) for pid in (1, 2, 3)}
    expected = expected_counts(RotaInput(people, days))
    assert round(float(expected[3]), 2) == 9.23  # 24 of 104 available person-days, times 40
    assert all(abs(counts[p] - expected[p]) < 1 for p in counts), counts
