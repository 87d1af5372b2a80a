"""Closed-loop load: a fixed number of activities, `concurrency` of them in flight at once."""

import asyncio
import gc
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import aiohttp


@dataclass(frozen=True)
class Run:
    turns: int
    seconds: float
    latencies: tuple[float, ...]  # sorted, seconds
    failures: int

    @property
    def per_second(self) -> float:
        return self.turns / self.seconds

    def percentile(self, p: float) -> float:
        return self.latencies[min(len(self.latencies) - 1, int(len(self.latencies) * p))]


async def drive(
    http: aiohttp.ClientSession, url: str, activities: Sequence[dict[str, Any]], concurrency: int
) -> Run:
    pending = iter(activities)
    latencies: list[float] = []
    failures = 0

    async def worker() -> None:
        nonlocal failures
        for activity in pending:
            start = time.perf_counter()
            async with http.post(url, json=activity) as response:
                await response.read()
                if response.status not in (200, 201):
                    failures += 1
            latencies.append(time.perf_counter() - start)

    # What this process holds (the activities, earlier runs) is frozen out of the garbage
    # collector's full passes while the run lasts: one of those stopped this process for up to
    # 110 ms, which every turn in flight then counted as the server's latency.
    gc.collect()
    gc.freeze()
    try:
        began = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        ended = time.perf_counter()
    finally:
        gc.unfreeze()
    return Run(len(activities), ended - began, tuple(sorted(latencies)), failures)


def median_run(runs: Sequence[Run]) -> Run:
    """The run with the median throughput."""
    ordered = sorted(runs, key=lambda r: r.per_second)
    return ordered[len(ordered) // 2]


def median(values: Sequence[float]) -> float:
    return statistics.median(values)
