"""Rota generation: one holder per working day, fair over time, never two days in a row.

Fairness, precisely. A person's fair share of a range is their share of its available
person-days times the range's staffed days, kept days included: a day kept by hand, by a swap
or by a same-day cover counts as a duty of whoever holds it. What earlier periods owe
(`carry`: their fair share of the days held in the carry-over window minus the days they
actually held) is added. The days left to assign go to the people who can take them by
water-filling: everyone's total (kept + generated) is raised to one common level above their
fair share, except people whose kept days already exceed it, who get no generated day. Each
person's generated count is then the floor or the ceiling of what that leaves them; the
ceilings go to the largest fractions, and among equal fractions to whoever is furthest behind
on the range itself. So a team with the same availability ends the carry-over window within
one duty of each other, and a range after a balanced one is balanced too.

The generator gives each day to the available person whose remaining quota is most urgent,
never to the holder of the day before when someone else is available. It is deterministic:
the same input gives the same rota.
"""

from collections import Counter, deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from math import ceil, floor

from rules.max_flow import FlowNetwork

# Hand-overs one repair search may try: enough for real teams, and a bound on the time.
SEARCH_LIMIT = 3000


@dataclass(frozen=True)
class RotaPerson:
    id: int
    workdays: frozenset[int] = frozenset(range(5))  # Monday = 0


@dataclass(frozen=True)
class RotaInput:
    people: Sequence[RotaPerson]
    days: Sequence[date]  # the working days to fill, in order
    absences: Mapping[int, frozenset[date]] = field(default_factory=dict)
    kept: Mapping[date, int | None] = field(default_factory=dict)  # fixed by hand, swap or cover
    carry: Mapping[int, Fraction] = field(default_factory=dict)  # duties earlier periods owe
    before: int | None = None  # who held the working day just before the range


def is_available(person: RotaPerson, day: date, absences: Mapping[int, frozenset[date]]) -> bool:
    return day.weekday() in person.workdays and day not in absences.get(person.id, frozenset())


def fair_shares(
    people: Sequence[RotaPerson],
    days: Sequence[date],
    absences: Mapping[int, frozenset[date]],
    staffed: int,
) -> dict[int, Fraction]:
    """`staffed` duties split in proportion to the days each person is available."""
    available = {p.id: sum(1 for d in days if is_available(p, d, absences)) for p in people}
    total = sum(available.values())
    if total == 0:
        return {p.id: Fraction(0) for p in people}
    # Exact fractions: ties between equally urgent people must be real ties.
    return {pid: Fraction(n * staffed, total) for pid, n in available.items()}


def carry_over(
    people: Sequence[RotaPerson],
    days: Sequence[date],
    absences: Mapping[int, frozenset[date]],
    held: Mapping[date, int | None],
) -> dict[int, Fraction]:
    """What a past window owes each person: their fair share of the days someone held, minus
    the days they held themselves. `held` is who actually held each day (after swaps, covers
    and days set by hand), so a day counts for whoever held it, not for whoever gave it away;
    a day whose holder was away counts for nobody."""
    planned = [d for d in days if d in held]
    counts = Counter(
        holder for d in planned if (holder := held[d]) is not None and _held(holder, d, absences)
    )
    shares = fair_shares(people, planned, absences, sum(counts.values()))
    return {p.id: shares[p.id] - counts[p.id] for p in people}


def _held(holder: int, day: date, absences: Mapping[int, frozenset[date]]) -> bool:
    """Away means not on the phone: a day whose holder was away is nobody's duty."""
    return day not in absences.get(holder, frozenset())


def _water_fill(wants: Mapping[int, Fraction], total: int) -> Fraction:
    """The common level that makes `max(want + level, 0)` sum to `total`."""
    ordered = sorted(wants.values(), reverse=True)
    level, running = Fraction(0), Fraction(0)
    for m, value in enumerate(ordered, start=1):
        running += value
        level = (total - running) / m
        if m == len(ordered) or ordered[m] + level <= 0:
            break
    return level


def _kept_counts(inp: RotaInput) -> Counter[int]:
    return Counter(
        holder
        for d in inp.days
        if d in inp.kept and (holder := inp.kept[d]) is not None and _held(holder, d, inp.absences)
    )


@dataclass(frozen=True)
class Fairness:
    """What a range owes each person, worked out once per generation."""

    kinds: list[frozenset[int]]  # per day of the range: who is available
    kept: Counter[int]  # kept days each person holds (and is not away on)
    shares: dict[int, Fraction]  # their share of the range's staffed days, carry aside
    totals: dict[int, Fraction]  # fair number of the range's days, carry in, at the water level
    quotas: dict[int, Fraction]  # fair number of the days left to assign
    staffed_free: int  # days left to assign that someone can take


