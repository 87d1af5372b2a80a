"""Who holds the hotline: `vagt`, `vagtplan`, `mine vagter`, and a lead's edits."""

from datetime import date, timedelta
from typing import Any

from dialogs import cards
from dialogs.commands import Invocation
from dialogs.context import Caller, Context
from dialogs.holder import (
    Marked,
    away,
    call_instead,
    not_taken,
    on_the_phone,
    short,
    take_card,
)
from dialogs.markdown import Markup, bold, escape
from dialogs.messages import bad_date_key, capital, format_day, t, weekday_names
from dialogs.plain import Reply
from dialogs.planning import days_of, horizon
from dialogs.targets import target_and_rest
from domain import rota
from rules.dates import MONTHS, BadDate, parse_date
from rules.text import fold
from rules.working_days import holiday_name
from store.models import Team


async def holder_name(
    ctx: Context, team: Team, day: date, lang: str, *, discreet: bool = False
) -> str:
    """The holder named in passing: 'ingen (Anne Hansen har ferie)' while the day is not taken."""
    return short(lang, (await ctx.store.rota.planned(team.id, [day])).get(day), discreet=discreet)


async def show_duty(caller: Caller, inv: Invocation, ctx: Context) -> list[Reply]:
    lang, team = caller.lang, caller.in_team
    settings = ctx.team_settings(team)
    try:
        day = parse_date(inv.args, ctx.today()) if inv.args.strip() else ctx.today()
    except BadDate as exc:
        return [Reply(t(lang, bad_date_key(exc), text=inv.args))]
    calendar = settings.calendar
    phone = settings.phone or t(lang, "no_phone")
    following = calendar.next_working_day(day)
    discreet = caller.role == "switchboard"
    if not calendar.is_working_day(day):
        following = calendar.next_working_day(day, include=True)
        holiday = holiday_name(day, lang)
        return [
            Reply(
                t(
                    lang,
                    "duty_closed",
                    day=capital(format_day(lang, day)),
                    reason=f" ({holiday})" if holiday else "",
                    next_day=format_day(lang, following),
                    next_holder=await holder_name(ctx, team, following, lang, discreet=discreet),
                    phone=phone,
                )
            )
        ]
    # Both days in one query (#17); only a day whose holder is away is read in full.
    both = await ctx.store.rota.planned(team.id, [day, following])
    values = {
        "day": capital(format_day(lang, day)),
        "next_day": format_day(lang, following),
        "next_holder": short(lang, both.get(following), discreet=discreet),
        "phone": phone,
    }
    planned = both.get(day)
    if planned is None or planned.away is None:
        return [_present(lang, planned, values)]
    holder = await on_the_phone(ctx, team, day)  # who to call instead, the open request
    if holder.member is None or holder.away is None:
        return [_present(lang, holder, values)]
    you = holder.member.id == caller.member.id
    text = t(
        lang,
        "duty_away",
        not_taken=not_taken(lang, holder, discreet=discreet, you=you),
        instead=call_instead(lang, holder),
        **values,
    )
    replies = [Reply(text)]
    card = take_card(lang, holder)
    # Colleagues get the open request one click away; the switchboard never gets a button.
    if card is not None and not you and caller.role in ("caseworker", "lead"):
        replies.append(Reply(card=card))
    return replies


def _present(lang: str, holder: Marked | None, values: dict[str, str]) -> Reply:
    """The answer for a day nobody holds, or whose holder is there."""
    if holder is None or holder.member is None:
        return Reply(t(lang, "duty_nobody", **values))
    return Reply(t(lang, "duty_answer", holder=holder.member.name, **values))


