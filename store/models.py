"""Tables. Every row that belongs to a centre carries its team id: data is scoped per team."""

from datetime import UTC, date, datetime, time
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
    false,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from store.personal_text import PersonalJSON, PersonalNote, PersonalText, TeamsJSON


class UtcDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on every backend (SQLite hands back naive ones otherwise)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime stored")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UtcDateTime(), dict[str, Any]: JSON}


class Team(Base):
    __tablename__ = "teams"
    __table_args__ = (UniqueConstraint("tenant_id", "teams_team_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant_id: Mapped[str] = mapped_column(String(64))
    teams_team_id: Mapped[str] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(PersonalText(200), default="")
    service_url: Mapped[str] = mapped_column(String(500))
    announce_channel_id: Mapped[str | None] = mapped_column(String(200))
    settings: Mapped[dict[str, Any]] = mapped_column(PersonalJSON, default=dict)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime]


class Member(Base):
    __tablename__ = "members"
    __table_args__ = (UniqueConstraint("tenant_id", "aad_object_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant_id: Mapped[str] = mapped_column(String(64))
    aad_object_id: Mapped[str] = mapped_column(String(64))
    teams_user_id: Mapped[str] = mapped_column(String(200), default="")
    name: Mapped[str] = mapped_column(PersonalText(200), default="")
    email: Mapped[str] = mapped_column(PersonalText(200), default="")
    language: Mapped[str | None] = mapped_column(String(5))
    active_team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="SET NULL"))
    created_at: Mapped[datetime]
    # Set by the nightly job when the member is in no team's roster any more; their name,
    # email and AAD id are erased (erased_at) after the retention period.
    departed_at: Mapped[datetime | None]
    erased_at: Mapped[datetime | None]


class Membership(Base):
    __tablename__ = "memberships"
    # Every turn finds the caller's teams by member (store/members.py); the key leads with team.
    __table_args__ = (Index("ix_memberships_member", "member_id"),)

    team_id: Mapped[int] = mapped_column(
        ForeignKey("teams.id", ondelete="CASCADE"), primary_key=True
    )
    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(20), default="caseworker")
    on_rota: Mapped[bool] = mapped_column(Boolean, default=False)
    workdays: Mapped[str] = mapped_column(String(20), default="0,1,2,3,4")
    # False once the person left the Teams team; switchboard staff joined by code are never in it.
    in_roster: Mapped[bool] = mapped_column(Boolean, default=True)
    # Joined with a join code (or added by an operator): switchboard staff outside the roster.
    via_code: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    joined_at: Mapped[datetime]


class ConversationRef(Base):
    """Where to reach a person 1:1 without them writing first."""

    __tablename__ = "conversation_refs"

    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True
    )
    service_url: Mapped[str] = mapped_column(String(500))
    conversation_id: Mapped[str] = mapped_column(String(300))
    reference: Mapped[dict[str, Any]] = mapped_column(TeamsJSON)
    updated_at: Mapped[datetime]


class CardFlow(Base):
    """The state of a multi-step card; the card carries id and version, the row the truth."""

    __tablename__ = "card_flows"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    state: Mapped[dict[str, Any]] = mapped_column(PersonalJSON, default=dict)
    version: Mapped[int] = mapped_column(Integer, default=1)
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    handled_by: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    handled_at: Mapped[datetime | None]
    created_at: Mapped[datetime]


class JoinCode(Base):
    __tablename__ = "join_codes"

    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(20))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    expires_at: Mapped[datetime]
    used_by: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    used_at: Mapped[datetime | None]


