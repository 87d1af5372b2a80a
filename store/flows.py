"""Card flows: the state behind a card, and the version check that makes old clicks harmless."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import Update, bindparam, delete, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from store.models import Base, CardFlow

_FLOWS = Base.metadata.tables[CardFlow.__tablename__]


def _claim(with_state: bool, prefix: str = "") -> Update:
    """Built once (#17): a Core UPDATE of the table, bound per click. `state` keeps its
    column's type, so a CPR number in it is refused on bind as on every write. `prefix`
    names its parameters apart from those of a statement that embeds it."""
    columns = ["version", "done", "handled_by", "handled_at", *(["state"] if with_state else [])]
    c = _FLOWS.c
    return (
        update(_FLOWS)
        .where(
            c.id == bindparam(f"{prefix}flow_id"), c.version == bindparam(f"{prefix}seen"), ~c.done
        )
        .values({name: bindparam(f"{prefix}new_{name}", type_=c[name].type) for name in columns})
    )


_CLAIMS = {False: _claim(False), True: _claim(True)}


@dataclass(frozen=True)
class Claim:
    """A flow to move on from `version` (to done) in the same statement as the write it
    allows: nothing is written unless the claim wins, and a lost claim writes nothing (#17)."""

    flow: CardFlow
    version: int
    member_id: int
    now: datetime
    done: bool = True
    state: dict[str, Any] | None = None  # the flow's new state, if it changes

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {
            "version": self.version + 1,
            "done": self.done,
            "handled_by": self.member_id,
            "handled_at": self.now,
        }
        if self.state is not None:
            values["state"] = self.state
        return values

    def params(self, prefix: str = "") -> dict[str, Any]:
        """The bound values of `claim_statement(prefix)`."""
        values = {f"{prefix}new_{key}": value for key, value in self.values().items()}
        return {**values, f"{prefix}flow_id": self.flow.id, f"{prefix}seen": self.version}

    def won(self) -> None:
        """The flow as stored once the claim won: no second SELECT, and nothing to flush."""
        for key, value in self.values().items():
            set_committed_value(self.flow, key, value)


@cache
def claim_statement(prefix: str) -> Update:
    """The conditional UPDATE of a `Claim`, RETURNING the flow's id, for a statement that
    embeds it (its parameters named with `prefix`)."""
    return _claim(False, prefix).returning(_FLOWS.c.id)


class FlowRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def start(
        self, kind: str, team_id: int | None, state: dict[str, Any], now: datetime
    ) -> CardFlow:
        flow = CardFlow(
            id=str(uuid.uuid4()),
            team_id=team_id,
            kind=kind,
            state=state,
            version=1,
            done=False,
            created_at=now,
        )
        self.session.add(flow)
        await self.session.flush()
        return flow

    async def get(self, flow_id: str) -> CardFlow | None:
        return await self.session.get(CardFlow, flow_id)

    async def claim(
        self,
        flow: CardFlow,
        version: int,
        member_id: int,
        now: datetime,
        *,
        done: bool,
        state: dict[str, Any] | None = None,
    ) -> bool:
        """Move the flow on if it is still at `version`; False if someone got there first.

        A conditional UPDATE, so two clicks at the same instant cannot both win.
        """
        claim = Claim(flow, version, member_id, now, done, state)
        result = await self.session.execute(_CLAIMS[state is not None], claim.params())
        if not result.rowcount:  # type: ignore[attr-defined]
            return False
        claim.won()
        return True

    async def purge(self, before: datetime) -> int:
        """Forget card flows started before a date (a click on such a card is then answered
        as an unknown card)."""
        result = await self.session.execute(delete(CardFlow).where(CardFlow.created_at < before))
        return int(result.rowcount or 0)  # type: ignore[attr-defined]
