"""Properties of rota generation, over many generated teams."""

import itertools
from collections import Counter
from datetime import date, timedelta
from fractions import Fraction
from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from rules.rota import (
    RotaInput,
    RotaPerson,
    carry_over,
    expected_counts,
    free_quotas,
    generate,
    is_available,
    quotas,
)
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
    away: bool = True,
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
        if away and draw(st.booleans()):
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
    """Everyone's days in the range, kept days included, are within one of their share."""
    expected = expected_counts(inp)
    held = Counter(h for d, h in rota.items() if h is not None)
    for person in inp.people:
        got = held[person.id]
        assert abs(got - expected[person.id]) < 1, (person.id, got, expected[person.id])


@given(teams(kept=False))
@settings(max_examples=300, deadline=None)
def test_everyone_is_within_one_duty_of_their_fair_share(inp: RotaInput) -> None:
    """Realistic teams without hand-kept days (those can make fairness impossible; the
    exhaustive test below covers them)."""
    assert_fair(inp, generate(inp))


@st.composite
def even_teams(draw: st.DrawFn, history: bool) -> tuple[RotaInput, dict[date, int | None], int]:
    """Nobody away and everyone on the same working days; days kept by hand in the range (any
    number, to anyone) and, with `history`, an earlier range planned by the generator (with
    its own kept days) right before this one, whose counts carry over."""
    size = draw(st.integers(3, 8))
    people = [RotaPerson(pid) for pid in range(1, size + 1)]
    start = START + timedelta(days=draw(st.integers(0, 400)))
    days = working_days(draw(st.integers(5, 80)) + (draw(st.integers(5, 60)) if history else 0))
    days = [d for d in days if d >= start] or days
    split = draw(st.integers(1, len(days) - 1)) if history and len(days) > 1 else 0
    past: dict[date, int | None] = {}
    past_kept = 0
    if split:
        earlier = days[:split]
        kept = {d: draw(st.sampled_from(people)).id for d in draw(kept_days(earlier))}
        past, past_kept = generate(RotaInput(people, earlier, kept=kept)), len(kept)
    rest = days[split:]
    kept = {d: draw(st.sampled_from(people)).id for d in draw(kept_days(rest))}
    carry = carry_over(people, list(past), {}, past) if past else {}
    before = past[days[split - 1]] if split else None
    return RotaInput(people, rest, kept=kept, carry=carry, before=before), past, past_kept


def kept_days(days: list[date]) -> st.SearchStrategy[list[date]]:
    return st.lists(st.sampled_from(days), max_size=min(8, len(days)), unique=True)


def spread(counts: Counter[int], people: set[int]) -> int:
    return max(counts[p] for p in people) - min(counts[p] for p in people)


def assert_no_better_holder(
    inp: RotaInput, rota: dict[date, int | None], counts: Counter[int]
) -> None:
    """No generated day is held by someone two or more duties above a colleague who could
    have taken that day without holding a neighbouring one."""
    days = list(inp.days)
    for index, day in enumerate(days):
        holder = rota[day]
        if day in inp.kept or holder is None:
            continue
        near = {rota[days[index - 1]] if index else inp.before}
        near.add(rota[days[index + 1]] if index + 1 < len(days) else None)
        better = [
            p.id
            for p in inp.people
            if p.id not in near and p.id != holder and counts[holder] >= counts[p.id] + 2
        ]
        assert not better, (day, holder, better, counts)


@given(even_teams(history=False))
@settings(max_examples=200, deadline=None)
def test_nobody_away_the_range_is_within_one_kept_days_included(
    team: tuple[RotaInput, dict[date, int | None], int],
) -> None:
    """The precise bound, nobody away and the same working days for all (three people or
    more), counting each person's days in the range kept and generated together: without kept
    days everyone holds within one of everyone else. With kept days that is not always
    possible (kept days alone can put someone higher, and never two in a row can leave a gap
    to someone who already has more), so: no generated day is held by someone two or more
    above a colleague who could have taken it without two in a row. Whenever a rota within
    one exists the generator finds one: the exhaustive test below."""
    inp, _, _ = team
    rota = generate(inp)
    held = Counter(h for h in rota.values() if h is not None)
    assert_no_better_holder(inp, rota, held)
    if not inp.kept:
        assert spread(held, {p.id for p in inp.people}) <= 1, held


@given(even_teams(history=True))
@settings(max_examples=200, deadline=None)
def test_nobody_away_the_carry_over_window_is_within_one(
    team: tuple[RotaInput, dict[date, int | None], int],
) -> None:
    """The same over the carry-over window (an earlier range planned by the generator, whose
    counts carry over, and this one): without kept days in either range, everyone holds
    within one of everyone else over the window and within this range alone (the issue's
    9/8/8/8/7 after a first plan of 8/8/7/7/8 broke both); with kept days, no generated day
    is held by someone two or more above, over the window, a colleague who could have taken
    it without two in a row."""
    inp, past, past_kept = team
    rota = generate(inp)
    everyone = {p.id for p in inp.people}
    window = Counter(h for h in [*past.values(), *rota.values()] if h is not None)
    assert_no_better_holder(inp, rota, window)
    if not inp.kept and not past_kept:
        in_range = Counter(h for h in rota.values() if h is not None)
        assert spread(window, everyone) <= 1, window
        assert spread(in_range, everyone) <= 1, (in_range, window)


def fair_rota_exists(inp: RotaInput) -> bool:
    """Exhaustively: can every day be given, without two in a row where avoidable, within
    everyone's bounds (kept days included)? (Small inputs only.)"""
    bounds = quotas(free_quotas(inp))
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


@given(teams(sizes=(3, 6), lengths=(5, 18), part_time_share=0.9, away=False))
@settings(max_examples=400, deadline=None)
def test_the_rota_is_fair_whenever_a_fair_rota_exists(inp: RotaInput) -> None:
    """Small teams, mostly part-timers, with days kept by hand and nobody away, checked
    exhaustively: whenever a rota exists that gives every day, never two days in a row where
    avoidable, and everyone's days in the range (kept and generated together) within one of
    their fair share, the generator gives one. With absences as well a rare team remains
    where it does not (a known limit, see the README)."""
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
    owed = generate(RotaInput(people, days, carry={1: Fraction(2), 3: Fraction(-2)}))
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
