"""Calendar feed secrets."""

import secrets
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from store.models import CalendarFeed


class FeedRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def live(self, secret: str) -> CalendarFeed | None:
        feed = await self.session.get(CalendarFeed, secret)
        return feed if feed is not None and not feed.revoked else None

    async def secret_for(
        self, team_id: int, member_id: int, now: datetime, *, team_wide: bool, renew: bool
    ) -> str:
        """The member's live feed secret (of their own duties, or the whole team's); a new one
        (the old revoked) when `renew`."""
        where = (
            CalendarFeed.team_id == team_id,
            CalendarFeed.member_id == member_id,
            CalendarFeed.team_wide == team_wide,
            ~CalendarFeed.revoked,
        )
        if renew:
            await self.session.execute(update(CalendarFeed).where(*where).values(revoked=True))
        else:
            existing = await self.session.scalar(select(CalendarFeed.secret).where(*where))
            if existing:
                return existing
        secret = secrets.token_urlsafe(24)
        self.session.add(
            CalendarFeed(
                secret=secret,
                team_id=team_id,
                member_id=member_id,
                team_wide=team_wide,
                created_at=now,
            )
        )
        return secret