class JoinAttempt(Base):
    """A wrong join code, kept so the lock-out holds across restarts and processes."""

    __tablename__ = "join_attempts"
    __table_args__ = (Index("ix_join_attempts_member_at", "member_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    # The team whose code it was, when the code is one of the tenant's used or expired codes.
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    at: Mapped[datetime]


class AuditEntry(Base):
    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_team_subject", "team_id", "subject"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(60))
    subject: Mapped[str] = mapped_column(String(120), default="")
    before: Mapped[dict[str, Any] | None] = mapped_column(PersonalJSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(PersonalJSON)
    at: Mapped[datetime]


class OutboxMessage(Base):
    """Every message the bot sends on its own. The key makes a send happen at most once."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_due", "status", "next_try_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(300), unique=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    # "member:<id>" for a 1:1 chat, "channel:<team id>" for a new thread in the team's channel.
    recipient: Mapped[str] = mapped_column(String(200))
    payload: Mapped[dict[str, Any]]
    status: Mapped[str] = mapped_column(String(10), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_try_at: Mapped[datetime]
    lease_until: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None]
    activity_id: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime]


class Duty(Base):
    """Who holds the hotline on a working day. Kept days are fixed by hand or by a swap and
    are never changed by generation."""

    __tablename__ = "duties"
    __table_args__ = (UniqueConstraint("team_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    kept: Mapped[bool] = mapped_column(Boolean, default=False)
    source: Mapped[str] = mapped_column(String(20), default="generated")
    updated_at: Mapped[datetime]


class Absence(Base):
    __tablename__ = "absences"
    __table_args__ = (Index("ix_absences_team_days", "team_id", "first_day", "last_day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    first_day: Mapped[date] = mapped_column(Date)
    last_day: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(20), default="vacation")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    created_at: Mapped[datetime]
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False)


class CalendarFeed(Base):
    """A private calendar link given to one member: their duties, or (`team_wide`) the whole
    team's. It serves only while that member has access to the team."""

    __tablename__ = "calendar_feeds"

    secret: Mapped[str] = mapped_column(String(64), primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    # Empty only on shared team feeds from before 0007, which are all revoked.
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    team_wide: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime]
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)


class SwitchboardCount(Base):
    """How many checks ended in each verdict and category: counts only, never the text."""

    __tablename__ = "switchboard_counts"
    __table_args__ = (UniqueConstraint("team_id", "day", "verdict", "category"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    verdict: Mapped[str] = mapped_column(String(10))
    category: Mapped[str] = mapped_column(String(40))
    count: Mapped[int] = mapped_column(Integer, default=0)


class SwapRequestRow(Base):
    """A request to give away a duty day. Its status is derived (rules.swaps.status)."""

    __tablename__ = "swap_requests"
    __table_args__ = (Index("ix_swaps_team_day", "team_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    requester_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    target_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    offered_day: Mapped[date | None] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(20), default="")
    taken_by: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    taken_at: Mapped[datetime | None]
    declined_at: Mapped[datetime | None]
    cancelled_at: Mapped[datetime | None]
    expired_logged: Mapped[bool] = mapped_column(Boolean, default=False)
    # With lead approval on, a taken request waits here until a lead approves or rejects it.
    awaiting_approval: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime]


class DutyHandover(Base):
    """Same-day cover: from `at` on, calls belong to `to_member`."""

    __tablename__ = "duty_handovers"
    __table_args__ = (Index("ix_handovers_team_day", "team_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    from_member: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    to_member: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    at: Mapped[datetime]
    by_member: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))


class CaseCounter(Base):
    """The last case number a team used; bumped atomically so numbers never repeat."""

    __tablename__ = "case_counters"

    team_id: Mapped[int] = mapped_column(
        ForeignKey("teams.id", ondelete="CASCADE"), primary_key=True
    )
    last: Mapped[int] = mapped_column(Integer, default=0)


class Case(Base):
    """One enquiry to the hotline, from the call until it is closed. No CPR numbers, ever;
    names and notes are wiped when a closed case outlives the team's retention period."""

    __tablename__ = "cases"
    __table_args__ = (
        UniqueConstraint("team_id", "number"),
        Index("ix_cases_team_owner", "team_id", "owner_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    call_at: Mapped[datetime]
    logged_at: Mapped[datetime]
    logged_by: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    caller: Mapped[str] = mapped_column(String(20))
    company: Mapped[str] = mapped_column(PersonalText(200), default="")
    contact_name: Mapped[str] = mapped_column(PersonalText(200), default="")
    contact_phone: Mapped[str] = mapped_column(PersonalText(40), default="")
    employee: Mapped[str] = mapped_column(PersonalText(100), default="")
    topic: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(PersonalNote, default="")
    outcome: Mapped[str | None] = mapped_column(String(20))
    advice: Mapped[str | None] = mapped_column(String(40))
    meeting_day: Mapped[date | None] = mapped_column(Date)
    meeting_time: Mapped[time | None] = mapped_column(Time)
    meeting_place: Mapped[str] = mapped_column(PersonalText(200), default="")
    meeting_reason: Mapped[str] = mapped_column(PersonalText(300), default="")
    request_date: Mapped[date | None] = mapped_column(Date)
    first_absence: Mapped[date | None] = mapped_column(Date)
    first_talk: Mapped[date | None] = mapped_column(Date)
    referred_to: Mapped[str] = mapped_column(PersonalText(200), default="")
    not_hotline: Mapped[str | None] = mapped_column(String(40))
    closed_at: Mapped[datetime | None]
    anonymised: Mapped[bool] = mapped_column(Boolean, default=False)


class WebLink(Base):
    """A one-time browser sign-in link given in chat; only its hash is kept."""

    __tablename__ = "web_links"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 of the token
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]


class WebSession(Base):
    """A browser session (the `hotline_session` cookie); only the cookie value's hash is kept."""

    __tablename__ = "web_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 of the cookie value
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