def fairness(inp: RotaInput) -> Fairness:
    kinds = [
        frozenset(p.id for p in inp.people if is_available(p, day, inp.absences))
        for day in inp.days
    ]
    free_kinds = [kind for day, kind in zip(inp.days, kinds, strict=True) if day not in inp.kept]
    takers = frozenset().union(*free_kinds)
    staffed_free = sum(1 for kind in free_kinds if kind)
    kept = _kept_counts(inp)
    available = Counter(pid for kind in kinds for pid in kind)
    total = sum(available.values())
    staffed = staffed_free + sum(kept.values())
    # Exact fractions: ties between equally urgent people must be real ties.
    shares = {p.id: Fraction(available[p.id] * staffed, total or 1) for p in inp.people}
    wants = {pid: share + Fraction(inp.carry.get(pid, 0)) for pid, share in shares.items()}
    level = (
        _water_fill({pid: wants[pid] - kept[pid] for pid in takers}, staffed_free)
        if staffed_free
        else Fraction(0)
    )
    totals = {
        pid: want + level if staffed_free and pid in takers else Fraction(kept[pid])
        for pid, want in wants.items()
    }
    owed = {pid: max(value - kept[pid], Fraction(0)) for pid, value in totals.items()}
    return Fairness(kinds, kept, shares, totals, owed, staffed_free)


def free_quotas(inp: RotaInput) -> dict[int, Fraction]:
    """Each person's fair number of the days left to assign (the days not kept)."""
    return fairness(inp).quotas


def expected_counts(inp: RotaInput) -> dict[int, Fraction]:
    """Each person's fair number of the range's days, kept days included, carry included."""
    fair = fairness(inp)
    return {pid: fair.kept[pid] + quota for pid, quota in fair.quotas.items()}


def quotas(expected: Mapping[int, Fraction]) -> dict[int, tuple[int, int]]:
    """The whole numbers of duties within one of each expectation: (at least, at most)."""
    return {pid: (floor(value), ceil(value)) for pid, value in expected.items()}


def _targets(fair: Fairness) -> dict[int, int]:
    """Whole generated counts: everyone's floor, and the ceilings (as many as the fractions
    add up to) to the largest fractions first: those furthest behind over the window, carry
    included. Among equals, to whoever is furthest behind on the range itself (carry aside),
    so that a range after a balanced one is balanced too."""
    owed, kept = fair.quotas, fair.kept
    targets = {pid: floor(value) for pid, value in owed.items()}
    extra = fair.staffed_free - sum(targets.values())
    behind = sorted(
        (pid for pid, value in owed.items() if value != targets[pid]),
        key=lambda pid: (
            targets[pid] - owed[pid],
            kept[pid] + targets[pid] - fair.shares[pid],
            pid,
        ),
    )
    for pid in behind[: max(extra, 0)]:
        targets[pid] += 1
    return targets


def _shares(inp: RotaInput, fair: Fairness) -> dict[frozenset[int], dict[int, int]]:
    """How many days of each kind (the set of people available) each person takes.

    A max flow, raised in stages: first everyone's lower bound, then their target (floor or
    ceiling, see `_targets`), then the upper bound, then without bound for days nobody within
    bounds can take. Flow into the sink never shrinks, so when a fair solution exists this
    finds one, and when the targets can be met it meets them.
    """
    kinds: dict[frozenset[int], int] = {}
    for day, who in zip(inp.days, fair.kinds, strict=True):
        if who and day not in inp.kept:
            kinds[who] = kinds.get(who, 0) + 1
    people = [p.id for p in inp.people]
    index = {pid: 1 + len(kinds) + i for i, pid in enumerate(people)}
    sink = 1 + len(kinds) + len(people)
    net = FlowNetwork(sink + 1)
    links: dict[tuple[frozenset[int], int], int] = {}
    for k, (who, count) in enumerate(kinds.items(), start=1):
        net.add_edge(0, k, count)
        for pid in sorted(who):
            links[(who, pid)] = net.add_edge(k, index[pid], count)
    bounds, targets = quotas(fair.quotas), _targets(fair)
    outlets = {pid: net.add_edge(index[pid], sink, bounds[pid][0]) for pid in people}
    flowed, total = net.max_flow(0, sink), sum(kinds.values())
    for stage in range(3):
        if flowed == total:
            break
        for pid in people:
            limit = (targets[pid], bounds[pid][1], total)[stage]
            net.raise_capacity(outlets[pid], limit)
        flowed += net.max_flow(0, sink)
    shares: dict[frozenset[int], dict[int, int]] = {who: {} for who in kinds}
    for (who, pid), edge in links.items():
        if net.flow(edge):
            shares[who][pid] = net.flow(edge)
    return shares


