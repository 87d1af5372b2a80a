"""The outbox table: enqueue once per key, claim with a lease, record the outcome.

A message about a case has a kind that starts with `case_` and a key `<what>:<case id>:…`,
so the case's copies can be found and deleted with the case's personal data."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from types import SimpleNamespace
from typing import Any

from sqlalchemy import ColumnElement, Select, bindparam, column, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from store.models import OutboxMessage
from store.sole_write import SOLE_WRITE
from store.upsert import insert_ignore


@dataclass(frozen=True)
class Queued:
    """A message to queue once per key, written by whoever writes the change it is about."""

    key: str
    team_id: int | None
    kind: str
    recipient: str
    payload: dict[str, Any]

    def row(self, now: datetime) -> dict[str, Any]:
        """The outbox row's values, queued at `now`."""
        return {
            "key": self.key,
            "team_id": self.team_id,
            "kind": self.kind,
            "recipient": self.recipient,
            "payload": self.payload,
            "status": "pending",
            "attempts": 0,
            "next_try_at": now,
            "created_at": now,
        }


@dataclass(frozen=True)
class Outcome:
    """How a send ended: `sent`, `pending` (tried again at `next_try_at`) or `dead`."""

    message_id: int
    attempt: int  # the message's attempts once claimed: the claim it records
    status: str
    error: str | None = None
    activity_id: str | None = None
    next_try_at: datetime | None = None


# A send's outcome: its status, no lease, its error (or none); when and as what it was sent, and
# when it is tried again, only where the outcome says (else kept).
_FINISHED = ("id", "attempt", "status", "error", "sent_at", "activity_id", "next_try_at")


def _finished(v: Any) -> dict[str, Any]:
    o = OutboxMessage
    return {
        "status": v.status,
        "lease_until": None,
        "last_error": v.error,
        "sent_at": func.coalesce(v.sent_at, o.sent_at),
        "activity_id": func.coalesce(v.activity_id, o.activity_id),
        "next_try_at": func.coalesce(v.next_try_at, o.next_try_at),
    }


def _one(outcome: Outcome, now: datetime) -> dict[str, Any]:
    sent = outcome.status == "sent"
    return {
        "o_id": outcome.message_id,
        "o_attempt": outcome.attempt,
        "o_status": outcome.status,
        "o_error": outcome.error,
        "o_sent_at": now if sent else None,
        "o_activity_id": outcome.activity_id if sent else None,
        "o_next_try_at": outcome.next_try_at,
    }


def _arrays(outcomes: Sequence[Outcome], now: datetime) -> dict[str, list[Any]]:
    rows = [_one(o, now) for o in outcomes]
    return {f"o_{name}s": [row[f"o_{name}"] for row in rows] for name in _FINISHED}


_COLUMN = {"attempt": "attempts", "error": "last_error"}


def _type(name: str) -> Any:
    return OutboxMessage.__table__.c[_COLUMN.get(name, name)].type


_FINISH_ONE = (
    update(OutboxMessage)
    .where(OutboxMessage.id == bindparam("o_id"), OutboxMessage.attempts == bindparam("o_attempt"))
    .values(
        **_finished(SimpleNamespace(**{n: bindparam(f"o_{n}", type_=_type(n)) for n in _FINISHED}))
    )
    .execution_options(synchronize_session=False)
)


@cache
def _finish_all_pg() -> Any:
    """UPDATE … FROM unnest(one array per field) AS v: every outcome of a claim at once."""
    from sqlalchemy.dialects.postgresql import ARRAY  # only a PostgreSQL engine needs it

    arrays = [bindparam(f"o_{name}s", type_=ARRAY(_type(name))) for name in _FINISHED]
    v = (
        func.unnest(*arrays)
        .table_valued(*(column(name, _type(name)) for name in _FINISHED))
        .render_derived()
        .alias("v")
    )
    return (
        update(OutboxMessage)
        .where(OutboxMessage.id == v.c.id, OutboxMessage.attempts == v.c.attempt)
        .values(**_finished(v.c))
        .prefix_with(SOLE_WRITE)
        .execution_options(synchronize_session=False)
    )


def _unclaimed(now: datetime) -> ColumnElement[bool]:
    return or_(OutboxMessage.lease_until.is_(None), OutboxMessage.lease_until < now)


def _due(now: datetime, limit: int) -> Select[int]:
    return (
        select(OutboxMessage.id)
        .where(
            OutboxMessage.status == "pending",
            OutboxMessage.next_try_at <= now,
            _unclaimed(now),
        )
        .order_by(OutboxMessage.next_try_at, OutboxMessage.id)
        .limit(limit)
    )


class OutboxRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def enqueue(
        self,
        key: str,
        team_id: int | None,
        kind: str,
        recipient: str,
        payload: dict[str, Any],
        now: datetime,
    ) -> bool:
        """False if a message with this key exists already (sent or not): exactly-once."""
        return await self.queue(Queued(key, team_id, kind, recipient, payload), now)

    async def queue(self, message: Queued, now: datetime) -> bool:
        """`enqueue` of a message built beforehand."""
        return await insert_ignore(self.session, OutboxMessage, ["key"], message.row(now))

    async def due_ids(self, now: datetime, limit: int) -> list[int]:
        return list(await self.session.scalars(_due(now, limit)))

    async def next_due(self) -> datetime | None:
        """When the earliest pending message is due (it may be claimed: then when its lease
        runs out), so the sender can wake for a Retry-After instead of its idle round."""
        return await self.session.scalar(
            select(
                func.min(func.coalesce(OutboxMessage.lease_until, OutboxMessage.next_try_at))
            ).where(OutboxMessage.status == "pending")
        )

    async def claim_due(self, now: datetime, lease: timedelta, limit: int) -> list[OutboxMessage]:
        """Take up to `limit` due messages for sending, in one statement. Another worker's
        claim holds until its lease runs out (on PostgreSQL a racing UPDATE re-checks the
        lease on the row it waited for, so two workers never claim one message)."""
        rows = await self.session.scalars(
            update(OutboxMessage)
            .where(
                OutboxMessage.id.in_(_due(now, limit).scalar_subquery()),
                OutboxMessage.status == "pending",
                _unclaimed(now),
            )
            .values(lease_until=now + lease, attempts=OutboxMessage.attempts + 1)
            .returning(OutboxMessage)
            .execution_options(populate_existing=True)
        )
        return sorted(rows, key=lambda m: (m.next_try_at, m.id))

    async def get(self, message_id: int) -> OutboxMessage | None:
        return await self.session.get(OutboxMessage, message_id)

    async def exists_like(self, pattern: str) -> bool:
        """Whether a message whose key matches the SQL LIKE pattern was ever queued."""
        found = await self.session.scalar(
            select(OutboxMessage.id).where(OutboxMessage.key.like(pattern)).limit(1)
        )
        return found is not None

    async def by_key(self, key: str) -> OutboxMessage | None:
        return await self.session.scalar(select(OutboxMessage).where(OutboxMessage.key == key))

    async def finish(self, outcomes: Sequence[Outcome], now: datetime) -> None:
        """How sends ended, recorded together (#17: on PostgreSQL one statement, its unit's
        only write, where each outcome took a unit of three round trips). Each only while the
        message is still the claim of its `attempt`: a sender that stalled past its lease
        leaves alone the claim that took the message over."""
        if not outcomes:
            return
        if self.session.get_bind().dialect.name == "postgresql":
            await self.session.execute(_finish_all_pg(), _arrays(outcomes, now))
            return
        for outcome in outcomes:
            await self.session.execute(_FINISH_ONE, _one(outcome, now))

    async def purge(self, before: datetime) -> int:
        """Forget messages sent (or given up) before a date: their texts name people."""
        result = await self.session.execute(
            delete(OutboxMessage).where(
                OutboxMessage.status.in_(("sent", "dead")), OutboxMessage.created_at < before
            )
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]

    async def about_cases(self, team_id: int, case_ids: Iterable[int]) -> list[OutboxMessage]:
        """Every copy, queued or sent, of the team's messages about these cases."""
        wanted = {str(i) for i in case_ids}
        if not wanted:
            return []
        rows = await self.session.scalars(
            select(OutboxMessage).where(
                OutboxMessage.team_id == team_id, OutboxMessage.kind.startswith("case_")
            )
        )
        return [m for m in rows if [*m.key.split(":"), ""][1] in wanted]

    async def delete_for_cases(self, team_id: int, case_ids: Iterable[int]) -> int:
        """Delete every copy, queued or sent, of the team's messages about these cases."""
        doomed = [m.id for m in await self.about_cases(team_id, case_ids)]
        if not doomed:
            return 0
        await self.session.execute(
            delete(OutboxMessage)
            .where(OutboxMessage.id.in_(doomed))
            .execution_options(synchronize_session=False)
        )
        return len(doomed)
