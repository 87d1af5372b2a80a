"""The outbox sender: claims due messages, sends them with bounded concurrency, records outcomes.

429 waits as the connector asks; 403/404 (the bot was blocked or removed) is final; a claim
left by a crashed process is taken over when its lease runs out.
"""

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.delivery import DeliveryError, Destination
from dialogs.plain import Reply
from domain.clock import Clock
from store.db import unit_of_work
from store.models import ConversationRef, Member, OutboxMessage, Team
from store.outbox import Outcome
from store.store import Store
from store.writer_lock import background

log = logging.getLogger(__name__)

Deliver = Callable[[Destination, Reply], Awaitable[str]]

# A send gives up well inside its lease (outbox_lease_seconds), so no other sender takes over
# a claim whose send may still reach Teams (which would show the message twice).
SEND_TIMEOUT = 30.0
MAX_ATTEMPTS = 8
# A 429 is Teams asking for patience, not a fault of the message: many more of those are
# waited out (each as long as Retry-After says) before a message is given up.
MAX_THROTTLED_ATTEMPTS = 100
FINAL_STATUSES = frozenset({400, 403, 404})


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(2**attempts * 5, 3600))


class OutboxSender:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        clock: Clock,
        deliver: Deliver,
        concurrency: int = 8,
        lease: timedelta = timedelta(minutes=2),
        send_timeout: float = SEND_TIMEOUT,
    ) -> None:
        self.sessions = sessions
        self.clock = clock
        self.deliver = deliver
        self.concurrency = concurrency
        self.lease = lease
        self.send_timeout = send_timeout
        self._slots = asyncio.Semaphore(concurrency)
        self._wake = asyncio.Event()
        self._stopping = False
        self._in_flight = 0
        self._ended: list[tuple[Outcome, asyncio.Future[None]]] = []
        self._recorder: asyncio.Task[None] | None = None

    def kick(self) -> None:
        self._wake.set()

    async def drain(self, timeout: float = 10.0) -> None:
        """On shutdown: claim nothing new, and let sends already under way finish, so no
        claim is left to wait out its lease (and no message is sent twice)."""
        self._stopping = True
        self._wake.set()  # the loop ends at its next turn, never inside a transaction
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while self._in_flight and loop.time() < deadline:
            await asyncio.sleep(0.05)

    async def run_forever(self, idle_seconds: float = 10.0, gather_seconds: float = 0.05) -> None:
        with background():  # its transactions wait for turns at SQLite's writer
            await self._loop(idle_seconds, gather_seconds)

    async def _loop(self, idle_seconds: float, gather_seconds: float) -> None:
        wait = 0.0  # at start-up, send what an earlier process left behind
        while not self._stopping:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), wait)
                # Let a burst of turns queue their notices, and claim them together.
                await asyncio.sleep(gather_seconds)
            self._wake.clear()
            if self._stopping:
                return
            try:
                while await self.run_once():
                    pass
                wait = await self._until_next_due(idle_seconds)
            except Exception:
                log.exception("outbox round failed")
                wait = idle_seconds

    async def _until_next_due(self, idle_seconds: float) -> float:
        """Seconds to sleep: until the next retry is due (a 429's Retry-After), at most idle."""
        async with unit_of_work(self.sessions) as session:
            due = await Store(session).outbox.next_due()
        if due is None:
            return idle_seconds
        seconds = (due - self.clock.now()).total_seconds()
        return min(idle_seconds, max(seconds, 0.05))

    async def run_once(self) -> int:
        """Claim what is due now (as many as may be in flight), send it; how many were tried.

        Claimed in one transaction; each outcome is recorded as soon as its send ends, so a
        crash repeats at most the sends that were under way. Outcomes that end together are
        recorded in one statement (`_record`)."""
        if self._stopping:
            return 0
        self._in_flight += 1  # from the claim on: a shutdown waits for what it claims
        try:
            async with unit_of_work(self.sessions) as session:
                store = Store(session)
                now = self.clock.now()
                claimed = await store.outbox.claim_due(now, self.lease, self.concurrency)
                where = await _destinations(store, claimed)
                work = [
                    (m.id, m.payload, m.attempts, d) for m, d in zip(claimed, where, strict=True)
                ]
            await asyncio.gather(*(self._send(*item) for item in work))
        finally:
            self._in_flight -= 1
        return len(work)

    async def _send(
        self,
        message_id: int,
        payload: dict[str, object],
        attempts: int,
        destination: Destination | None,
    ) -> None:
        if destination is None:
            unreachable = "no way to reach the recipient"
            await self._record(Outcome(message_id, attempts, "dead", unreachable))
            return
        async with self._slots:
            self._in_flight += 1
            try:
                await self._record(await self._outcome(message_id, attempts, destination, payload))
            finally:
                self._in_flight -= 1

    async def _outcome(
        self, message_id: int, attempts: int, destination: Destination, payload: dict[str, object]
    ) -> Outcome:
        try:
            activity_id = await asyncio.wait_for(
                self.deliver(destination, Reply.from_payload(payload)), self.send_timeout
            )
        except DeliveryError as exc:
            return self._failed(message_id, attempts, exc.status, exc.retry_after, str(exc))
        except Exception as exc:
            return self._failed(message_id, attempts, 0, None, type(exc).__name__)
        return Outcome(message_id, attempts, "sent", activity_id=activity_id)

    async def _record(self, outcome: Outcome) -> None:
        """Record an outcome, and return once it is. Outcomes that end while one is recorded
        wait and go together in the next statement (#17: one statement, its unit's only write,
        for what a burst of sends ended, where each took a unit). The recorder is a task of its
        own: a send cancelled while it waits (a shutdown) does not stop the record."""
        recorded = asyncio.get_running_loop().create_future()
        self._ended.append((outcome, recorded))
        if self._recorder is None or self._recorder.done():
            self._recorder = asyncio.create_task(self._record_ended())
        await recorded

    async def _record_ended(self) -> None:
        await asyncio.sleep(0)  # outcomes ending in this same moment join the first statement
        while self._ended:
            batch, self._ended = self._ended, []
            try:
                async with unit_of_work(self.sessions) as session:
                    await Store(session).outbox.finish([o for o, _ in batch], self.clock.now())
            except Exception as exc:
                for _, recorded in batch:
                    if not recorded.done():
                        recorded.set_exception(exc)
            else:
                for _, recorded in batch:
                    if not recorded.done():
                        recorded.set_result(None)

    def _failed(
        self, message_id: int, attempts: int, status: int, retry_after: float | None, error: str
    ) -> Outcome:
        limit = MAX_THROTTLED_ATTEMPTS if status == 429 else MAX_ATTEMPTS
        if status in FINAL_STATUSES or attempts >= limit:
            log.warning(
                "outbox message %d dead after %d attempts (%s)", message_id, attempts, error
            )
            return Outcome(message_id, attempts, "dead", error)
        delay = timedelta(seconds=retry_after) if retry_after is not None else backoff(attempts)
        return Outcome(message_id, attempts, "pending", error, next_try_at=self.clock.now() + delay)