def generate(inp: RotaInput) -> dict[date, int | None]:
    fair = fairness(inp)
    shares = _shares(inp, fair)
    planned = Counter[int]()
    for share in shares.values():
        planned.update(share)
    people = {p.id: p for p in inp.people}
    rota: dict[date, int | None] = {}
    last_held: dict[int, int] = {}
    kinds = fair.kinds
    previous = inp.before
    for index, day in enumerate(inp.days):
        if day in inp.kept:
            previous = rota[day] = inp.kept[day]
            continue
        kind = kinds[index]
        if not kind:
            previous = rota[day] = None
            continue
        share = shares[kind]
        after = inp.days[index + 1] if index + 1 < len(inp.days) else None
        blocked = {previous, inp.kept.get(after) if after else None}
        allowed = [pid for pid in sorted(kind) if pid not in blocked] or sorted(kind)
        choices = [pid for pid in allowed if share.get(pid, 0) > 0] or allowed
        tomorrow = _tomorrow(inp, kinds, shares, index)
        chosen = max(choices, key=lambda pid: _priority(pid, kind, tomorrow, shares, last_held))
        share[chosen] = share.get(chosen, 0) - 1
        last_held[chosen] = index
        previous = rota[day] = chosen
    # First back to the flow's counts (they balance the range), then at least within bounds.
    _repair(rota, inp, {pid: (planned[pid], planned[pid]) for pid in people})
    bounds = quotas(fair.quotas)
    _repair(rota, inp, bounds)
    _untangle(rota, inp, bounds)
    _even_out(rota, inp, fair.totals)
    return rota


def _even_out(rota: dict[date, int | None], inp: RotaInput, fair: Mapping[int, Fraction]) -> None:
    """Where the bounds could not be met (two in a row ruled out the fair rota), still never
    leave a generated day with someone two or more duties further above their fair total than
    a colleague who could take the day without holding a neighbouring one."""
    held = Counter(h for h in rota.values() if h is not None)
    above = {pid: held[pid] - value for pid, value in fair.items()}
    if not above or max(above.values()) - min(above.values()) < 2:
        return
    days, people = list(inp.days), {p.id: p for p in inp.people}
    for _ in range(len(days)):
        moved = False
        for index, day in enumerate(days):
            holder = rota[day]
            if day in inp.kept or holder is None or holder not in above:
                continue
            near = {
                rota[days[index - 1]] if index else inp.before,
                rota[days[index + 1]] if index + 1 < len(days) else None,
            }
            takers = [
                pid
                for pid in sorted(people)
                if pid != holder
                and pid not in near
                and above[holder] - above[pid] >= 2
                and is_available(people[pid], day, inp.absences)
            ]
            if takers:
                taker = min(takers, key=lambda pid: above[pid])
                rota[day] = taker
                above[holder] -= 1
                above[taker] += 1
                moved = True
        if not moved:
            return


def _untangle(
    rota: dict[date, int | None], inp: RotaInput, bounds: dict[int, tuple[int, int]]
) -> None:
    """Repairs can make an earlier forced 'two in a row' avoidable: swap such a day with a
    day of someone who can take it (counts stay), or else move it to someone with room."""
    days = list(inp.days)
    people = {p.id: p for p in inp.people}
    counts = {pid: 0 for pid in people}
    for day, holder in rota.items():
        if holder is not None and day not in inp.kept:
            counts[holder] += 1

    def neighbours(index: int) -> set[int | None]:
        before = rota[days[index - 1]] if index else inp.before
        after = rota[days[index + 1]] if index + 1 < len(days) else None
        return {before, after}

    def free(pid: int, index: int) -> bool:
        return pid not in neighbours(index) and is_available(people[pid], days[index], inp.absences)

    for index, day in enumerate(days):
        holder = rota[day]
        if day in inp.kept or holder is None or holder not in neighbours(index):
            continue
        if not _swap_away(rota, inp, days, index, free, neighbours):
            for other in sorted(people):
                if (
                    other != holder
                    and free(other, index)
                    and counts[other] < bounds[other][1]
                    and counts[holder] > bounds[holder][0]
                ):
                    rota[day] = other
                    counts[other] += 1
                    counts[holder] -= 1
                    break


