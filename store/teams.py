"""Teams (centres) and their settings."""

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from rules.cpr import redact_cpr
from store.models import Team


class TeamRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, team_id: int) -> Team | None:
        return await self.session.get(Team, team_id)

    async def by_teams_id(self, tenant_id: str, teams_team_id: str) -> Team | None:
        return await self.session.scalar(
            select(Team).where(Team.tenant_id == tenant_id, Team.teams_team_id == teams_team_id)
        )

    async def all_active(self) -> list[Team]:
        return list(await self.session.scalars(select(Team).where(Team.active).order_by(Team.id)))

    async def install(
        self,
        tenant_id: str,
        teams_team_id: str,
        name: str,
        service_url: str,
        channel_id: str,
        now: datetime,
    ) -> tuple[Team, bool]:
        """The team row, created on first install; True if it is new."""
        name = redact_cpr(name)  # Teams' own text: a CPR-shaped part is blanked, not refused
        team = await self.by_teams_id(tenant_id, teams_team_id)
        if team is not None:
            team.service_url = service_url
            team.active = True
            team.name = name or team.name
            team.announce_channel_id = team.announce_channel_id or channel_id
            return team, False
        team = Team(
            tenant_id=tenant_id,
            teams_team_id=teams_team_id,
            name=name,
            service_url=service_url,
            announce_channel_id=channel_id,
            settings={},
            active=True,
            created_at=now,
        )
        self.session.add(team)
        await self.session.flush()
        return team, True

    async def update_settings(self, team: Team, changes: dict[str, Any]) -> None:
        # A new dict, so SQLAlchemy sees the JSON column change.
        team.settings = {**(team.settings or {}), **changes}

    def deactivate(self, team: Team) -> None:
        team.active = False

    def set_announce_channel(self, team: Team, channel_id: str) -> str | None:
        """Where the team's posts go from now on; where they went before."""
        before = team.announce_channel_id
        team.announce_channel_id = channel_id
        return before
