"""What a dialog gets: the store, the clock, the settings, and who is asking."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from dialogs.plain import Reply, Request
from domain.clock import Clock
from domain.errors import NotInTeam
from domain.settings import Settings
from rules.working_days import Calendar
from store.models import Member, Membership, Team
from store.outbox import Queued
from store.store import Store

# Asks Teams about a team's roster now: (the team's service URL, its Teams id, a person's Teams
# user id) -> that person's AAD object id, or None when they are not on the roster.
RosterLookup = Callable[[str, str, str], Awaitable[str | None]]
# Runs a text as if the caller had typed it (dialogs/turn.py's run_text), for a card click that
# re-runs a command: the turn hands itself over, so no dialog imports the turn that imports it.
RunText = Callable[["Caller", str, "Context", int | None], Awaitable[list[Reply]]]


async def _outside_a_turn(
    caller: "Caller", text: str, ctx: "Context", target_id: int | None
) -> list[Reply]:
    raise RuntimeError("a command is re-run only inside a turn (dialogs/turn.py sets run_text)")


@dataclass(frozen=True)
class TeamSettings:
    """A team's settings: the deployment's defaults overridden by what the lead saved."""

    phone: str
    announce_time: str
    latest_announce_time: str
    post_language: str
    closed_days: tuple[str, ...]
    headsup_time: str
    rota_weeks: int
    swap_approval: bool
    report_weekday: int
    report_time: str
    retention_days: int

    @classmethod
    def of(cls, defaults: Settings, saved: dict[str, Any] | None) -> "TeamSettings":
        saved = saved or {}
        return cls(
            phone=saved.get("phone", defaults.phone),
            announce_time=saved.get("announce_time", defaults.announce_time),
            latest_announce_time=saved.get("latest_announce_time", defaults.latest_announce_time),
            post_language=saved.get("post_language", defaults.language),
            closed_days=tuple(saved.get("closed_days", ("12-24",))),
            headsup_time=saved.get("headsup_time", defaults.headsup_time),
            rota_weeks=int(saved.get("rota_weeks", defaults.rota_weeks)),
            swap_approval=bool(saved.get("swap_approval", False)),
            report_weekday=int(saved.get("report_weekday", 4)),
            report_time=saved.get("report_time", "14:00"),
            retention_days=int(saved.get("retention_days", defaults.retention_days)),
        )

    @property
    def calendar(self) -> Calendar:
        return Calendar.of(self.closed_days)


@dataclass
class Context:
    store: Store
    clock: Clock
    settings: Settings
    # Set when a dialog queued a message in the outbox, so the edge can send it right away.
    outbox_touched: bool = False
    roster: RosterLookup | None = None
    run_text: RunText = _outside_a_turn

    async def on_roster(self, team: Team, teams_user_id: str, aad_object_id: str) -> bool:
        """True if Teams says the person is on the team's roster now (asked at the address the
        team was installed from, never one an activity names)."""
        if self.roster is None or not teams_user_id:
            return False
        found = await self.roster(team.service_url, team.teams_team_id, teams_user_id)
        return found is not None and found == aad_object_id

    async def notify(
        self, key: str, team_id: int | None, kind: str, recipient: str, reply: Reply
    ) -> bool:
        """Queue a message the bot sends on its own; once per key, ever."""
        return await self.send(Queued(key, team_id, kind, recipient, reply.to_payload()))

    async def tell(
        self, team: Team, member: Member, key: str, kind: str, reply: Callable[[str], Reply]
    ) -> bool:
        """Queue a 1:1 message to a member, built in their language (their own choice, else
        the team's); once per key."""
        return await self.send(self.told(team, member, key, kind, reply))

    def told(
        self, team: Team, member: Member, key: str, kind: str, reply: Callable[[str], Reply]
    ) -> Queued:
        """`tell`'s message, built now: to `send`, or for the domain to queue with the change
        it is about (then `queued` says whether it was)."""
        lang = self.language_of(team, member)
        return Queued(key, team.id, kind, f"member:{member.id}", reply(lang).to_payload())

    async def send(self, message: Queued) -> bool:
        """Queue a message built beforehand; once per key, ever."""
        return self.queued(await self.store.outbox.queue(message, self.clock.now()))

    def queued(self, queued: bool) -> bool:
        """A message was queued (or not): if it was, the edge sends it right away."""
        self.outbox_touched = self.outbox_touched or queued
        return queued

    def language_of(self, team: Team, member: Member) -> str:
        """What the bot writes to a member in: their own choice, else the team's."""
        return member.language or self.team_settings(team).post_language

    def team_settings(self, team: Team) -> TeamSettings:
        return TeamSettings.of(self.settings, team.settings)

    def today(self) -> date:
        return self.clock.now().astimezone(self.settings.zone).date()

    def local_now(self) -> datetime:
        return self.clock.now().astimezone(self.settings.zone)


@dataclass
class Caller:
    """The person behind a request, resolved against the store."""

    request: Request
    member: Member
    lang: str
    team: Team | None = None
    membership: Membership | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def role(self) -> str | None:
        return self.membership.role if self.membership else None

    @property
    def in_team(self) -> Team:
        """The caller's team, for a handler the routing table let in only with one."""
        if self.team is None:
            raise NotInTeam()
        return self.team
