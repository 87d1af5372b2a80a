"""The hotline's figures: calls, settled on the phone, round tables, Fast track, referrals,
deadlines met and missed, and the calls that did not belong to the hotline (per category)."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from dialogs import cards
from dialogs.chart import Bar, bar_chart_png, data_uri
from dialogs.commands import Invocation
from dialogs.context import Caller, Context
from dialogs.messages import capital, format_day, t
from dialogs.plain import Reply
from rules.deadlines import deadlines
from rules.text import fold
from store.models import Case, Team

# The columns of `hotline-bot stats --format csv` and the Tal page's CSV, in their order.
CSV_HEADER = (
    "week",
    "calls",
    "settled_on_phone",
    "round_tables",
    "fast_track",
    "referred",
    "deadlines_met",
    "deadlines_missed",
    "not_hotline",
)


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

    def csv_row(self) -> list[str]:
        """The row of `hotline-bot stats --format csv` (and the Tal page's CSV)."""
        misroutes = ";".join(f"{k}={n}" for k, n in sorted(self.misroutes.items()))
        return [*self.row(), misroutes]


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


async def weekly_series(ctx: Context, team: Team, first: date, last: date) -> list[Figures]:
    """One row per ISO week in the range, clipped to it (labelled 2027-W03), with the cases
    read in one query, not one per week: `hotline-bot stats` and the Tal page."""
    zone = ctx.settings.zone
    start = datetime.combine(first, time(), tzinfo=zone)
    end = datetime.combine(last + timedelta(days=1), time(), tzinfo=zone)
    by_week: dict[date, list[Case]] = {}
    for case in await ctx.store.cases.between(team.id, start, end):
        day = case.call_at.astimezone(zone).date()
        by_week.setdefault(day - timedelta(days=day.weekday()), []).append(case)
    rows = []
    monday = first - timedelta(days=first.weekday())
    while monday <= last:
        week = monday.isocalendar()
        rows.append(figures(f"{week.year}-W{week.week:02d}", by_week.get(monday, [])))
        monday += timedelta(weeks=1)
    return rows


async def weekly_report(ctx: Context, team: Team, lang: str) -> Reply:
    """The figures of this week and the four before as a table, and a card with their chart and
    a link to the *Tal* page."""
    today = ctx.today()
    monday = today - timedelta(days=today.weekday())
    rows = await weeks(ctx, team, monday, 5, lang)
    numbers = [(monday - timedelta(weeks=back)).isocalendar().week for back in range(len(rows))]
    pairs = reversed(list(zip(numbers, rows, strict=True)))  # oldest week first
    bars = [Bar(str(week), f.calls, f.settled) for week, f in pairs]
    url = ctx.settings.link_base + "/web/tal"
    return Reply(
        f"**{t(lang, 'report_title')}**\n\n{table(lang, rows)}", card=report_card(lang, bars, url)
    )


def report_card(lang: str, bars: list[Bar], figures_url: str) -> dict[str, Any]:
    """Calls a week, oldest first, the part settled on the phone darker; the chart travels in
    the card as a data: URI (about 1 KB), so no image address needs guarding."""
    weeks_ = ", ".join(
        t(lang, "report_chart_week", week=b.label, calls=b.total, settled=b.part) for b in bars
    )
    image = {
        "type": "Image",
        "url": data_uri(bar_chart_png(bars)),
        "altText": t(lang, "report_chart_alt", weeks=weeks_),
        "size": "Stretch",
    }
    body = [
        cards.heading(t(lang, "report_chart_title")),
        image,
        cards.text(t(lang, "report_chart_legend"), subtle=True),
    ]
    link = {"type": "Action.OpenUrl", "title": t(lang, "report_open_figures"), "url": figures_url}
    return cards.card(body, [link])


async def show_stats(caller: Caller, inv: Invocation, ctx: Context) -> list[Reply]:
    lang, team, today = caller.lang, caller.in_team, ctx.today()
    words = fold(inv.args).split()
    if not words:
        return [await weekly_report(ctx, team, lang)]
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
        await weekly_report(ctx, team, lang),
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
