"""Rota generation for 50 people over one year: prints the time per run.

python -m bench.rota [--people 50] [--runs 20]
"""

import argparse
import random
import statistics
import time
from datetime import date, timedelta

from rules.rota import RotaInput, RotaPerson, free_quotas, generate
from rules.working_days import Calendar


def realistic_team(people: int, first: date, last: date, seed: int = 7) -> RotaInput:
    """Full-timers and some part-timers, five weeks of vacation each, a few kept days."""
    rng = random.Random(seed)
    days = Calendar.of(["12-24"]).working_days(first, last)
    team = []
    absences: dict[int, frozenset[date]] = {}
    for pid in range(1, people + 1):
        workdays = (
            frozenset(range(5))
            if rng.random() < 0.7
            else frozenset(rng.sample(range(5), rng.choice((3, 4))))
        )
        team.append(RotaPerson(pid, workdays))
        away: set[date] = set()
        for _ in range(3):
            start = first + timedelta(days=rng.randrange((last - first).days))
            away.update(start + timedelta(days=i) for i in range(rng.choice((5, 7, 14))))
        absences[pid] = frozenset(away)
    kept = {d: rng.randrange(1, people + 1) for d in rng.sample(days, 10)}
    return RotaInput(team, days, absences, kept)


def measure(people: int, runs: int) -> str:
    inp = realistic_team(people, date(2027, 1, 1), date(2027, 12, 31))
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        rota = generate(inp)
        times.append((time.perf_counter() - start) * 1000)
    expected = free_quotas(inp)  # of the days not kept
    free = [h for d, h in rota.items() if d not in inp.kept]
    worst = max(abs(free.count(pid) - float(e)) for pid, e in expected.items())
    return (
        f"rota generation, {people} people x {len(inp.days)} working days, "
        f"{runs} runs: median {statistics.median(times):.1f} ms, "
        f"max {max(times):.1f} ms; largest |assigned - expected| {worst:.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=50)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    print(measure(args.people, args.runs))


if __name__ == "__main__":
    main()
