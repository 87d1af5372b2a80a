"""People, their roles in each team, and where to reach them 1:1."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, bindparam, case, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import defer

from rules.cpr import redact_cpr
from store.models import ConversationRef, Member, Membership, Team


@dataclass(frozen=True)
class RosterEntry:
    aad_object_id: str
    teams_user_id: str
    name: str
    email: str = ""

    def __post_init__(self) -> None:  # Teams' own text: a CPR-shaped part is blanked, not refused
        object.__setattr__(self, "name", redact_cpr(self.name))
        object.__setattr__(self, "email", redact_cpr(self.email))


# Who may see a team's data: the people on its Teams roster, and switchboard staff who joined
# with a code (they are never on the roster). Someone who leaves the roster loses access at once,
# also if a lead had made them switchboard.
ACTIVE: ColumnElement[bool] = or_(
    Membership.in_roster, and_(Membership.role == "switchboard", Membership.via_code)
)


# Who takes turns on the rota: domain.rota.takes_turns in SQL (tests/store/test_rota_reads.py
# keeps the two the same).
TAKES_TURNS: ColumnElement[bool] = and_(
    Membership.__table__.c.on_rota,
    Membership.__table__.c.in_roster,
    Membership.__table__.c.role != "switchboard",
)


def is_active(membership: Membership) -> bool:
    return membership.in_roster or (membership.role == "switchboard" and membership.via_code)


def is_staff(membership: Membership) -> bool:
    """A caseworker or lead on the roster now: who may own and be told about cases."""
    return membership.in_roster and membership.role in ("lead", "caseworker")


def leads(people: Iterable[tuple[Member, Membership]]) -> list[Member]:
    """The team's leads who are on its roster now: who hears what needs a lead."""
    return [m for m, ms in people if ms.role == "lead" and is_staff(ms)]


# Built once: this runs on every turn.
_CALLER = (
    select(Member, ConversationRef, Team, Membership)
    .outerjoin(ConversationRef, ConversationRef.member_id == Member.id)
    .outerjoin(Membership, and_(Membership.member_id == Member.id, ACTIVE))
    .outerjoin(Team, and_(Team.id == Membership.team_id, Team.active))
    .where(Member.tenant_id == bindparam("tenant"), Member.aad_object_id == bindparam("aad"))
    .order_by(Team.name, Team.id)
    # Columns no turn reads are not loaded (#17: a JSON and four datetimes parsed on every
    # turn); reading one raises. A later select of the same row fills them in, but
    # `session.get` returns the object as it is: read them through a select.
    .options(
        defer(ConversationRef.reference, raiseload=True),
        defer(ConversationRef.updated_at, raiseload=True),
        defer(Member.created_at, raiseload=True),
        defer(Team.created_at, raiseload=True),
        defer(Membership.joined_at, raiseload=True),
    )
)


@dataclass
class Known:
    member: Member
    reference: ConversationRef | None
    teams: list[tuple[Team, Membership]]


