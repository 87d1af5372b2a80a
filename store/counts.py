"""Counters of switchboard verdicts per team and day."""

from datetime import date

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from store.models import SwitchboardCount
from store.upsert import insert_ignore


class CountRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, team_id: int, day: date, verdict: str, category: str) -> None:
        key = {"team_id": team_id, "day": day, "verdict": verdict, "category": category}
        await insert_ignore(self.session, SwitchboardCount, list(key), {**key, "count": 0})
        await self.session.execute(
            update(SwitchboardCount)
            .where(*(getattr(SwitchboardCount, k) == v for k, v in key.items()))
            .values(count=SwitchboardCount.count + 1)
        )

    async def totals(self, team_id: int, first: date, last: date) -> dict[tuple[str, str], int]:
        rows = await self.session.execute(
            select(
                SwitchboardCount.verdict,
                SwitchboardCount.category,
                func.sum(SwitchboardCount.count),
            )
            .where(
                SwitchboardCount.team_id == team_id,
                SwitchboardCount.day >= first,
                SwitchboardCount.day <= last,
            )
            .group_by(SwitchboardCount.verdict, SwitchboardCount.category)
        )
        return {(v, c): int(n) for v, c, n in rows}
