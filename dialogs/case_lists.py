"""Case lists and look-ups: `sag 12`, `mine sager`, `sager i dag` / `sager uge`."""

import re
from datetime import date, datetime, time, timedelta

from dialogs.case_cards import case_card
from dialogs.case_texts import deadline_text, next_deadline_of
from dialogs.commands import Invocation
from dialogs.context import Caller, Context
from dialogs.markdown import escape
from dialogs.messages import t, t_count
from dialogs.plain import Reply
from dialogs.planning import absent_days, rota_members
from domain import cases as domain
from rules.text import fold
from rules.working_days import Calendar
from store.models import Case, Member, Team


async def show_case(caller: Caller, inv: Invocation, ctx: Context) -> list[Reply]:
    team = caller.in_team
    case = await domain.by_number(ctx.store, team.id, inv.args)
    return [Reply(card=await case_card(ctx, team, case, caller.lang))]


def initials(name: str) -> str:
    """`Anders Bo Jensen` -> `ABJ`; initials typed as such (`AB`, `A.B.`) stay."""
    bare = name.replace(".", "").strip()
    if bare.isalpha() and bare.isupper() and len(bare) <= 4:
        return bare
    return "".join(word[0].upper() for word in re.split(r"[\s\-.]+", name) if word)


def _line(lang: str, ctx: Context, case: Case, calendar: Calendar) -> str:
    """What a caseworker knows a case by (company, the employee's initials, topic), the call,
    and the next deadline."""
    when = case.call_at.astimezone(ctx.settings.zone)
    who = ", ".join(part for part in (case.company, initials(case.employee)) if part)
    line = t(
        lang,
        "case_line",
        number=case.number,
        who=who or t(lang, "case_line_unnamed"),
        topic=t(lang, f"topic.{case.topic}"),
        when=f"{when.day}/{when.month} {when.strftime('%H:%M')}",
    )
    upcoming = next_deadline_of(case)
    if upcoming is not None:
        line += " — " + deadline_text(lang, upcoming, ctx.today(), calendar)
    return line


# A list shows this many cases and counts the others: a message stays far inside Teams' size
# limit. A period's list reads (and holds) only these, however busy (#17).
LISTED = 30


async def my_cases(caller: Caller, inv: Invocation, ctx: Context) -> list[Reply]:
    """The caller's open cases, the next deadline first (those without one last, by number)."""
    lang, team = caller.lang, caller.in_team
    cases = sorted(
        await ctx.store.cases.open_cases(team.id, caller.member.id), key=_by_next_deadline
    )
    if not cases:
        return [Reply(t(lang, "my_cases_none"))]
    calendar = ctx.team_settings(team).calendar
    lines = [f"**{t(lang, 'my_cases_title')}**", ""]
    lines += [f"- {_line(lang, ctx, c, calendar)}" for c in cases[:LISTED]]
    if len(cases) > LISTED:
        lines += ["", t_count(lang, "my_cases_later", len(cases) - LISTED)]
    return [Reply("\n".join(lines))]


def _by_next_deadline(case: Case) -> tuple[date, int]:
    upcoming = next_deadline_of(case)
    return (upcoming.due if upcoming else date.max, case.number)


async def cases_period(caller: Caller, inv: Invocation, ctx: Context) -> list[Reply]:
    """`sager i dag` / `sager uge`."""
    lang, team = caller.lang, caller.in_team
    today = ctx.today()
    week = fold(inv.args) in ("uge", "week")
    first = today - timedelta(days=today.weekday()) if week else today
    start = datetime.combine(first, time(), tzinfo=ctx.settings.zone)
    end = start + timedelta(days=7 if week else 1)
    cases = await ctx.store.cases.last_between(team.id, start, end, LISTED + 1)
    names = await ctx.store.members.names(team.id)
    title = t(lang, "cases_week_title" if week else "cases_today_title")
    lines = [f"**{title}**", ""]
    if len(cases) > LISTED:
        earlier = await ctx.store.cases.count_between(team.id, start, end) - LISTED
        del cases[:-LISTED]
        lines += [t_count(lang, "cases_earlier", earlier), ""]
    calendar = ctx.team_settings(team).calendar
    lines += [
        f"- {_line(lang, ctx, c, calendar)} ({escape(names.get(c.owner_id or 0, ''))})"
        for c in cases
    ]
    if not cases:
        lines.append(t(lang, "cases_none"))
    load = await _load(ctx, team, today)
    if load:
        shown = ", ".join(f"{m.name} {n}" for m, n in load)
        lines += ["", t(lang, "cases_load", load=shown, least=load[0][0].name)]
    return [Reply("\n".join(lines))]


async def _load(ctx: Context, team: Team, today: date) -> list[tuple[Member, int]]:
    """Colleagues at work today with their open cases, least loaded first."""
    counts = await ctx.store.cases.open_counts(team.id)
    away = await absent_days(ctx, team, today, today)
    present = [m for m, _ in await rota_members(ctx, team) if today not in away.get(m.id, ())]
    return sorted(((m, counts.get(m.id, 0)) for m in present), key=lambda p: (p[1], p[0].name))
