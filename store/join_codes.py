"""Join codes that let people outside the Teams team (the switchboard) into a team's bot."""

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from store.models import JoinCode

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

    async def redeem(self, code: str, member_id: int, now: datetime) -> JoinCode | None:
        """The code's row if it is valid and unused; it is then used up."""
        code_hash = _hash(code)
        result = await self.session.execute(
            update(JoinCode)
            .where(
                JoinCode.code_hash == code_hash,
                JoinCode.used_by.is_(None),
                JoinCode.expires_at > now,
            )
            .values(used_by=member_id, used_at=now)
            .execution_options(synchronize_session=False)
        )
        if not result.rowcount:  # type: ignore[attr-defined]
            return None
        return await self.session.get(JoinCode, code_hash)
