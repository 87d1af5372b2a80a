"""The browser pages as HTML: plain data in (dialogs/web_data.py), a page out.

Every text comes from the catalogue through `t_plain` and every value goes through
`html.escape`; the catalogue's own `**bold**` becomes <strong>. No inline script or style:
the Content-Security-Policy (bot/web.py) forbids them; CSS and JS are in bot/static/.
"""

import html
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from dialogs.messages import t_plain
from dialogs.stats import Figures
from dialogs.switchboard import WHAT, WHO
from dialogs.web_data import GuideAnswer, RotaMonth, Switchboard

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_\[\]~#+=.)-])")


def text(lang: str, key: str, **values: Any) -> str:
    """A catalogue text as HTML, every value escaped."""
    escaped = {k: html.escape(str(v)) for k, v in values.items()}
    return _BOLD.sub(r"<strong>\1</strong>", html.escape(t_plain(lang, key), quote=False)).format(
        **escaped
    )


def from_markdown(markdown: str) -> str:
    """A reply chat would have sent (Markdown from `t()`), as HTML."""
    plain = _MARKDOWN_ESCAPE.sub(r"\1", markdown.replace("&lt;", "<").replace("&gt;", ">"))
    plain = plain.replace("&amp;", "&")
    return _BOLD.sub(r"<strong>\1</strong>", html.escape(plain)).replace("\n", "<br>")


def esc(value: object) -> str:
    return html.escape(str(value))


def _words(lang: str, key: str) -> list[str]:
    return t_plain(lang, key).split(",")


def long_day(lang: str, day: date) -> str:
    return t_plain(
        lang,
        "day_format",
        weekday=_words(lang, "weekdays_long")[day.weekday()],
        day=day.day,
        month=_words(lang, "months")[day.month - 1],
    )


@dataclass(frozen=True)
class Frame:
    team: str
    member: str
    current: str  # "vagtplan", "tal" or "omstilling"
    csrf: str
    switchboard_only: bool


@dataclass(frozen=True)
class Notice:
    markdown: str
    ok: bool


def _page(lang: str, title: str, main: str, frame: Frame | None = None) -> str:
    nav = ""
    if frame is not None:
        links = [("omstilling", "web_switchboard")]
        if not frame.switchboard_only:
            links = [("vagtplan", "web_rota"), ("tal", "web_figures"), *links]
        items = "".join(
            f'<li><a href="/web/{slug}"'
            + (' aria-current="page"' if slug == frame.current else "")
            + f">{text(lang, key)}</a></li>"
            for slug, key in links
        )
        nav = (
            '<header class="top"><nav aria-label="'
            + text(lang, "web_pages")
            + f'"><ul>{items}</ul></nav>'
            + '<form method="post" action="/web/logout" class="who">'
            + f"<span>{text(lang, 'web_signed_in', name=frame.member, team=frame.team)}</span>"
            + f'<input type="hidden" name="csrf" value="{esc(frame.csrf)}">'
            + f'<button type="submit">{text(lang, "web_sign_out")}</button></form></header>'
        )
    return (
        f'<!doctype html><html lang="{esc(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title>"
        '<link rel="stylesheet" href="/web/static/web.css">'
        '<script src="/web/static/web.js" defer></script></head><body>'
        f'<a class="skip" href="#main">{text(lang, "web_skip")}</a>{nav}'
        f'<main id="main" tabindex="-1">{main}</main></body></html>'
    )


def sign_in_page(lang: str, *, refused: bool = False, signed_out: bool = False) -> str:
    parts = [f"<h1>{text(lang, 'web_sign_in')}</h1>"]
    if refused:
        parts.append(f'<p class="notice bad" role="alert">{text(lang, "web_link_refused")}</p>')
    if signed_out:
        parts.append(f'<p class="notice ok" role="status">{text(lang, "web_signed_out")}</p>')
    parts.append(f"<p>{text(lang, 'web_sign_in_how')}</p>")
    return _page(lang, t_plain(lang, "web_sign_in"), "".join(parts))


def forbidden_page(lang: str) -> str:
    body = f"<h1>{text(lang, 'web_forbidden')}</h1>"
    return _page(lang, t_plain(lang, "web_forbidden"), body)


