"""The hotline's figures: calls, settled on the phone, round tables, Fast track, referrals,
deadlines met and missed, and the calls that did not belong to the hotline (per category)."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from dialogs.commands import Invocation
from dialogs.context import Caller, Context
from dialogs.messages import capital, format_day, t
from dialogs.plain import Reply
from rules.deadlines import deadlines
from rules.text import fold
from store.models import Case, Team


@dataclass(frozen=True)
class Figures:
    label: str
    calls: int
    settled: int
    round_tables: int
    fast_track: int
    referred: int
    met: int
    missed: int
    misroutes: Counter[str]

    def row(self) -> list[str]:
        return [
            self.label,
            *map(
                str,
                (
                    self.calls,
                    self.settled,
                    self.round_tables,
                    self.fast_track,
                    self.referred,
                    self.met,
                    self.missed,
                ),
            ),
        ]


def figures(label: str, cases: list[Case]) -> Figures:
    decided = [
        d
        for c in cases
        for d in deadlines(c.request_date, c.first_absence, c.first_talk)
        if d.met is not None
    ]
    outcomes = Counter(c.outcome for c in cases)
    return Figures(
        label,
        len(cases),
        outcomes["settled"],
        outcomes["round_table"],
        outcomes["fast_track"],
        outcomes["referred"],
        sum(d.met for d in decided if d.met),
        sum(1 for d in decided if d.met is False),
        Counter(c.not_hotline for c in cases if c.not_hotline),
    )


async def period_figures(
    ctx: Context,
    team: Team,
    first: date,
    last: date,
    label: str,
) -> Figures:
    zone = ctx.settings.zone
    start = datetime.combine(first, time(), tzinfo=zone)
    end = datetime.combine(last + timedelta(days=1), time(), tzinfo=zone)
    return figures(label, await ctx.store.cases.between(team.id, start, end))


async def weeks(ctx: Context, team: Team, monday: date, count: int, lang: str) -> list[Figures]:
    """This week and the `count - 1` before it, newest first."""
    result = []
    for back in range(count):
        start = monday - timedelta(weeks=back)
        label = t(lang, "stats_week", week=start.isocalendar().week)
        result.append(await period_figures(ctx, team, start, start + timedelta(days=6), label))
    return result


def table(lang: str, rows: list[Figures]) -> str:
    head = t(lang, "stats_head")
    lines = [head, " | ".join("---" for _ in head.split(" | "))]
    lines += [" | ".join(f.row()) for f in rows]
    misroutes = sum((f.misroutes for f in rows[:1]), Counter())
    if misroutes:
        items = ", ".join(
            f"{capital(t(lang, f'category.{k}'))} {n}" for k, n in misroutes.most_common()
        )
        lines += ["", t(lang, "stats_misroutes", items=items)]
    else:
        lines += ["", t(lang, "stats_no_misroutes")]
    return "\n".join(lines)


async def weekly_report(ctx: Context, team: Team, lang: str) -> str:
    today = ctx.today()
    monday = today - timedelta(days=today.weekday())
    rows = await weeks(ctx, team, monday, 5, lang)
    return f"**{t(lang, 'report_title')}**\n\n{table(lang, rows)}"


async def show_stats(caller: Caller, inv: Invocation, ctx: Context) -> list[Reply]:
    assert caller.team is not None
    lang, team, today = caller.lang, caller.team, ctx.today()
    words = fold(inv.args).split()
    if not words:
        return [Reply(await weekly_report(ctx, team, lang))]
    if words in (["maaned"], ["month"]):
        first = today.replace(day=1)
        last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    elif words in (["aar"], ["year"]):
        first, last = date(today.year, 1, 1), date(today.year, 12, 31)
    elif len(words) == 2 and words[0] in ("uge", "week") and words[1].isdigit():
        try:
            first = date.fromisocalendar(today.year, int(words[1]), 1)
        except ValueError:
            return [Reply(t(lang, "stats_usage"))]
        last = first + timedelta(days=6)
    else:
        return [Reply(t(lang, "stats_usage"))]
    period = f"{format_day(lang, first)} – {format_day(lang, last)}"
    found = await period_figures(ctx, team, first, last, period)
    return [Reply(f"**{t(lang, 'stats_title', period=period)}**\n\n{table(lang, [found])}")]


async def queue_weekly_report(ctx: Context, team: Team) -> bool:
    """Fridays at the team's report time, in the announcement channel; once a week."""
    lang = ctx.team_settings(team).post_language
    week = ctx.today().isocalendar()
    return await ctx.notify(
        f"report:{team.id}:{week.year}-{week.week}",
        team.id,
        "report",
        f"channel:{team.id}",
        Reply(await weekly_report(ctx, team, lang)),
    )


async def retention(ctx: Context) -> int:
    """Purge sent messages and old card flows; anonymise each team's old closed cases."""
    now = ctx.clock.now()
    before = now - timedelta(days=ctx.settings.retention_days)
    done = await ctx.store.outbox.purge(before) + await ctx.store.flows.purge(before)
    for team in await ctx.store.teams.all_active():
        days = ctx.team_settings(team).retention_days
        done += await ctx.store.cases.anonymise_closed(team.id, now - timedelta(days=days))
    return done