def _swap_away(
    rota: dict[date, int | None],
    inp: RotaInput,
    days: list[date],
    index: int,
    free: Callable[[int, int], bool],
    neighbours: Callable[[int], set[int | None]],
) -> bool:
    """Exchange day `index` with a later or earlier day of someone free to take it."""
    day, holder = days[index], rota[days[index]]
    assert holder is not None
    for other_index, other_day in enumerate(days):
        other = rota[other_day]
        if other is None or other == holder or other_day in inp.kept or not free(other, index):
            continue
        if not is_available(next(p for p in inp.people if p.id == holder), other_day, inp.absences):
            continue
        rota[day], rota[other_day] = other, holder
        if holder in neighbours(other_index):
            rota[day], rota[other_day] = holder, other  # the swap made a new pair
            continue
        return True
    return False


def _priority(
    pid: int,
    kind: frozenset[int],
    tomorrow: frozenset[int] | None,
    shares: dict[frozenset[int], dict[int, int]],
    last_held: dict[int, int],
) -> tuple[bool, int, int, int]:
    """Not the only one left who could take tomorrow; then most days of this kind still to
    take (spreads them out); then whoever waited longest; then a fixed order."""
    free_tomorrow = tomorrow is None or any(
        n - (other == pid and tomorrow is kind) > 0
        for other, n in shares[tomorrow].items()
        if other != pid
    )
    return (free_tomorrow, shares[kind].get(pid, 0), -last_held.get(pid, -1), -pid)


def _repair(
    rota: dict[date, int | None], inp: RotaInput, bounds: dict[int, tuple[int, int]]
) -> None:
    """Bring everyone within their bounds by chains of single-day hand-overs.

    Sequencing alone can miss the bound near the end of a range, because the no-two-days-in-
    a-row rule ties neighbouring days together. A chain is found breadth-first: the person
    over their share gives a day to someone who may take it, who gives one of theirs on,
    until someone with room is reached; no step creates two days in a row.
    """
    days = list(inp.days)
    people = {p.id: p for p in inp.people}
    for _ in range(min(len(days), 60)):
        counts = dict.fromkeys(people, 0)
        for day, holder in rota.items():
            if holder is not None and day not in inp.kept:
                counts[holder] += 1
        over = [pid for pid in people if counts[pid] > bounds[pid][1]]
        under = [pid for pid in people if counts[pid] < bounds[pid][0]]
        if over:
            with_room = {pid for pid in people if counts[pid] < bounds[pid][1]}
            chain = _chain(rota, inp, days, people, [over[0]], with_room)
        elif under:
            spare = [pid for pid in people if counts[pid] > bounds[pid][0]]
            chain = _chain(rota, inp, days, people, spare, {under[0]})
        else:
            return
        if not chain:
            return
        for day, taker in chain:
            rota[day] = taker


def _chain(
    rota: dict[date, int | None],
    inp: RotaInput,
    days: list[date],
    people: dict[int, RotaPerson],
    givers: list[int],
    with_room: set[int],
) -> list[tuple[date, int]]:
    """Hand-overs (day, new holder) from one of `givers` on to one of `with_room`.

    A taker who already holds a neighbouring day must hand that very day on in the next step.
    Each (person, day, step) hand-over is tried once, so the search is bounded.
    """

    def holder(index: int, changes: dict[int, int]) -> int | None:
        if index < 0:
            return inp.before
        if index >= len(days):
            return None
        return changes.get(index, rota[days[index]])

    tried: set[tuple[int, int, int]] = set()
    queue: deque[tuple[int, int | None, dict[int, int]]] = deque((g, None, {}) for g in givers)
    while queue and len(tried) < SEARCH_LIMIT:
        giver, forced, changes = queue.popleft()
        mine = (
            [forced]
            if forced is not None
            else [
                i for i, d in enumerate(days) if d not in inp.kept and holder(i, changes) == giver
            ]
        )
        for index in mine:
            for taker in sorted(people):
                if (
                    taker == giver
                    or (taker, index, len(changes)) in tried
                    or not is_available(people[taker], days[index], inp.absences)
                ):
                    continue
                adjacent = [i for i in (index - 1, index + 1) if holder(i, changes) == taker]
                if len(adjacent) > 1 or any(i < 0 or days[i] in inp.kept for i in adjacent):
                    continue
                tried.add((taker, index, len(changes)))
                step = {**changes, index: taker}
                if not adjacent and taker not in givers and taker in with_room:
                    return [(days[i], pid) for i, pid in step.items()]
                queue.append((taker, adjacent[0] if adjacent else None, step))
    return []


def _tomorrow(
    inp: RotaInput,
    kinds: list[frozenset[int]],
    shares: dict[frozenset[int], dict[int, int]],
    index: int,
) -> frozenset[int] | None:
    """The kind of the next day to fill, if it is the very next working day and has a choice."""
    if index + 1 >= len(inp.days) or inp.days[index + 1] in inp.kept:
        return None
    nxt = kinds[index + 1]
    return nxt if len(nxt) > 1 and nxt in shares else None
