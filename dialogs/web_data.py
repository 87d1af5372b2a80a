"""What the browser pages show, as plain data from the same repositories and rules as chat.

No HTML here (dialogs/pages.py renders) and no HTTP (bot/web.py serves).
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dialogs.context import Caller, Context
from dialogs.holder import away as away_of
from dialogs.holder import away_holders, on_the_phone, short
from dialogs.messages import t_plain
from dialogs.swaps import act
from dialogs.switchboard import BRIEFING_NO, team_rules
from domain import switchboard as switchboard_domain
from rules.opening_hours import is_open, next_opening
from rules.working_days import holiday_name
from store.models import Member, Team


@dataclass(frozen=True)
class DayCell:
    day: date
    holder: str | None
    mine: bool
    today: bool
    working: bool
    holiday: str | None
    closed: bool
    away: tuple[str, ...]  # names of members away that day
    handovers: tuple[str, ...]  # names of who took over that day
    swap_id: int | None  # an open swap request for the day
    can_take: bool


@dataclass(frozen=True)
class RotaMonth:
    month: date
    weeks: list[list[DayCell | None]]  # Monday first; None outside the month
    previous: date
    following: date
    open_swaps: int


async def rota_month(ctx: Context, team: Team, viewer: Member, month: date) -> RotaMonth:
    first = month.replace(day=1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    today = ctx.today()
    lang = ctx.language_of(team, viewer)
    calendar = ctx.team_settings(team).calendar
    duties = await ctx.store.rota.between(team.id, first, last)
    names = await ctx.store.members.names(team.id)
    away: dict[date, list[str]] = {}
    for absence in await ctx.store.rota.absences(team.id, first, last):
        day = max(absence.first_day, first)
        while day <= min(absence.last_day, last):
            away.setdefault(day, []).append(names.get(absence.member_id, ""))
            day += timedelta(days=1)
    handed: dict[date, list[str]] = {}
    for handover in await ctx.store.swaps.handovers_between(team.id, first, last):
        handed.setdefault(handover.day, []).append(names.get(handover.to_member, ""))
    swaps = {
        row.day: row
        for row in await ctx.store.swaps.open_for_team(team.id, today)
        if first <= row.day <= last
    }
    away_days = await away_holders(ctx, team, first, last)
    cells: list[DayCell | None] = [None] * first.weekday()
    day = first
    while day <= last:
        duty = duties.get(day)
        holder_id = duty.member_id if duty else None
        swap = swaps.get(day)
        cells.append(
            DayCell(
                day=day,
                holder=(
                    t_plain(lang, "rota_away", away=away_of(lang, away_days[day], say=t_plain))
                    if day in away_days
                    else names.get(holder_id)
                    if holder_id
                    else None
                ),
                mine=holder_id == viewer.id,
                today=day == today,
                working=calendar.is_working_day(day),
                holiday=holiday_name(day, lang),
                closed=calendar.is_closed_day(day),
                away=tuple(sorted(away.get(day, ()))),
                handovers=tuple(handed.get(day, ())),
                swap_id=swap.id if swap else None,
                can_take=swap is not None
                and swap.requester_id != viewer.id
                and swap.target_id in (None, viewer.id),
            )
        )
        day += timedelta(days=1)
    cells += [None] * (-len(cells) % 7)
    weeks = [cells[i : i + 7] for i in range(0, len(cells), 7)]
    previous = (first - timedelta(days=1)).replace(day=1)
    return RotaMonth(first, weeks, previous, last + timedelta(days=1), len(swaps))


async def take_swap(ctx: Context, caller: Caller, swap_id: int) -> tuple[bool, str]:
    """The card's Take button, from the browser: the same rule and conditional update
    (dialogs.swaps.act). (taken, what chat would have answered)."""
    replies = await act(caller, {"action": "swap.take", "swap": swap_id}, ctx)
    row = await ctx.store.swaps.get(swap_id)
    team_id = caller.team.id if caller.team else None
    taken = row is not None and row.team_id == team_id and row.taken_by == caller.member.id
    texts = [r.text for r in replies if r.text]
    return taken, texts[-1] if texts else ""


@dataclass(frozen=True)
class Switchboard:
    today: date
    open_now: bool
    holder_now: str | None  # who has it today (or at the next opening when closed)
    next_day: date | None
    holder_next: str | None
    opens_at: datetime | None  # the next opening, when closed
    phone: str
    hours: list[tuple[int, str]]  # (weekday, "08:00–15:00")
    no_lines: list[tuple[str, str]]  # (what key, referral name)


@dataclass(frozen=True)
class GuideAnswer:
    verdict: str  # "yes", "no" or "unsure"
    referral: str = ""
    referral_phone: str = ""


async def switchboard(ctx: Context, team: Team, lang: str) -> Switchboard:
    rules = team_rules(ctx, team)
    settings = ctx.team_settings(team)
    calendar = settings.calendar
    now = ctx.local_now()
    open_now = is_open(now, calendar, rules.opening_hours)
    if open_now:
        day: date | None = now.date()
        opens_at = None
    else:
        opens = next_opening(now, calendar, rules.opening_hours)
        day = opens.date() if opens else None
        opens_at = opens
    following = calendar.next_working_day(day) if day else None

    async def holder(on: date | None, at: datetime | None = None) -> str | None:
        """As the chat says it to the switchboard: never someone away as the one to call."""
        if on is None:
            return None
        found = await on_the_phone(ctx, team, on, at)
        return short(lang, found, discreet=True, say=t_plain) if found.member else None

    hours = [
        (weekday, f"{span[0].strftime('%H:%M')}–{span[1].strftime('%H:%M')}")
        for weekday, span in sorted(rules.opening_hours.items())
    ]
    return Switchboard(
        today=ctx.today(),
        open_now=open_now,
        holder_now=await holder(day, ctx.clock.now() if open_now else None),
        next_day=following,
        holder_next=await holder(following),
        opens_at=opens_at,
        phone=settings.phone,
        hours=hours,
        no_lines=[(key, rules.referral(c).name(lang)) for key, c in BRIEFING_NO],
    )


async def answer_guide(ctx: Context, team: Team, lang: str, who: str, what: str) -> GuideAnswer:
    """The guide's answer, counted like the card's (dialogs.switchboard.answer_guide)."""
    verdict, category = await switchboard_domain.answer_guide(
        ctx.store, team.id, ctx.today(), who, what
    )
    if verdict != "no":
        return GuideAnswer(verdict)
    referral = team_rules(ctx, team).referral(category)
    return GuideAnswer(verdict, referral.name(lang), referral.phone)