def _period(text: str, today: date) -> tuple[date, date] | None:
    """`uge 3`, `næste uge`, `måned`, `næste måned`, `december` (the next one), a date (its
    week), or nothing (this week and next)."""
    words = fold(text).split()
    monday = today - timedelta(days=today.weekday())
    if not words:
        return monday, monday + timedelta(days=11)
    if words in (["naeste", "uge"], ["next", "week"]):
        return monday + timedelta(days=7), monday + timedelta(days=11)
    if words in (["uge"], ["week"]):
        return monday, monday + timedelta(days=4)
    if words in (["maaned"], ["month"]):
        first = today.replace(day=1)
        return first, (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    if words in (["naeste", "maaned"], ["next", "month"]):
        first = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
        return first, (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    if len(words) == 2 and words[0] in ("uge", "week") and words[1].isdigit():
        number = int(words[1])
        year = today.year if number >= today.isocalendar().week - 8 else today.year + 1
        try:
            start = date.fromisocalendar(year, number, 1)
        except ValueError:
            return None
        return start, start + timedelta(days=4)
    if len(words) == 1 and words[0] in MONTHS:
        number = MONTHS[words[0]]
        first = date(today.year if number >= today.month else today.year + 1, number, 1)
        return first, (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    try:
        day = parse_date(text, today)
    except BadDate:
        return None
    start = day - timedelta(days=day.weekday())
    return start, start + timedelta(days=4)


async def show_rota(caller: Caller, inv: Invocation, ctx: Context) -> list[Reply]:
    lang, team = caller.lang, caller.in_team
    period = _period(inv.args, ctx.today())
    if period is None:
        return [Reply(t(lang, "rota_usage"))]
    first, last = period
    listing = await ctx.store.rota.listing(team.id, first, last)  # one query (#17)
    if not listing.anyone_on_rota:
        return [Reply(t(lang, "rota_empty"))]
    calendar = ctx.team_settings(team).calendar
    today = ctx.today()
    lines: list[RotaLine] = []
    for day in calendar.working_days(first, last):
        planned = listing.days.get(day)
        member = planned.member if planned is not None else None
        mine = member is not None and member.id == caller.member.id
        if planned is not None and member is not None:
            name = member.name
            if planned.away is not None:  # an away holder is marked: the day is not taken yet
                name = t(lang, "rota_away", away=away(lang, planned))
        else:  # a past day nobody held is not "nobody yet"
            name = t(lang, "rota_past_nobody" if day < today else "nobody")
        lines.append((day, name, mine))
    return [Reply(card=rota_card(lang, first, last, lines, today))]


# (day, holder's name, the reader's own day)
RotaLine = tuple[date, str, bool]


def rota_card(
    lang: str, first: date, last: date, lines: list[RotaLine], today: date
) -> dict[str, Any]:
    title = t(lang, "rota_title", first=format_day(lang, first), last=format_day(lang, last))
    body = [cards.heading(title)]
    # The bot's own texts are read once and marked as such: a row escapes only its holder
    # (#17: escaping every cell of every row was a third of the `vagtplan` turn).
    short = [Markup(name) for name in weekday_names(lang)]
    yours = Markup(f" ({t(lang, 'rota_you')})")
    todays = Markup(f" ← {t(lang, 'rota_today')}")
    week = None
    for day, name, mine in lines:
        number = day.isocalendar().week
        if number != week:
            week = number
            body.append(cards.text(bold(t(lang, "rota_week", week=week)), subtle=True))
        # `name` is a person's name, or the bot's own Markup for an away holder: escaped once.
        shown = escape(name)
        if mine:
            shown = Markup(shown + yours)
        if day == today:
            shown = Markup(shown + todays)
        cells: list[str] = [Markup(f"{day.day}/{day.month}"), short[day.weekday()], shown]
        body.append(cards.row(cells, bold=day == today, accent=mine))
    return cards.card(body, [cards.submit(t(lang, "web_open"), {"action": "web.open"})])


async def my_duties(caller: Caller, inv: Invocation, ctx: Context) -> list[Reply]:
    lang, team = caller.lang, caller.in_team
    planned = await ctx.store.rota.planned_between(team.id, ctx.today(), horizon(ctx, team))
    mine = [p for p in planned.values() if p.member is not None and p.member.id == caller.member.id]
    if not mine:
        weeks = ctx.team_settings(team).rota_weeks
        return [Reply(t(lang, "my_duties_none", weeks=weeks))]
    lines = [f"**{t(lang, 'my_duties_title')}**", ""]
    for duty in mine:
        line = format_day(lang, duty.day)
        if duty.away is not None:
            line = t(lang, "my_duty_away", day=line, not_taken=not_taken(lang, duty, you=True))
        lines.append(f"- {line}")
    return [Reply("\n".join(lines))]


async def set_duty(caller: Caller, inv: Invocation, ctx: Context) -> list[Reply]:
    """`sæt vagt 5.1 Anne`: a lead gives a day to someone; the day is kept from then on."""
    lang, team = caller.lang, caller.in_team
    words = inv.args.split()
    if inv.target_id is None and len(words) < 2 and not caller.request.mentions:
        return [Reply(t(lang, "set_duty_usage"))]
    date_text = words[0] if words else ""
    try:
        day = parse_date(date_text, ctx.today())
    except BadDate as exc:
        return [Reply(t(lang, bad_date_key(exc), text=date_text))]
    days = days_of(ctx, team)
    if not days.calendar.is_working_day(day):  # before the name is looked up, as always
        return [Reply(t(lang, "not_working_day", day=capital(format_day(lang, day))))]
    name = Invocation(" ".join(words[1:]), inv.example, inv.target_id)
    found = await target_and_rest(caller, ctx, name, "set_duty", 0, rerun=inv.args)
    member, _ = found
    await rota.set_duty(ctx.store, team.id, days, day, member, caller.member.id)
    return [Reply(t(lang, "set_duty_ok", day=capital(format_day(lang, day)), name=member.name))]


async def generate_rota(caller: Caller, inv: Invocation, ctx: Context) -> list[Reply]:
    """`lav vagtplan FRA TIL`: plan a range again; days kept by hand stay."""
    lang, team = caller.lang, caller.in_team
    words = inv.args.split()
    if len(words) != 2:
        return [Reply(t(lang, "range_usage"))]
    try:
        first, last = (parse_date(w, ctx.today()) for w in words)
    except BadDate as exc:
        return [Reply(t(lang, bad_date_key(exc), text=str(exc)))]
    days = days_of(ctx, team)
    changes = await rota.generate_range(ctx.store, team.id, days, first, last, caller.member.id)
    return [
        Reply(
            t(
                lang,
                "generated",
                first=format_day(lang, first),
                last=format_day(lang, last),
                changed=len(changes),
            )
        )
    ]
