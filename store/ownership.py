"""Which team a row belongs to: every id that arrives in a card click is checked with this."""

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from store.models import Absence, Case, SwapRequestRow

TeamRow = type[Absence] | type[Case] | type[SwapRequestRow]

# The card-value key of each kind of row that carries a team id.
_TEAM_OF: dict[str, TeamRow] = {
    "case": Case,
    "swap": SwapRequestRow,
    "absence": Absence,
}
ROW_KEYS = frozenset(_TEAM_OF)


class OwnershipRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def belongs(self, team_id: int, key: str, row_id: int) -> bool:
        """True if the row named by a card key (`case`, `swap`, `absence`) is the team's."""
        model = _TEAM_OF[key]
        found = await self.session.scalar(select(model.team_id).where(model.id == row_id))
        return found == team_id