# Rota


def _month_param(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _cell(lang: str, cell: Any, frame: Frame, month: date) -> str:
    if cell is None:
        return '<td class="out" aria-hidden="true"></td>'
    classes = []
    if cell.mine:
        classes.append("mine")
    if cell.today:
        classes.append("today")
    if not cell.working:
        classes.append("off")
    label = long_day(lang, cell.day)
    parts = [f'<span class="date">{cell.day.day}<span class="sr"> {esc(label)}</span></span>']
    if cell.today:
        parts.append(f'<span class="tag">{text(lang, "rota_today")}</span>')
    if cell.holiday:
        parts.append(f'<span class="holiday">{esc(cell.holiday)}</span>')
    elif cell.closed:
        parts.append(f'<span class="holiday">{text(lang, "web_closed")}</span>')
    if cell.holder:
        mine = f' <span class="tag">({text(lang, "web_yours")})</span>' if cell.mine else ""
        parts.append(f'<span class="holder">{esc(cell.holder)}</span>{mine}')
    for name in cell.handovers:
        parts.append(f'<span class="note">{text(lang, "web_handover", name=name)}</span>')
    if cell.away:
        names = ", ".join(cell.away)
        parts.append(f'<span class="note">{text(lang, "web_away", names=names)}</span>')
    if cell.swap_id is not None:
        parts.append(f'<span class="swap">{text(lang, "web_swap_open")}</span>')
        if cell.can_take:
            parts.append(
                '<form method="post" action="/web/vagtplan/tag" class="take">'
                f'<input type="hidden" name="csrf" value="{esc(frame.csrf)}">'
                f'<input type="hidden" name="swap" value="{cell.swap_id}">'
                f'<input type="hidden" name="month" value="{_month_param(month)}">'
                f'<button type="submit" aria-label="{esc(t_plain(lang, "take"))}, {esc(label)}">'
                f"{text(lang, 'take')}</button></form>"
            )
    css = f' class="{" ".join(classes)}"' if classes else ""
    current = ' aria-current="date"' if cell.today else ""
    return f"<td{css}{current}>{''.join(parts)}</td>"


def rota_page(lang: str, frame: Frame, data: RotaMonth, notice: Notice | None = None) -> str:
    months = _words(lang, "months")
    title = f"{t_plain(lang, 'web_rota')} {months[data.month.month - 1]} {data.month.year}"
    heads = "".join(
        f'<th scope="col"><abbr title="{esc(long)}">{esc(short)}</abbr></th>'
        for short, long in zip(_words(lang, "weekdays"), _words(lang, "weekdays_long"), strict=True)
    )
    rows = "".join(
        "<tr>" + "".join(_cell(lang, c, frame, data.month) for c in week) + "</tr>"
        for week in data.weeks
    )
    shown = ""
    if notice is not None:
        css, role = ("ok", "status") if notice.ok else ("bad", "alert")
        shown = f'<p class="notice {css}" role="{role}">{from_markdown(notice.markdown)}</p>'
    main = (
        f"<h1>{esc(title)}</h1>{shown}"
        '<nav class="months" aria-label="' + text(lang, "web_period") + '">'
        f'<a href="/web/vagtplan?month={_month_param(data.previous)}" rel="prev">'
        f"{text(lang, 'web_previous_month')}</a>"
        f'<a href="/web/vagtplan?month={_month_param(data.following)}" rel="next">'
        f"{text(lang, 'web_next_month')}</a>"
        f'<button type="button" class="print" hidden>{text(lang, "web_print")}</button></nav>'
        f"<p>{text(lang, 'web_open_swaps', count=data.open_swaps)}</p>"
        f'<div class="scroll"><table class="month"><caption class="sr">{esc(title)}</caption>'
        f"<thead><tr>{heads}</tr></thead><tbody>{rows}</tbody></table></div>"
    )
    return _page(lang, title, main, frame)


# Figures

SERIES = (
    ("calls", 1),
    ("settled", 2),
    ("round_tables", 3),
    ("fast_track", 4),
    ("met", 6),
    ("missed", 7),
)


def _bar_chart(title: str, labels: list[str], values: list[int], chart_id: str) -> str:
    """An SVG bar chart readable without colour: hatched bars, each with its value."""
    width, height, top, bottom, left = 640, 220, 24, 36, 8
    count = max(len(values), 1)
    slot = (width - left * 2) / count
    peak = max(values, default=0) or 1
    bars = []
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        bar = (height - top - bottom) * value / peak
        x = left + i * slot + slot * 0.15
        y = height - bottom - bar
        w = slot * 0.7
        bars.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{bar:.1f}" '
            f'fill="url(#hatch-{chart_id})" stroke="#1b3a5c"/>'
            f'<text x="{x + w / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle" '
            f'font-size="11">{value}</text>'
        )
        if count <= 14 or i % max(1, count // 12) == 0:
            bars.append(
                f'<text x="{x + w / 2:.1f}" y="{height - bottom + 14:.1f}" text-anchor="middle" '
                f'font-size="10">{esc(label)}</text>'
            )
    return (
        f'<svg viewBox="0 0 {width} {height}" role="img" aria-labelledby="t-{chart_id}" '
        f'class="chart" xmlns="http://www.w3.org/2000/svg"><title id="t-{chart_id}">'
        f"{esc(title)}</title><defs>"
        f'<pattern id="hatch-{chart_id}" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#dbe7f3"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#1b3a5c" stroke-width="2"/></pattern></defs>'
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - left}" y2="{height - bottom}" '
        f'stroke="#000"/>{"".join(bars)}</svg>'
    )


