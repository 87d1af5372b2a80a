"""Who has the phone on a day: the one answer every text that names a holder is worded from.

A day whose planned holder is away is not covered until someone takes it (a swap taken, a
lead's `sæt vagt`, a confirmed cover card): until then every answer says so and names who to
call instead, never the person who is not there.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from dialogs import cards
from dialogs.context import Context
from dialogs.cover import holder_at
from dialogs.messages import t
from dialogs.planning import available_cover
from store.members import leads
from store.models import Member, Team
from store.rota import PlannedDay

Say = Callable[..., str]  # t, or t_plain
# Health data: a sickness is only ever "away" to anyone but the person themself.
DISCREET_KINDS = frozenset({"sick"})


class Named(Protocol):
    @property
    def name(self) -> str: ...


class Marked(Protocol):
    """What a holder is worded from: who the rota names (None: nobody) and the kind of their
    absence that day (None: there). A `Holder`, or a `PlannedDay` read for a list."""

    @property
    def member(self) -> Named | None: ...

    @property
    def away(self) -> str | None: ...


@dataclass(frozen=True)
class Holder:
    day: date
    member: Member | None  # who the rota (or the hand-over at that moment) names
    away: str | None = None  # the absence kind if that person is away that day
    cover: Member | None = None  # the suggested cover, when away
    leads: tuple[Member, ...] = ()  # who to call when there is no cover to suggest
    swap_id: int | None = None  # the open request anyone may take for the day

    @property
    def covered(self) -> bool:
        return self.member is not None and self.away is None

    @property
    def absent(self) -> bool:
        return self.member is not None and self.away is not None


async def on_the_phone(ctx: Context, team: Team, day: date, at: datetime | None = None) -> Holder:
    """Who has the phone on `day` (at the moment `at`, hand-overs included, when given)."""
    if at is not None:
        member_id = await holder_at(ctx, team, at)
        member = await ctx.store.members.get(member_id) if member_id is not None else None
    else:
        member = (await ctx.store.rota.holders(team.id, [day])).get(day)
    if member is None:
        return Holder(day, None)
    kinds = [
        a.kind for a in await ctx.store.rota.absences(team.id, day, day) if a.member_id == member.id
    ]
    if not kinds:
        return Holder(day, member)
    cover = await available_cover(ctx, team, day, exclude=member.id)
    team_leads = leads(await ctx.store.members.of_team(team.id))
    others = tuple(m for m in team_leads if m.id != member.id)
    swap_id = next(
        (
            r.id
            for r in await ctx.store.swaps.open_for_team(team.id, ctx.today())
            if r.day == day and r.target_id is None
        ),
        None,
    )
    return Holder(day, member, kinds[0], cover, others, swap_id)


async def away_holders(ctx: Context, team: Team, first: date, last: date) -> dict[date, PlannedDay]:
    """The days from first to last whose planned holder is away, each with that holder and the
    kind of absence, in one query: what a list (a calendar feed, the web page) marks. Who to
    call instead is `on_the_phone`'s, for an answer about one day."""
    planned = await ctx.store.rota.planned_between(team.id, first, last)
    return {day: p for day, p in planned.items() if p.away is not None}


def away(
    lang: str, holder: Marked, *, discreet: bool = False, you: bool = False, say: Say = t
) -> str:
    """'Anne Hansen har ferie' (or 'er fraværende' for a sickness, or to the switchboard).
    `say` is `t_plain` for text that is not Markdown (a calendar event)."""
    assert holder.member is not None and holder.away is not None
    kind = "away" if discreet or holder.away in DISCREET_KINDS else holder.away
    if you:
        return say(lang, f"holder_you.{kind}")
    return say(lang, f"holder_away.{kind}", name=holder.member.name)


def not_taken(
    lang: str, holder: Marked, *, discreet: bool = False, you: bool = False, say: Say = t
) -> str:
    """'Anne Hansen har ferie – vagten er ikke taget endnu.'"""
    gone = away(lang, holder, discreet=discreet, you=you, say=say)
    return say(lang, "holder_not_taken", away=gone)


def call_instead(lang: str, holder: Holder) -> str:
    """Who to call while nobody has taken the day: the suggested cover, else the leads."""
    if holder.cover is not None:
        return t(lang, "holder_call_cover", name=holder.cover.name)
    if holder.leads:
        return t(lang, "holder_call_leads", names=", ".join(m.name for m in holder.leads))
    return t(lang, "holder_call_nobody")


def short(lang: str, holder: Marked | None, *, discreet: bool = False, say: Say = t) -> str:
    """A holder named in passing ('Næste arbejdsdag: …'): the name, marked if away."""
    if holder is None or holder.member is None:
        return say(lang, "nobody")
    if holder.away is None:
        return holder.member.name
    return say(lang, "holder_short", away=away(lang, holder, discreet=discreet, say=say))


def take_card(lang: str, holder: Holder) -> dict[str, Any] | None:
    """The one-click 'Tag vagten' for a colleague, when the day has an open request."""
    if holder.swap_id is None:
        return None
    return cards.card(
        [cards.text(t(lang, "holder_take", away=away(lang, holder)))],
        [cards.submit(t(lang, "take"), {"action": "swap.take", "swap": holder.swap_id})],
    )
