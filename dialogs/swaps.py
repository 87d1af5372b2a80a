"""Swapping duties: `byt 5.1` asks everyone in the channel, `byt 5.1 med Bo [mod 12.1]` asks
one colleague, `bytter` lists the open requests. The request row is the state; its status is
derived (rules.swaps), so a click on an old card is answered, not obeyed. The cards, the clicks
and the daily round live in dialogs/swap_*.py; their names are kept here for the modules that
import them from dialogs.swaps."""

from datetime import date
from typing import Any

from dialogs import cards
from dialogs.commands import Invocation
from dialogs.context import Caller, Context
from dialogs.messages import bad_date_key, format_day, t
from dialogs.plain import Reply
from dialogs.swap_cards import absence_card, approval_card, day_line, direct_card, open_card
from dialogs.swap_clicks import act, decide
from dialogs.swap_posts import post_absence, post_request
from dialogs.swap_reminders import tick_swaps
from dialogs.targets import target_and_rest
from domain import swaps
from domain.errors import Refused
from rules.dates import BadDate, parse_date
from rules.text import fold
from store.models import Member, Team

__all__ = [
    "absence_card",
    "act",
    "approval_card",
    "day_line",
    "decide",
    "direct_card",
    "list_swaps",
    "offer_absence",
    "open_card",
    "swap",
    "tick_swaps",
]

WITH = frozenset({"med", "with"})
FOR = frozenset({"mod", "for"})


async def swap(caller: Caller, inv: Invocation, ctx: Context) -> list[Reply]:
    team, lang, today = caller.in_team, caller.lang, ctx.today()
    words = inv.args.split()
    if not words:
        return [Reply(t(lang, "swap_usage"))]
    day = _date(words[0], today)
    calendar = ctx.team_settings(team).calendar
    await swaps.check_own_day(ctx.store, team.id, caller.member.id, day, today, calendar)
    target, offered = None, None
    if words[1:] or caller.request.mentions or inv.target_id:
        name, back = _colleague(words[1:])
        found = await target_and_rest(
            caller, ctx, Invocation(name, inv.example, inv.target_id), "swap", 0, rerun=inv.args
        )
        target = found[0]
        offered = _date(back[0], today) if back else None
    row = await swaps.request_swap(
        ctx.store,
        team.id,
        caller.member.id,
        day,
        today=today,
        now=ctx.clock.now(),
        calendar=calendar,
        target=target,
        offered_day=offered,
    )
    await post_request(ctx, team, row, caller.member, target)
    if target is None:
        return [Reply(t(lang, "swap_open_ok", day=format_day(lang, day)))]
    return [Reply(t(lang, "swap_direct_ok", name=target.name, day=format_day(lang, day)))]


def _colleague(rest: list[str]) -> tuple[str, list[str]]:
    """`med Bo mod 12.1`: the colleague's name, and the words after `mod` (the day offered)."""
    if rest and fold(rest[0]) in WITH:
        rest = rest[1:]
    cut = next((i for i, w in enumerate(rest) if fold(w) in FOR), len(rest))
    return " ".join(rest[:cut]), rest[cut + 1 :]


def _date(text: str, today: date) -> date:
    try:
        return parse_date(text, today)
    except BadDate as exc:
        raise Refused(bad_date_key(exc), text=text) from None


async def offer_absence(
    ctx: Context, team: Team, requester: Member, absence_id: int, days: list[date]
) -> list[date]:
    """Offer an absence's duty days: one request per day (each taken on its own), and one
    post in the channel with a button per day. The days offered (not those already open)."""
    rows = await swaps.offer_absence_days(
        ctx.store, team.id, requester.id, absence_id, days, today=ctx.today(), now=ctx.clock.now()
    )
    await post_absence(ctx, team, requester, absence_id, rows)
    return [row.day for row in rows]


async def list_swaps(caller: Caller, inv: Invocation, ctx: Context) -> list[Reply]:
    lang, team = caller.lang, caller.in_team
    rows = await ctx.store.swaps.open_for_team(team.id, ctx.today())
    awaiting = await ctx.store.swaps.awaiting_for_team(team.id, ctx.today())
    if not rows and not awaiting:
        return [Reply(t(lang, "swaps_none"))]
    names = await ctx.store.members.names(team.id)
    lines: list[tuple[str, tuple[str, dict[str, Any]] | None]] = []
    for row in awaiting:
        day, name = format_day(lang, row.day), names.get(row.requester_id, "")
        taker = names.get(row.taken_by or 0, "")
        lines.append((t(lang, "swap_line_awaiting", day=day, name=name, taker=taker), None))
    for row in rows:
        target = t(lang, "swap_to", name=names.get(row.target_id, "")) if row.target_id else ""
        line = t(
            lang,
            "swap_line",
            day=format_day(lang, row.day),
            name=names.get(row.requester_id, ""),
            target=target,
        )
        button: tuple[str, dict[str, Any]] | None = None
        if row.requester_id == caller.member.id:
            button = (t(lang, "cancel"), {"action": "swap.cancel", "swap": row.id})
        elif row.target_id in (None, caller.member.id):
            button = (t(lang, "take"), {"action": "swap.take", "swap": row.id})
        lines.append((line, button))
    return [Reply(card=cards.list_card(t(lang, "swaps_title"), lines))]