def figures_page(lang: str, frame: Frame, first: date, last: date, rows: list[Figures]) -> str:
    heads = t_plain(lang, "stats_head").split(" | ")
    week = t_plain(lang, "web_week")
    labels = [r.label.split("-W")[-1] for r in rows]
    sections = []
    for index, (attribute, column) in enumerate(SERIES):
        name = heads[column]
        values = [int(getattr(r, attribute)) for r in rows]
        table_rows = "".join(
            f'<tr><th scope="row">{esc(r.label)}</th><td>{v}</td></tr>'
            for r, v in zip(rows, values, strict=True)
        )
        chart_title = t_plain(lang, "web_chart", title=name)
        sections.append(
            f'<section aria-labelledby="h-{index}"><h2 id="h-{index}">{esc(name)}</h2>'
            f"{_bar_chart(chart_title, labels, values, str(index))}"
            f'<details open><summary>{esc(name)}: {esc(week.lower())}</summary><div class="scroll">'
            f'<table><thead><tr><th scope="col">{esc(week)}</th><th scope="col">{esc(name)}'
            f"</th></tr></thead><tbody>{table_rows}</tbody></table></div></details></section>"
        )
    misroutes: Counter[str] = sum((r.misroutes for r in rows), Counter())
    title = t_plain(lang, "web_misroutes")
    if misroutes:
        items = misroutes.most_common()
        names = [t_plain(lang, f"category.{k}") for k, _ in items]
        chart = _bar_chart(title, names, [n for _, n in items], "m")
        body = "".join(
            f'<tr><th scope="row">{esc(n)}</th><td>{c}</td></tr>'
            for n, (_, c) in zip(names, items, strict=True)
        )
        table = (
            f'<table><thead><tr><th scope="col">{text(lang, "web_category")}</th>'
            f'<th scope="col">{text(lang, "web_count")}</th></tr></thead>'
            f"<tbody>{body}</tbody></table>"
        )
        sections.append(f"<section><h2>{esc(title)}</h2>{chart}{table}</section>")
    else:
        sections.append(
            f"<section><h2>{esc(title)}</h2><p>{text(lang, 'web_no_misroutes')}</p></section>"
        )
    query = f"from={first.isoformat()}&amp;to={last.isoformat()}"
    page_title = f"{t_plain(lang, 'web_figures')} {long_day(lang, first)} – {long_day(lang, last)}"
    main = (
        f"<h1>{esc(page_title)}</h1>"
        '<form method="get" action="/web/tal" class="period">'
        f'<label for="from">{text(lang, "web_from")}</label>'
        f'<input type="date" id="from" name="from" value="{first.isoformat()}" required>'
        f'<label for="to">{text(lang, "web_to")}</label>'
        f'<input type="date" id="to" name="to" value="{last.isoformat()}" required>'
        f'<button type="submit">{text(lang, "web_show")}</button></form>'
        f'<p><a href="/web/tal.csv?{query}" download>{text(lang, "web_csv")}</a></p>'
        + "".join(sections)
    )
    return _page(lang, page_title, main, frame)


