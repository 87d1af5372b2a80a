"""People in a team: roles (a team keeps at least one lead), the rota's membership and working
days. A change to who can hold the phone re-plans the coming rota. Chat and CLI both call these;
a refusal is raised before anything is changed."""

from datetime import datetime

from domain.errors import Refused
from domain.rota import Days, replan_ahead
from rules import weekdays
from store.models import Member, Membership
from store.store import Store

ROLES = ("lead", "caseworker", "switchboard")


class LastLead(Refused):
    """The team's only lead may not stop being one."""

    def __init__(self, name: str) -> None:
        super().__init__("last_lead", name=name)


class SwitchboardOffRota(Refused):
    def __init__(self, name: str) -> None:
        super().__init__("rota_not_switchboard", name=name)


class NeedLead(Refused):
    def __init__(self) -> None:
        super().__init__("setup_need_lead")


def check_leads(leads: set[int] | None) -> None:
    """The setup card's leads (None: not asked): at least one."""
    if leads is not None and not leads:
        raise NeedLead()


class NotInThisTeam(Exception):
    """The member has no membership of the team that gives access now (a caller's mistake:
    chat and CLI find the member among the team's people first)."""


def change(
    store: Store,
    ms: Membership,
    field: str,
    value: object,
    actor_id: int | None,
    now: datetime,
) -> bool:
    """Set one field of a membership and audit it; True if it really changed."""
    before = store.members.change(ms, field, value)
    if before == value:
        return False
    store.audit.record(
        ms.team_id, actor_id, field, f"member:{ms.member_id}", now, {field: before}, {field: value}
    )
    return True


async def _membership(store: Store, team_id: int, member: Member) -> Membership:
    ms = await store.members.membership(team_id, member.id)
    if ms is None:
        raise NotInThisTeam(member.id)
    return ms


async def set_role(
    store: Store, team_id: int, member: Member, role: str, actor_id: int | None, days: Days
) -> None:
    """A new role; someone made switchboard leaves the rota, and the coming rota is re-planned."""
    if role not in ROLES:
        raise ValueError(role)
    ms = await _membership(store, team_id, member)
    if ms.role == "lead" and role != "lead":
        people = await store.members.of_team(team_id)
        if sum(1 for _, other in people if other.role == "lead") == 1:
            raise LastLead(member.name)
    change(store, ms, "role", role, actor_id, days.now)
    if role == "switchboard" and change(store, ms, "on_rota", False, actor_id, days.now):
        await replan_ahead(store, team_id, days, actor_id)


async def set_on_rota(
    store: Store, team_id: int, member: Member, on: bool, actor_id: int | None, days: Days
) -> None:
    ms = await _membership(store, team_id, member)
    if on and ms.role == "switchboard":
        raise SwitchboardOffRota(member.name)
    if change(store, ms, "on_rota", on, actor_id, days.now):
        await replan_ahead(store, team_id, days, actor_id)


async def set_workdays(
    store: Store,
    team_id: int,
    member: Member,
    workdays: frozenset[int],
    actor_id: int | None,
    days: Days,
) -> None:
    """The weekdays (0 = Monday) someone can hold the phone."""
    ms = await _membership(store, team_id, member)
    encoded = weekdays.encode(workdays)
    if change(store, ms, "workdays", encoded, actor_id, days.now) and ms.on_rota:
        await replan_ahead(store, team_id, days, actor_id)


async def set_rota_and_leads(
    store: Store,
    team_id: int,
    rota: set[int] | None,
    leads: set[int] | None,
    actor_id: int | None,
    days: Days,
) -> None:
    """The setup card's answer: who is on the rota and who leads (None: not asked). A lead left
    out becomes a caseworker; the switchboard is never touched."""
    check_leads(leads)
    rota_changed = False
    for _, ms in await store.members.of_team(team_id):
        if ms.role == "switchboard":
            continue
        if rota is not None:
            on = ms.member_id in rota
            rota_changed |= change(store, ms, "on_rota", on, actor_id, days.now)
        if leads is not None:
            demoted = "caseworker" if ms.role == "lead" else ms.role
            role = "lead" if ms.member_id in leads else demoted
            change(store, ms, "role", role, actor_id, days.now)
    if rota_changed:
        await replan_ahead(store, team_id, days, actor_id)


def make_lead_if_none(
    store: Store, ms: Membership, people: list[tuple[Member, Membership]]
) -> None:
    """The installer becomes the team's first lead, unless it has one (not audited: the
    install is)."""
    if not any(other.role == "lead" for _, other in people):
        store.members.change(ms, "role", "lead")