async def _destinations(store: Store, messages: list[OutboxMessage]) -> list[Destination | None]:
    """Where each message goes: the people's 1:1 chats in one query for the whole claim, each
    team once (#17: a statement per message before)."""
    recipients = [m.recipient.partition(":")[::2] for m in messages]
    people = await store.members.reach(
        int(raw_id) for kind, raw_id in recipients if kind != "channel" and raw_id.isdigit()
    )
    teams: dict[int, Team | None] = {}  # held here: the session keeps its rows only weakly

    async def team(team_id: int) -> Team | None:
        if team_id not in teams:
            teams[team_id] = await store.teams.get(team_id)
        return teams[team_id]

    found = []
    for message, (kind, raw_id) in zip(messages, recipients, strict=True):
        found.append(await _destination(message, kind, raw_id, people, team))
    return found


async def _destination(
    message: OutboxMessage,
    kind: str,
    raw_id: str,
    people: dict[int, tuple[Member, ConversationRef | None]],
    team_of: Callable[[int], Awaitable[Team | None]],
) -> Destination | None:
    if not raw_id.isdigit():
        return None
    if kind == "channel":
        team = await team_of(int(raw_id))
        if team is None or not team.announce_channel_id:
            return None
        return Destination(team.service_url, team.tenant_id, channel_id=team.announce_channel_id)
    reach = people.get(int(raw_id))
    if reach is None:
        return None
    member, ref = reach
    if ref is not None:
        return Destination(ref.service_url, member.tenant_id, reference=ref.reference)
    team = await team_of(message.team_id) if message.team_id else None
    if team is None or not member.teams_user_id:
        return None
    return Destination(team.service_url, member.tenant_id, user_teams_id=member.teams_user_id)