# Switchboard


def switchboard_page(
    lang: str, frame: Frame, data: Switchboard, answer: GuideAnswer | None = None
) -> str:
    weekdays = _words(lang, "weekdays_long")
    phone = data.phone or t_plain(lang, "no_phone")
    nobody = t_plain(lang, "nobody")
    facts = []
    if data.open_now:
        facts.append((text(lang, "web_now"), esc(data.holder_now or nobody)))
    else:
        if data.opens_at is None:
            facts.append((text(lang, "web_now"), text(lang, "verdict_never")))
        else:
            when = t_plain(
                lang,
                "when",
                day=long_day(lang, data.opens_at.date()),
                time=f"{data.opens_at:%H:%M}",
            )
            facts.append((text(lang, "web_now"), text(lang, "web_closed_now", when=when)))
            facts.append((text(lang, "web_at_opening"), esc(data.holder_now or nobody)))
    if data.next_day is not None:
        key = text(lang, "web_next", day=long_day(lang, data.next_day))
        facts.append((key, esc(data.holder_next or nobody)))
    facts.append((text(lang, "web_number"), f"<strong>{esc(phone)}</strong>"))
    hours = "".join(f"<li>{esc(weekdays[d])}: {esc(span)}</li>" for d, span in data.hours)
    facts.append((text(lang, "web_hours"), f"<ul>{hours}</ul>"))
    dl = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in facts)
    yes = "".join(f"<li>{text(lang, f'briefing_yes_{i}')}</li>" for i in (1, 2, 3))
    no = "".join(
        f"<li>{text(lang, 'briefing_no_line', what=t_plain(lang, key), target=target)}</li>"
        for key, target in data.no_lines
    )
    shown = ""
    if answer is not None:
        if answer.verdict == "yes":
            shown = f"<h3>{text(lang, 'verdict_yes')}</h3>"
        elif answer.verdict == "unsure":
            shown = f"<p>{text(lang, 'verdict_ask_who')}</p>"
        elif answer.verdict == "missing":
            shown = f"<p>{text(lang, 'guide_pick_both')}</p>"
        else:
            # As the chat's verdict: a number, or plainly that it is missing.
            extra = (
                f", {answer.referral_phone}"
                if answer.referral_phone
                else t_plain(lang, "verdict_no_number")
            )
            shown = (
                f"<h3>{text(lang, 'verdict_no')}</h3>"
                f"<p>{text(lang, 'verdict_where', target=answer.referral, phone=extra)}</p>"
            )
        shown = f'<div class="notice ok" role="status" id="answer">{shown}</div>'

    def radios(name: str, options: tuple[str, ...], legend: str) -> str:
        items = "".join(
            f'<div><input type="radio" id="{name}-{o}" name="{name}" value="{o}" required>'
            f'<label for="{name}-{o}">{text(lang, f"{name}.{o}")}</label></div>'
            for o in options
        )
        return f"<fieldset><legend>{text(lang, legend)}</legend>{items}</fieldset>"

    guide = (
        '<section aria-labelledby="guide"><h2 id="guide">'
        + text(lang, "guide_title")
        + '</h2><form method="post" action="/web/omstilling" class="guide">'
        f'<input type="hidden" name="csrf" value="{esc(frame.csrf)}">'
        + radios("who", WHO, "guide_who")
        + radios("what", WHAT, "guide_what")
        + f'<button type="submit">{text(lang, "guide_answer")}</button></form>{shown}</section>'
    )
    title = t_plain(lang, "briefing_title", day=long_day(lang, data.today))
    main = (
        f'<h1>{esc(title)}</h1><dl class="facts">{dl}</dl>'
        f"<section><h2>{text(lang, 'briefing_yes')}</h2><ul>{yes}</ul></section>"
        f"<section><h2>{text(lang, 'briefing_no')}</h2><ul>{no}</ul></section>{guide}"
    )
    return _page(lang, title, main, frame)
