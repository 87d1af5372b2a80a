"""Overload protection: turns beyond what the event loop can answer in time are refused at
once with 503 and Retry-After. Teams retries a 503, while a turn queued behind hundreds of
others is one it gives up on after 15 s, after the bot has done the work. Only /api/messages
is bounded: the web pages and the health checks stay answerable under load.

The turns in flight share one event loop (and SQLite's one writer), so an answered turn takes
about (turns in flight) × (a turn's work): a fixed limit suits one machine's speed only. So the
limit follows the measured latency, as TCP's window does (additive increase, multiplicative
decrease): each turn answered within TARGET lets the limit grow by about one per round of
turns; a turn that took longer cuts it by a quarter (once per round: the turns that began
before the cut were admitted under the old limit and say nothing about the new one). FLOOR
turns are always let in: the everyday peak (the benchmark's 20 conversations at once) never
sees a 503, however slow the machine; and never more than `limit`.

Refusing by the age of the oldest turn in flight does not work: turns admitted together age
together, so by the time the oldest is late, the limit's worth have been let in.
"""

import time
from collections.abc import Callable

from aiohttp import web
from aiohttp.typedefs import Handler, Middleware

TURNS = "/api/messages"
RETRY_AFTER_SECONDS = 1
FLOOR = 20
# The answered turns' latency the limit aims at; the p99 target under overload is 200 ms (#17).
TARGET = 0.1
CUT = 0.75


class Admission:
    """The turns in flight and how many may be: between `floor` and `limit`."""

    def __init__(
        self,
        limit: int,
        floor: int = FLOOR,
        target: float = TARGET,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit = limit
        self.floor = min(floor, limit)
        self.target = target
        # Starts at the floor (a burst at start-up is not let in all at once) and opens as
        # turns are answered in time, as they are on a quiet server within a few rounds.
        self.allowed = float(self.floor)
        self._clock = clock
        self._started: dict[object, float] = {}
        self._cut_at = float("-inf")

    @property
    def in_flight(self) -> int:
        return len(self._started)

    def enter(self) -> object | None:
        """A ticket for an admitted turn (hand it to `leave`), or None: refuse it."""
        in_flight = len(self._started)
        if in_flight >= self.limit or (in_flight >= self.floor and in_flight >= self.allowed):
            return None
        ticket = object()
        self._started[ticket] = self._clock()
        return ticket

    def leave(self, ticket: object) -> None:
        began = self._started.pop(ticket)
        now = self._clock()
        if now - began <= self.target:
            self.allowed = min(float(self.limit), self.allowed + 1 / max(self.allowed, 1.0))
        elif began > self._cut_at:
            self.allowed = max(float(self.floor), self.allowed * CUT)
            self._cut_at = now


def admit_turns(limit: int, admission: Admission | None = None) -> Middleware:
    gate = admission or Admission(limit)

    @web.middleware
    async def admit(request: web.Request, handler: Handler) -> web.StreamResponse:
        if request.path != TURNS:
            return await handler(request)
        ticket = gate.enter()
        if ticket is None:
            return web.json_response(
                {"error": "busy"},
                status=503,
                headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
            )
        try:
            return await handler(request)
        finally:
            gate.leave(ticket)

    return admit
