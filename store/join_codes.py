"""Join codes that let people outside the Teams team (the switchboard) into a team's bot."""

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from store.models import JoinAttempt, JoinCode, Team

# No 0/O, 1/I/L: codes are read aloud over the phone.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
VALID_FOR = timedelta(days=7)


def _hash(code: str) -> str:
    return hashlib.sha256(code.strip().upper().encode()).hexdigest()


class JoinCodeRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def create(self, team_id: int, role: str, created_by: int, now: datetime) -> str:
        code = "".join(secrets.choice(ALPHABET) for _ in range(8))
        self.session.add(
            JoinCode(
                code_hash=_hash(code),
                team_id=team_id,
                role=role,
                created_by=created_by,
                expires_at=now + VALID_FOR,
            )
        )
        await self.session.flush()
        return code

    async def redeem(
        self, code: str, tenant_id: str, member_id: int, now: datetime
    ) -> JoinCode | None:
        """The code's row if it is valid, unused and belongs to a team in the caller's tenant;
        it is then used up. A code from another tenant is as wrong as a made-up one."""
        code_hash = _hash(code)
        in_tenant = select(Team.id).where(Team.tenant_id == tenant_id).scalar_subquery()
        result = await self.session.execute(
            update(JoinCode)
            .where(
                JoinCode.code_hash == code_hash,
                JoinCode.team_id.in_(in_tenant),
                JoinCode.used_by.is_(None),
                JoinCode.expires_at > now,
            )
            .values(used_by=member_id, used_at=now)
            .execution_options(synchronize_session=False)
        )
        if not result.rowcount:  # type: ignore[attr-defined]
            return None
        return await self.session.get(JoinCode, code_hash)

    async def record_failure(
        self, code: str, tenant_id: str, member_id: int, now: datetime
    ) -> int | None:
        """Count a wrong code against the person; the team it belongs to when it is one of the
        tenant's used or expired codes (a made-up code belongs to no team)."""
        team_id = await self.session.scalar(
            select(JoinCode.team_id)
            .join(Team, Team.id == JoinCode.team_id)
            .where(JoinCode.code_hash == _hash(code), Team.tenant_id == tenant_id)
        )
        self.session.add(JoinAttempt(member_id=member_id, team_id=team_id, at=now))
        await self.session.flush()
        return team_id

    async def failures(self, member_id: int, since: datetime) -> list[datetime]:
        """When the person gave a wrong code, since `since`, newest first."""
        rows = await self.session.scalars(
            select(JoinAttempt.at)
            .where(JoinAttempt.member_id == member_id, JoinAttempt.at >= since)
            .order_by(JoinAttempt.at.desc())
        )
        return list(rows)

    async def teams_guessed_at(
        self, tenant_id: str, member_id: int, since: datetime, now: datetime
    ) -> list[int]:
        """The teams whose leads hear of a lock-out: those in the tenant with a live code (the
        codes being guessed at) and those whose old codes the person tried."""
        live = select(JoinCode.team_id).where(JoinCode.used_by.is_(None), JoinCode.expires_at > now)
        tried = select(JoinAttempt.team_id).where(
            JoinAttempt.member_id == member_id,
            JoinAttempt.at >= since,
            JoinAttempt.team_id.is_not(None),
        )
        rows = await self.session.scalars(
            select(Team.id)
            .where(
                Team.tenant_id == tenant_id,
                Team.active.is_(True),
                Team.id.in_(live.union(tried)),
            )
            .order_by(Team.id)
        )
        return list(rows)
