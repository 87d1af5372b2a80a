"""Same-day cover: today's holder is sick, a colleague takes over from that moment.

Duty is kept as time intervals (hand-overs), so a call before the hand-over belongs to the
first holder and a call after it to the cover.
"""

from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from domain.errors import CardUnknown, NotAllowed, Refused, Term
from domain.rota import takes_turns
from store.models import CardFlow, Member
from store.store import Store


class CoverOutdated(Refused):
    """Someone confirmed the cover card first."""

    def __init__(self) -> None:
        super().__init__("card_outdated", name=Term("someone"))


async def holder_at(store: Store, team_id: int, moment: datetime, zone: tzinfo) -> int | None:
    """Who held the hotline at that moment, hand-overs included."""
    return (await named_holder_at(store, team_id, moment, zone))[0]


async def named_holder_at(
    store: Store, team_id: int, moment: datetime, zone: tzinfo
) -> tuple[int | None, str]:
    """Who held the hotline at that moment, and their name ("" if nobody or not the team's)."""
    return await store.swaps.holder_at(team_id, moment.astimezone(zone).date(), moment)


@dataclass(frozen=True)
class Handover:
    sick: Member
    cover: Member
    count: int  # today's hand-overs so far, this one included


async def hand_over(
    store: Store,
    team_id: int,
    flow: CardFlow,
    version: int,
    cover_id: int,
    *,
    actor_id: int,
    actor_role: str | None,
    today: date,
    now: datetime,
) -> Handover:
    """The sick person (or a lead) confirms who covers from now: a hand-over, and the cover
    holds the day in the rota."""
    sick_id = int(flow.state["from"])
    if actor_id != sick_id and actor_role != "lead":
        raise NotAllowed("lead")
    team = {m.id: (m, ms) for m, ms in await store.members.of_team(team_id)}
    cover, cover_ms = team.get(cover_id, (None, None))
    sick, _ = team.get(sick_id, (None, None))
    if cover is None or sick is None or cover_ms is None or not takes_turns(cover_ms):
        raise CardUnknown()  # before the claim: a refusal changes nothing
    if not await store.flows.claim(flow, version, actor_id, now, done=True):
        raise CoverOutdated()
    store.swaps.hand_over(team_id, today, sick_id, cover_id, now, actor_id)
    await store.rota.set(team_id, today, cover_id, now, kept=True, source="cover")
    store.audit.record(
        team_id,
        actor_id,
        "handover",
        f"day:{today.isoformat()}",
        now,
        {"member": sick_id},
        {"member": cover_id},
    )
    return Handover(sick, cover, len(await store.swaps.handovers(team_id, today)))
