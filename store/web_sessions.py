"""Browser sessions for the web pages, and the one-time sign-in links that start them.

Interface for both sign-in paths (the chat's link and the Teams tab's SSO):

    cookie = await ctx.store.web_sessions.start(member_id, team_id, now)
    # set it as the `hotline_session` cookie (see bot.web.set_session_cookie)

A session names one member and one team and lasts `SESSION_FOR` (8 hours). It grants nothing by
itself: every request checks the membership again with store.members.is_active, so a leaver's
session stops working at once. Only sha256 hashes of the cookie values and link tokens are stored.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, update
from sqlalchemy.ext.asyncio import AsyncSession

from store.models import WebLink, WebSession

COOKIE = "hotline_session"
SESSION_FOR = timedelta(hours=8)
LINK_FOR = timedelta(minutes=10)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def csrf_token(cookie: str) -> str:
    """The CSRF token of a session: derived from the secret cookie value, so a page of another
    site can neither read nor compute it."""
    return hashlib.sha256(b"csrf\0" + cookie.encode()).hexdigest()[:40]


@dataclass(frozen=True)
class SignedIn:
    member_id: int
    team_id: int
    expires_at: datetime


class WebSessionRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def start(self, member_id: int, team_id: int, now: datetime) -> str:
        """A new session; returns the cookie value (never stored in the clear)."""
        return await self._issue(WebSession, 32, member_id, team_id, now, SESSION_FOR)

    async def get(self, cookie: str, now: datetime) -> SignedIn | None:
        """The session behind a cookie value, if it has not expired."""
        if not cookie or len(cookie) > 200:
            return None
        row = await self.session.get(WebSession, _hash(cookie))
        if row is None or row.expires_at <= now:
            return None
        return SignedIn(row.member_id, row.team_id, row.expires_at)

    async def end(self, cookie: str) -> None:
        await self.session.execute(delete(WebSession).where(WebSession.id == _hash(cookie)))

    async def new_link(self, member_id: int, team_id: int, now: datetime) -> str:
        """A one-time sign-in token for `/web/login/{token}`, valid `LINK_FOR`."""
        return await self._issue(WebLink, 24, member_id, team_id, now, LINK_FOR)

    async def _issue(
        self,
        model: type[WebSession] | type[WebLink],
        size: int,
        member_id: int,
        team_id: int,
        now: datetime,
        valid_for: timedelta,
    ) -> str:
        """A new random secret for a member and team; only its hash is stored."""
        secret = secrets.token_urlsafe(size)
        self.session.add(
            model(
                id=_hash(secret),
                member_id=member_id,
                team_id=team_id,
                created_at=now,
                expires_at=now + valid_for,
            )
        )
        await self.session.flush()
        return secret

    async def redeem_link(self, token: str, now: datetime) -> tuple[int, int] | None:
        """(member id, team id) of a valid, unused link, which is then used up: a conditional
        UPDATE, so of two uses at the same instant exactly one wins."""
        if not token or len(token) > 200:
            return None
        found = (
            await self.session.execute(
                update(WebLink)
                .where(
                    WebLink.id == _hash(token), WebLink.used_at.is_(None), WebLink.expires_at > now
                )
                .values(used_at=now)
                .returning(WebLink.member_id, WebLink.team_id)  # one round trip
                .execution_options(synchronize_session=False)
            )
        ).first()
        return (found[0], found[1]) if found else None

    async def purge(self, now: datetime) -> int:
        """Forget expired sessions and links (they name a member); how many went."""
        gone = 0
        for model in (WebSession, WebLink):
            result = await self.session.execute(delete(model).where(model.expires_at <= now))
            gone += int(result.rowcount or 0)  # type: ignore[attr-defined]
        return gone
