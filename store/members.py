"""People, their roles in each team, and where to reach them 1:1."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from store.models import ConversationRef, Member, Membership, Team


@dataclass(frozen=True)
class RosterEntry:
    aad_object_id: str
    teams_user_id: str
    name: str
    email: str = ""


def refreshed(member: Member, entry: RosterEntry) -> Member:
    """The member with what Teams says of them now (an empty value keeps the old one)."""
    member.teams_user_id = entry.teams_user_id or member.teams_user_id
    member.name = entry.name or member.name
    member.email = entry.email or member.email
    return member


class MemberRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, member_id: int) -> Member | None:
        return await self.session.get(Member, member_id)

    async def by_aad(self, tenant_id: str, aad_object_id: str) -> Member | None:
        return await self.session.scalar(
            select(Member).where(
                Member.tenant_id == tenant_id, Member.aad_object_id == aad_object_id
            )
        )

    async def caller(
        self, tenant_id: str, aad_object_id: str
    ) -> tuple[Member, list[tuple[Team, Membership]]] | None:
        """A person who writes to the bot, their active teams and their 1:1 chat, in one query
        (the chat and the memberships then come from the session without another)."""
        rows = (
            await self.session.execute(
                select(Member, ConversationRef, Team, Membership)
                .outerjoin(ConversationRef, ConversationRef.member_id == Member.id)
                .outerjoin(Membership, Membership.member_id == Member.id)
                .outerjoin(Team, and_(Team.id == Membership.team_id, Team.active))
                .where(Member.tenant_id == tenant_id, Member.aad_object_id == aad_object_id)
                .order_by(Team.name, Team.id)
            )
        ).tuples()
        found = [(m, t, ms) for m, _, t, ms in rows]
        if not found:
            return None
        return found[0][0], [(t, ms) for _, t, ms in found if t is not None and ms is not None]

    async def upsert(self, tenant_id: str, entry: RosterEntry, now: datetime) -> Member:
        member = await self.by_aad(tenant_id, entry.aad_object_id)
        if member is None:
            return await self.add(tenant_id, entry, now)
        return refreshed(member, entry)

    async def add(self, tenant_id: str, entry: RosterEntry, now: datetime) -> Member:
        member = Member(
            tenant_id=tenant_id,
            aad_object_id=entry.aad_object_id,
            teams_user_id=entry.teams_user_id,
            name=entry.name,
            email=entry.email,
            created_at=now,
        )
        self.session.add(member)
        await self.session.flush()
        return member

    async def membership(self, team_id: int, member_id: int) -> Membership | None:
        return await self.session.get(Membership, (team_id, member_id))

    async def join(
        self, team: Team, member: Member, role: str, now: datetime, in_roster: bool = True
    ) -> Membership:
        """The member's membership in the team, created with `role` if new."""
        existing = await self.membership(team.id, member.id)
        if existing is not None:
            existing.in_roster = existing.in_roster or in_roster
            return existing
        membership = Membership(
            team_id=team.id,
            member_id=member.id,
            role=role,
            on_rota=False,
            workdays="0,1,2,3,4",
            in_roster=in_roster,
            joined_at=now,
        )
        self.session.add(membership)
        await self.session.flush()
        return membership

    async def teams_of(self, member_id: int) -> list[tuple[Team, Membership]]:
        rows = await self.session.execute(
            select(Team, Membership)
            .join(Membership, Membership.team_id == Team.id)
            .where(Membership.member_id == member_id, Team.active)
            .order_by(Team.name, Team.id)
        )
        return [(t, m) for t, m in rows.tuples()]

    async def of_team(self, team_id: int) -> list[tuple[Member, Membership]]:
        rows = await self.session.execute(
            select(Member, Membership)
            .join(Membership, Membership.member_id == Member.id)
            .where(Membership.team_id == team_id)
            .order_by(Member.name, Member.id)
        )
        return [(m, ms) for m, ms in rows.tuples()]

    async def sync_roster(self, team: Team, roster: Sequence[RosterEntry], now: datetime) -> int:
        """Add everyone in the roster; mark those who left. New people start off the rota."""
        present: set[int] = set()
        for entry in roster:
            member = await self.upsert(team.tenant_id, entry, now)
            await self.join(team, member, "caseworker", now)
            present.add(member.id)
        gone = update(Membership).where(
            Membership.team_id == team.id,
            Membership.in_roster,
            Membership.role != "switchboard",
            Membership.member_id.not_in(present),
        )
        await self.session.execute(gone.values(in_roster=False, on_rota=False))
        return len(present)

    async def save_reference(
        self,
        member: Member,
        service_url: str,
        conversation_id: str,
        reference: dict[str, Any],
        now: datetime,
    ) -> None:
        ref = await self.session.get(ConversationRef, member.id)
        if ref is None:
            self.session.add(
                ConversationRef(
                    member_id=member.id,
                    service_url=service_url,
                    conversation_id=conversation_id,
                    reference=reference,
                    updated_at=now,
                )
            )
        elif ref.conversation_id != conversation_id or ref.service_url != service_url:
            ref.service_url, ref.conversation_id = service_url, conversation_id
            ref.reference, ref.updated_at = reference, now

    async def reference(self, member_id: int) -> ConversationRef | None:
        return await self.session.get(ConversationRef, member_id)