def refreshed(member: Member, entry: RosterEntry) -> Member:
    """The member with what Teams says of them now (an empty value keeps the old one).
    Only changes are assigned: an assignment alone would make the turn flush."""
    for key in ("teams_user_id", "name", "email"):
        value = getattr(entry, key)
        if value and value != getattr(member, key):
            setattr(member, key, value)
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

    async def caller(self, tenant_id: str, aad_object_id: str) -> Known | None:
        """A person who writes to the bot, with their 1:1 chat and active teams, in one query."""
        rows = (
            await self.session.execute(_CALLER, {"tenant": tenant_id, "aad": aad_object_id})
        ).all()
        if not rows:
            return None
        teams = [(t, ms) for _, _, t, ms in rows if t is not None and ms is not None]
        return Known(rows[0][0], rows[0][1], teams)

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
        """The member's membership of the team, if it gives access now (see `ACTIVE`)."""
        found = await self.session.get(Membership, (team_id, member_id))
        return found if found is not None and is_active(found) else None

    async def join(
        self,
        team: Team,
        member: Member,
        role: str,
        now: datetime,
        in_roster: bool = True,
        via_code: bool = False,
    ) -> Membership:
        """The member's membership in the team, created with `role` if new. `via_code`: a
        switchboard member who joined with a code (or was added by an operator)."""
        existing = await self.session.get(Membership, (team.id, member.id))
        if existing is not None:
            existing.in_roster = existing.in_roster or in_roster
            existing.via_code = existing.via_code or via_code
            return existing
        membership = Membership(
            team_id=team.id,
            member_id=member.id,
            role=role,
            on_rota=False,
            workdays="0,1,2,3,4",
            in_roster=in_roster,
            via_code=via_code,
            joined_at=now,
        )
        self.session.add(membership)
        await self.session.flush()
        return membership

    async def teams_of(self, member_id: int) -> list[tuple[Team, Membership]]:
        rows = await self.session.execute(
            select(Team, Membership)
            .join(Membership, Membership.team_id == Team.id)
            .where(Membership.member_id == member_id, Team.active, ACTIVE)
            .order_by(Team.name, Team.id)
        )
        return [(t, m) for t, m in rows]

    async def names(self, team_id: int) -> dict[int, str]:
        """Member id → name for everyone in the team (two columns: no objects to build)."""
        rows = await self.session.execute(
            select(Member.id, Member.name)
            .join(Membership, Membership.member_id == Member.id)
            .where(Membership.team_id == team_id)
        )
        return {member_id: name for member_id, name in rows}

    async def of_team(self, team_id: int) -> list[tuple[Member, Membership]]:
        rows = await self.session.execute(
            select(Member, Membership)
            .join(Membership, Membership.member_id == Member.id)
            .where(Membership.team_id == team_id)
            .order_by(Member.name, Member.id)
        )
        return [(m, ms) for m, ms in rows]

    async def sync_roster(
        self,
        team: Team,
        roster: Sequence[RosterEntry],
        now: datetime,
        removed: Sequence[str] = (),
    ) -> int:
        """Add everyone in the roster; those who left lose their role and their place on the
        rota, and with them every access to the team (cases, cards, calendar feeds: see
        `ACTIVE`). New people start off the rota.

        `removed`: the Teams user ids an event names as taken off the team; they leave also
        when the roster, read just after the event, still lists them. An empty roster is no
        roster, and nobody leaves for it: Teams lists every team with at least its owner, and
        taking an empty answer at its word would take every lead's role and the whole rota
        away, which the next good roster would not give back."""
        present: set[int] = set()
        for entry in roster:
            member = await self.upsert(team.tenant_id, entry, now)
            await self.join(team, member, "caseworker", now)
            present.add(member.id)
        left = [Membership.member_id.not_in(present)] if present else []
        if removed:
            named = select(Member.id).where(
                Member.tenant_id == team.tenant_id, Member.teams_user_id.in_(removed)
            )
            left.append(Membership.member_id.in_(named))
        if left:
            gone = (
                update(Membership)
                .where(Membership.team_id == team.id, Membership.in_roster, or_(*left))
                .values(
                    in_roster=False,
                    on_rota=False,
                    role=case((Membership.via_code, Membership.role), else_="caseworker"),
                )
            )
            await self.session.execute(gone)
        return len(present)

    async def save_reference(
        self,
        member: Member,
        current: ConversationRef | None,
        service_url: str,
        conversation_id: str,
        reference: dict[str, Any],
        now: datetime,
    ) -> None:
        """Remember the member's 1:1 chat (`current` is what is stored now, if anything).
        A stored chat is never moved to another conversation by an activity: the sender of an
        activity is not proven by its token, and notices about cases go to this address."""
        if current is None:
            self.session.add(
                ConversationRef(
                    member_id=member.id,
                    service_url=service_url,
                    conversation_id=conversation_id,
                    reference=reference,
                    updated_at=now,
                )
            )
        elif current.conversation_id == conversation_id and current.service_url != service_url:
            current.service_url, current.reference, current.updated_at = service_url, reference, now

    async def reach(
        self, member_ids: Iterable[int]
    ) -> dict[int, tuple[Member, ConversationRef | None]]:
        """Each member and their 1:1 chat, if the bot has one, in one query for them all."""
        wanted = set(member_ids)
        if not wanted:
            return {}
        rows = await self.session.execute(
            select(Member, ConversationRef)
            .outerjoin(ConversationRef, ConversationRef.member_id == Member.id)
            .where(Member.id.in_(wanted))
        )
        return {member.id: (member, ref) for member, ref in rows}

    def change(self, membership: Membership, field: str, value: object) -> object:
        """Set one field of a membership; its value before (the same value: nothing is set, so
        the turn does not flush)."""
        before: object = getattr(membership, field)
        if before != value:
            setattr(membership, field, value)
        return before

    def set_language(self, member: Member, language: str) -> None:
        member.language = language

    def set_active_team(self, member: Member, team_id: int) -> None:
        member.active_team_id = team_id
