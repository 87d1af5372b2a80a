"""Cases: the duty holder logs calls, follows them, passes overflow on, and meets deadlines.

A case belongs to whoever held the phone when the call came (hand-overs included), even when
it is logged later or by someone else.
"""

import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from functools import partial
from typing import Any

from dialogs import cards
from dialogs.commands import Invocation
from dialogs.context import Caller, Context
from dialogs.cover import holder_at
from dialogs.markdown import Markup, escape
from dialogs.messages import capital, format_day, t
from dialogs.plain import Reply
from dialogs.planning import absent_days, rota_members
from dialogs.targets import target_and_rest
from rules.deadlines import (
    TALKS,
    Deadline,
    RequestBeforeAbsence,
    check_request,
    deadlines,
    last_working_day,
    meeting_reminder_due,
    next_deadline,
    reminder_due,
    round_table_problem,
)
from rules.text import fold
from rules.working_days import Calendar, holiday_name
from store.members import is_staff, leads
from store.models import AuditEntry, CardFlow, Case, Member, Membership, Team

CALLERS = ("employer", "employee", "other")
TOPICS = ("risk", "ongoing", "fast_track", "question")
OUTCOMES = ("settled", "round_table", "fast_track", "referred", "closed")
ADVICE = ("partial_return", "work_trial", "adjustments", "other")
NOT_HOTLINE = (
    "payment",
    "nemrefusion",
    "mit_sygefravaer",
    "existing_case",
    "complaint",
    "unemployed",
    "self_employed",
    "job_search",
    "other_benefit",
    "other",
)
CLOSING = frozenset({"settled", "referred", "closed"})
NOTE_MAX = 500
TO = frozenset({"til", "to"})


def _choices(lang: str, prefix: str, values: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(t(lang, f"{prefix}.{v}"), v) for v in values]


def intake_card(lang: str, flow_id: str, version: int, now: datetime) -> dict[str, Any]:
    body = [
        cards.heading(t(lang, "case_new_title")),
        cards.required(
            cards.choice_input(
                "caller",
                t(lang, "case_caller"),
                _choices(lang, "caller", CALLERS),
                [],
                expanded=True,
            ),
            t(lang, "case_caller_required"),
        ),
        cards.text_input("company", t(lang, "case_company")),
        cards.text_input("contact_name", t(lang, "case_contact")),
        cards.text_input("contact_phone", t(lang, "case_phone")),
        cards.text_input("employee", t(lang, "case_employee")),
        cards.required(
            cards.choice_input("topic", t(lang, "case_topic"), _choices(lang, "topic", TOPICS), []),
            t(lang, "case_topic_required"),
        ),
        cards.date_input("first_absence", t(lang, "case_first_absence")),
        cards.text_input("note", t(lang, "case_note"), isMultiline=True, maxLength=NOTE_MAX),
        {
            "type": "Input.Date",
            "id": "call_date",
            "label": t(lang, "case_call_date"),
            "value": now.date().isoformat(),
        },
        cards.time_input("call_time", t(lang, "case_call_time"), now.strftime("%H:%M")),
    ]
    return cards.card(
        body, [cards.submit(t(lang, "case_save"), cards.flow_data(flow_id, version, "case.new"))]
    )


async def new_case(caller: Caller, inv: Invocation, ctx: Context) -> list[Reply]:
    assert caller.team is not None
    flow = await ctx.store.flows.start("case", caller.team.id, {}, ctx.clock.now())
    return [Reply(card=intake_card(caller.lang, flow.id, flow.version, ctx.local_now()))]


def _text(value: Any, limit: int = 200) -> str:
    return str(value or "").strip()[:limit]


async def create_case(
    caller: Caller, flow: CardFlow, value: dict[str, Any], ctx: Context
) -> list[Reply]:
    assert caller.team is not None
    lang, team = caller.lang, caller.team
    if caller.role not in ("lead", "caseworker"):
        return [Reply(t(lang, "not_allowed", roles=t(lang, "roles.staff")))]
    who, topic = value.get("caller"), value.get("topic")
    if who not in CALLERS or topic not in TOPICS:
        return [Reply(t(lang, "case_missing"))]
    note = str(value.get("note") or "").strip()
    if len(note) > NOTE_MAX:
        return [Reply(t(lang, "case_note_long", max=NOTE_MAX))]
    call_at = _moment(ctx, value.get("call_date"), value.get("call_time"))
    if call_at is None or call_at > ctx.clock.now() + timedelta(minutes=5):
        return [Reply(t(lang, "case_bad_time"))]
    now = ctx.clock.now()
    if not await ctx.store.flows.claim(flow, value["v"], caller.member.id, now, done=True):
        return [Reply(t(lang, "card_outdated", name=t(lang, "someone")))]
    owner = await holder_at(ctx, team, call_at) or caller.member.id
    case = await ctx.store.cases.create(
        team.id,
        now,
        call_at=call_at,
        logged_by=caller.member.id,
        owner_id=owner,
        caller=who,
        topic=topic,
        company=_text(value.get("company")),
        contact_name=_text(value.get("contact_name")),
        contact_phone=_text(value.get("contact_phone"), 40),
        employee=_text(value.get("employee"), 100),
        first_absence=_date(value.get("first_absence")),
        note=note,
    )
    ctx.store.audit.record(
        team.id, caller.member.id, "case_created", f"case:{case.id}", now, None, {"member": owner}
    )
    owner_member = await ctx.store.members.get(owner)
    when = call_at.astimezone(ctx.settings.zone)
    done = t(
        lang,
        "case_created",
        number=case.number,
        owner=owner_member.name if owner_member else "",
        when=_moment_text(lang, when),
    )
    return [
        Reply(card=cards.done_card(t(lang, "case_new_title"), [done]), update=True),
        Reply(card=await case_card(ctx, team, case, lang)),
    ]


def _moment(ctx: Context, day: Any, clock: Any) -> datetime | None:
    try:
        local = datetime.combine(date.fromisoformat(str(day)), time.fromisoformat(str(clock)[:5]))
    except ValueError:
        return None
    return local.replace(tzinfo=ctx.settings.zone)


def _moment_text(lang: str, local: datetime) -> str:
    return f"{format_day(lang, local.date())} {local.strftime('%H:%M')}"


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def days_text(lang: str, days: int) -> str:
    """`1 dag` / `2 dage`, `1 day` / `2 days`."""
    return t(lang, "n_days.one" if abs(days) == 1 else "n_days", n=days)


def deadline_text(lang: str, deadline: Deadline, today: date, calendar: Calendar) -> str:
    """`Første samtale (uge 8) senest søndag 16. maj (sidste arbejdsdag fredag 14. maj): 6 dage
    tilbage`: the due date, the working day to act by when it differs, and the state."""
    text = t(lang, f"case_deadline.{deadline.kind}", due=format_day(lang, deadline.due))
    last = last_working_day(deadline.due, calendar)
    if deadline.kind in TALKS and last != deadline.due:
        text += f" ({t(lang, 'deadline_last_working_day', day=format_day(lang, last))})"
    if deadline.met is not None:
        state = t(lang, "deadline_met" if deadline.met else "deadline_missed")
    elif deadline.days_left(today) >= 0:
        state = t(lang, "deadline_left", days=days_text(lang, deadline.days_left(today)))
    else:
        state = t(lang, "deadline_overdue", days=days_text(lang, -deadline.days_left(today)))
    return Markup(f"{text}: {state}")


def deadline_lines(lang: str, case: Case, today: date, calendar: Calendar) -> list[str]:
    """Every deadline that applies; the earliest open talk deadline also named as the next."""
    found = deadlines(case.request_date, case.first_absence, case.first_talk)
    lines = [deadline_text(lang, d, today, calendar) for d in found]
    upcoming = next_deadline(found)
    if upcoming is not None and len([d for d in found if d.kind in TALKS]) > 1:
        lines.insert(
            0,
            Markup(f"{t(lang, 'deadline_next')}: {deadline_text(lang, upcoming, today, calendar)}"),
        )
    return lines


async def case_card(ctx: Context, team: Team, case: Case, lang: str) -> dict[str, Any]:
    names = await ctx.store.members.names(team.id)
    history: list[str] = []
    entries = await ctx.store.audit.for_subject(team.id, f"case:{case.id}")
    for entry in entries:
        at = entry.at.astimezone(ctx.settings.zone).strftime("%d/%m %H:%M")
        before = names.get((entry.before or {}).get("member") or 0, "")
        after = names.get((entry.after or {}).get("member") or 0, "")
        what = t(lang, f"history.{entry.action}", before=before, after=after)
        history.append(
            Markup(f"{at} {escape(names.get(entry.actor_id or 0, t(lang, 'system')))}: {what}")
        )
    when = case.call_at.astimezone(ctx.settings.zone)
    calendar = ctx.team_settings(team).calendar
    return case_card_for(
        lang,
        case,
        names.get(case.owner_id or 0, ""),
        when,
        deadline_lines(lang, case, ctx.today(), calendar),
        history,
        version=_version(entries),
        summary=outcome_summary(lang, case, ctx.today(), calendar),
    )


def _version(entries: list[AuditEntry]) -> int:
    """Every change to a case is in its history: the newest entry's id tells a card shown
    before a change from one shown after it."""
    return max((e.id for e in entries), default=0)


async def case_version(ctx: Context, team: Team, case: Case) -> int:
    return _version(await ctx.store.audit.for_subject(team.id, f"case:{case.id}"))


def _clock(value: time | None) -> str:
    return value.strftime("%H:%M") if value else ""


def _day_and_time(lang: str, case: Case) -> str:
    """`mandag 11. januar kl. 10:00` (the day alone when no time was given)."""
    assert case.meeting_day is not None
    text = format_day(lang, case.meeting_day)
    if case.meeting_time:
        text += " " + t(lang, "case_at_time", time=_clock(case.meeting_time))
    return Markup(text)


def meeting_text(lang: str, case: Case) -> str:
    """`mandag 11. januar kl. 10:00, Jobcentret` (what is known of it)."""
    if case.meeting_day is None:
        return ""
    text = _day_and_time(lang, case)
    if case.meeting_place:
        text += ", " + escape(case.meeting_place)
    return Markup(text)


def outcome_summary(lang: str, case: Case, today: date, calendar: Calendar) -> str:
    """The outcome with what was saved for it: the round table's day, time and place; the Fast
    track request and the next deadline; where a call was referred."""
    label = t(lang, f"outcome.{case.outcome or 'none'}")
    details = ""
    if case.outcome == "round_table":
        details = meeting_text(lang, case)
    elif case.outcome == "fast_track" and case.request_date:
        details = t(lang, "case_summary.fast_track", day=format_day(lang, case.request_date))
        found = deadlines(case.request_date, case.first_absence, case.first_talk)
        upcoming = next_deadline(found)
        if upcoming is not None:
            details += "; " + deadline_text(lang, upcoming, today, calendar)
    elif case.outcome == "referred":
        where = case.referred_to or (
            capital(t(lang, f"category.{case.not_hotline}")) if case.not_hotline else ""
        )
        details = t(lang, "case_summary.referred", where=where) if where else ""
    if not details:
        return label
    return t(lang, "case_outcome_details", outcome=label, details=Markup(details))


def case_card_for(
    lang: str,
    case: Case,
    owner: str,
    when: datetime,
    deadline_text: list[str],
    history: list[str],
    *,
    version: int = 0,
    summary: str = "",
) -> dict[str, Any]:
    facts = [
        (t(lang, "case_owner"), owner),
        (t(lang, "case_called"), _moment_text(lang, when)),
        (t(lang, "case_fact.caller"), t(lang, f"caller.{case.caller}")),
        (t(lang, "case_company"), case.company),
        (t(lang, "case_fact.contact"), case.contact_name),
        (t(lang, "case_fact.phone"), case.contact_phone),
        (t(lang, "case_fact.employee"), case.employee),
        (t(lang, "case_topic"), t(lang, f"topic.{case.topic}")),
        (
            t(lang, "case_fact.first_absence"),
            format_day(lang, case.first_absence) if case.first_absence else "",
        ),
        (
            t(lang, "case_fact.first_talk"),
            format_day(lang, case.first_talk) if case.first_talk else "",
        ),
        (
            t(lang, "case_outcome_label"),
            summary or t(lang, f"outcome.{case.outcome or 'none'}"),
        ),
        (t(lang, "case_fact.advice"), t(lang, f"advice.{case.advice}") if case.advice else ""),
    ]
    body = [
        cards.heading(t(lang, "case_title", number=case.number)),
        cards.facts([(k, v) for k, v in facts if v]),
    ]
    if case.note:
        body.append(cards.text(case.note))
    body += [cards.text(line) for line in deadline_text]
    body += [cards.text(line, subtle=True) for line in history]
    if not case.anonymised:  # the outcome can be changed, also after closing
        return cards.card(body, [outcome_action(lang, case, version)])
    return cards.card(body)


# The fields each outcome's form asks for; a field another outcome asks for is left as it is.
OUTCOME_FIELDS = {
    "settled": ("advice",),
    "round_table": (
        "meeting_day",
        "meeting_time",
        "meeting_place",
        "meeting_reason",
        "first_absence",
        "first_talk",
        "advice",
    ),
    "fast_track": ("request_date", "first_absence", "first_talk", "advice"),
    "referred": ("referred_to", "not_hotline"),
    "closed": ("not_hotline",),
}


def outcome_action(lang: str, case: Case, version: int) -> dict[str, Any]:
    """*Registrér udfald*: closed until clicked; then one button per outcome, each opening only
    that outcome's fields and a save button that carries the outcome and the case's version."""
    forms = [
        cards.show_card(
            t(lang, f"outcome.{outcome}"),
            outcome_inputs(lang, case, outcome),
            [
                cards.submit(
                    t(lang, "case_save_outcome"),
                    {
                        "action": "case.outcome",
                        "case": case.id,
                        "outcome": outcome,
                        "seen": version,
                    },
                )
            ],
        )
        for outcome in OUTCOMES
    ]
    return cards.show_card(
        t(lang, "case_register_outcome"), [cards.text(t(lang, "case_pick_outcome"))], forms
    )


def outcome_inputs(lang: str, case: Case, outcome: str) -> list[dict[str, Any]]:
    """The inputs of one outcome's form, with ids `outcome.field` (ids are unique per card)."""

    def day(name: str, label: str, value: date | None) -> dict[str, Any]:
        return cards.date_input(f"{outcome}.{name}", t(lang, label), _iso(value))

    not_hotline = [(t(lang, "not_hotline.none"), "none")] + [
        (capital(t(lang, f"category.{c}")), c) for c in NOT_HOTLINE
    ]
    inputs: dict[str, Callable[[], dict[str, Any]]] = {
        "advice": lambda: cards.choice_input(
            f"{outcome}.advice",
            t(lang, "case_advice"),
            _choices(lang, "advice", ADVICE),
            [case.advice or ""],
        ),
        "meeting_day": lambda: cards.required(
            day("meeting_day", "case_meeting_day", case.meeting_day),
            t(lang, "case_need_meeting"),
        ),
        "meeting_time": lambda: {
            "type": "Input.Time",
            "id": f"{outcome}.meeting_time",
            "label": t(lang, "case_meeting_time"),
            "value": _clock(case.meeting_time),
        },
        "meeting_place": lambda: cards.text_input(
            f"{outcome}.meeting_place", t(lang, "case_meeting_place"), case.meeting_place
        ),
        "meeting_reason": lambda: cards.text_input(
            f"{outcome}.meeting_reason", t(lang, "case_meeting_reason"), case.meeting_reason
        ),
        "request_date": lambda: cards.required(
            day("request_date", "case_request_date", case.request_date),
            t(lang, "case_need_request_date"),
        ),
        "first_absence": lambda: day("first_absence", "case_first_absence", case.first_absence),
        "first_talk": lambda: day("first_talk", "case_first_talk", case.first_talk),
        "referred_to": lambda: cards.text_input(
            f"{outcome}.referred_to", t(lang, "case_referred_to"), case.referred_to
        ),
        "not_hotline": lambda: cards.choice_input(
            f"{outcome}.not_hotline",
            t(lang, "case_not_hotline"),
            not_hotline,
            [case.not_hotline or ""],
        ),
    }
    return [inputs[name]() for name in OUTCOME_FIELDS[outcome]]


def _iso(value: date | None) -> str:
    return value.isoformat() if value else ""


def _time(value: Any) -> time | None:
    try:
        return time.fromisoformat(str(value)[:5]) if value else None
    except ValueError:
        return None


async def _case(caller: Caller, ctx: Context, number_text: str) -> Case | list[Reply]:
    """The team's case with that number, or the reply that says why not."""
    assert caller.team is not None
    number = number_text.strip().lstrip("#")
    if not number.isdigit():
        return [Reply(t(caller.lang, "case_usage"))]
    case = await ctx.store.cases.by_number(caller.team.id, int(number))
    if case is None:
        return [Reply(t(caller.lang, "case_unknown", number=number))]
    return case


async def show_case(caller: Caller, inv: Invocation, ctx: Context) -> list[Reply]:
    assert caller.team is not None
    case = await _case(caller, ctx, inv.args)
    if isinstance(case, list):
        return case
    return [Reply(card=await case_card(ctx, caller.team, case, caller.lang))]


async def save_outcome(caller: Caller, value: dict[str, Any], ctx: Context) -> list[Reply]:
    assert caller.team is not None
    lang, team = caller.lang, caller.team
    case = await ctx.store.session.get(Case, cards.whole(value, "case"))
    if case is None or case.team_id != team.id:
        return [Reply(t(lang, "card_unknown"))]
    if case.anonymised:
        return [Reply(t(lang, "case_closed_already", number=case.number))]
    if str(value.get("seen")) != str(await case_version(ctx, team, case)):
        # Shown before a later change (an outcome, a handover): nothing is saved, and the card
        # clicked becomes the case as it is now.
        return [
            Reply(card=await case_card(ctx, team, case, lang), update=True),
            Reply(t(lang, "case_card_stale", number=case.number)),
        ]
    outcome = value.get("outcome")
    if outcome not in OUTCOMES:
        return [Reply(t(lang, "case_missing"))]

    def given(name: str) -> bool:
        return f"{outcome}.{name}" in value or name in value

    def field(name: str) -> Any:
        """What the outcome's form sent (`outcome.name`; a plain `name` from older cards)."""
        key = f"{outcome}.{name}"
        return value.get(key) if key in value else value.get(name)

    # A field the form did not send keeps its value; the meeting and the referral belong to
    # their outcome alone.
    round_table, referral = outcome == "round_table", outcome == "referred"
    meeting = _date(field("meeting_day")) if given("meeting_day") else case.meeting_day
    meeting_time = _time(field("meeting_time")) if given("meeting_time") else case.meeting_time
    place = _text(field("meeting_place")) if given("meeting_place") else case.meeting_place
    reason = _text(field("meeting_reason"), 300) if given("meeting_reason") else case.meeting_reason
    if not round_table:
        meeting, meeting_time, place, reason = None, None, "", ""
    request = _date(field("request_date")) if given("request_date") else case.request_date
    first_absence = _date(field("first_absence")) if given("first_absence") else case.first_absence
    first_talk = _date(field("first_talk")) if given("first_talk") else case.first_talk
    advice = (field("advice") if given("advice") else case.advice) or None
    not_hotline = field("not_hotline") if given("not_hotline") else case.not_hotline
    referred = _text(field("referred_to")) if referral and given("referred_to") else ""
    if referral and not given("referred_to"):
        referred = case.referred_to
    call_day = case.call_at.astimezone(ctx.settings.zone).date()
    if round_table:
        if meeting is None:
            return [Reply(t(lang, "case_need_meeting"))]
        problem = round_table_problem(call_day, meeting, ctx.team_settings(team).calendar)
        if problem == "days" and not reason:
            days = days_text(lang, (meeting - call_day).days)
            return [Reply(t(lang, "case_meeting_reason_needed", days=days))]
        if problem == "closed" and not reason:
            holiday = holiday_name(meeting, lang)
            return [
                Reply(
                    t(
                        lang,
                        "case_meeting_reason_closed",
                        day=format_day(lang, meeting),
                        holiday=f" ({holiday})" if holiday else "",
                    )
                )
            ]
    if outcome == "fast_track" and request is None:
        return [Reply(t(lang, "case_need_request_date"))]
    try:
        check_request(request, first_absence)
    except RequestBeforeAbsence:
        assert request is not None and first_absence is not None
        return [
            Reply(
                t(
                    lang,
                    "case_request_before_absence",
                    request=format_day(lang, request),
                    first=format_day(lang, first_absence),
                )
            )
        ]
    not_hotline = not_hotline if not_hotline in NOT_HOTLINE else None
    if referral and not (referred or not_hotline):
        return [Reply(t(lang, "case_need_referral"))]
    before = {"outcome": case.outcome}
    case.outcome = outcome
    case.advice = advice if advice in ADVICE else None
    case.meeting_day, case.meeting_time = meeting, meeting_time
    case.meeting_place, case.meeting_reason = place, reason
    case.request_date, case.first_absence, case.first_talk = request, first_absence, first_talk
    case.referred_to, case.not_hotline = referred, not_hotline
    now = ctx.clock.now()
    # Settled, referred and closed cases are done; another outcome opens the case again.
    case.closed_at = (case.closed_at or now) if outcome in CLOSING else None
    ctx.store.audit.record(
        team.id,
        caller.member.id,
        "case_outcome",
        f"case:{case.id}",
        now,
        before,
        {"outcome": outcome},
    )
    summary = outcome_summary(lang, case, ctx.today(), ctx.team_settings(team).calendar)
    return [
        Reply(card=await case_card(ctx, team, case, lang), update=True),
        Reply(t(lang, "case_outcome_saved", number=case.number, outcome=summary)),
    ]


def coming_lines(lang: str, case: Case, today: date, calendar: Calendar) -> list[str]:
    """What is coming in a case: a round table not yet held, and the next open deadline."""
    lines: list[str] = []
    if case.outcome == "round_table" and case.meeting_day and case.meeting_day >= today:
        days = (case.meeting_day - today).days
        when = (
            t(lang, "case_coming_today")
            if days == 0
            else t(lang, "case_coming_tomorrow")
            if days == 1
            else t(lang, "case_coming_in", days=days_text(lang, days))
        )
        lines.append(
            t(
                lang,
                "case_coming_meeting",
                day=_day_and_time(lang, case),
                place=Markup(f", {escape(case.meeting_place)}") if case.meeting_place else "",
                when=when,
            )
        )
    upcoming = next_deadline(deadlines(case.request_date, case.first_absence, case.first_talk))
    if upcoming is not None and upcoming.met is None:
        lines.append(
            t(
                lang,
                "case_coming_deadline",
                deadline=deadline_text(lang, upcoming, today, calendar),
            )
        )
    return lines


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
    upcoming = next_deadline(deadlines(case.request_date, case.first_absence, case.first_talk))
    if upcoming is not None:
        line += " — " + deadline_text(lang, upcoming, ctx.today(), calendar)
    return line


async def my_cases(caller: Caller, inv: Invocation, ctx: Context) -> list[Reply]:
    assert caller.team is not None
    lang = caller.lang
    cases = await ctx.store.cases.open_cases(caller.team.id, caller.member.id)
    if not cases:
        return [Reply(t(lang, "my_cases_none"))]
    calendar = ctx.team_settings(caller.team).calendar
    lines = [f"**{t(lang, 'my_cases_title')}**", ""]
    lines += [f"- {_line(lang, ctx, c, calendar)}" for c in cases]
    return [Reply("\n".join(lines))]


async def cases_period(caller: Caller, inv: Invocation, ctx: Context) -> list[Reply]:
    """`sager i dag` / `sager uge`."""
    assert caller.team is not None
    lang, team = caller.lang, caller.team
    today = ctx.today()
    week = fold(inv.args) in ("uge", "week")
    first = today - timedelta(days=today.weekday()) if week else today
    start = datetime.combine(first, time(), tzinfo=ctx.settings.zone)
    cases = await ctx.store.cases.between(team.id, start, start + timedelta(days=7 if week else 1))
    names = await ctx.store.members.names(team.id)
    title = t(lang, "cases_week_title" if week else "cases_today_title")
    lines = [f"**{title}**", ""]
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


async def reassign(caller: Caller, inv: Invocation, ctx: Context) -> list[Reply]:
    """`overdrag 12 til Bo`: the owner or a lead passes a case on."""
    assert caller.team is not None
    lang, team = caller.lang, caller.team
    words = inv.args.split()
    if not words:
        return [Reply(t(lang, "reassign_usage"))]
    case = await _case(caller, ctx, words[0])
    if isinstance(case, list):
        return case
    if case.closed_at is not None:
        return [Reply(t(lang, "case_closed_already", number=case.number))]
    if case.owner_id != caller.member.id and caller.role != "lead":
        return [Reply(t(lang, "reassign_not_owner"))]
    rest = [w for w in words[1:] if fold(w) not in TO]
    found = await target_and_rest(
        caller, ctx, Invocation(" ".join(rest), inv.example, inv.target_id), "reassign", 0
    )
    if isinstance(found, list):
        return found
    member = found[0]
    away = await absent_days(ctx, team, ctx.today(), ctx.today())
    if ctx.today() in away.get(member.id, ()):
        card = cards.card(
            [cards.text(t(lang, "reassign_absent", name=member.name))],
            [
                cards.submit(
                    t(lang, "reassign_yes"),
                    {"action": "case.reassign", "case": case.id, "member": member.id},
                )
            ],
        )
        return [Reply(card=card)]
    return await _hand_on(caller, ctx, case, member)


async def confirm_reassign(caller: Caller, value: dict[str, Any], ctx: Context) -> list[Reply]:
    assert caller.team is not None
    case = await ctx.store.session.get(Case, cards.whole(value, "case"))
    member = await ctx.store.members.get(cards.whole(value, "member"))
    if case is None or member is None or case.team_id != caller.team.id:
        return [Reply(t(caller.lang, "card_unknown"))]
    if case.owner_id != caller.member.id and caller.role != "lead":
        return [Reply(t(caller.lang, "reassign_not_owner"))]
    return await _hand_on(caller, ctx, case, member)


async def _hand_on(caller: Caller, ctx: Context, case: Case, member: Member) -> list[Reply]:
    assert caller.team is not None
    team, lang, now = caller.team, caller.lang, ctx.clock.now()
    # A case goes only to the team's caseworkers and leads: never to the switchboard (who
    # must not see case details) or someone who left.
    membership = await ctx.store.members.membership(team.id, member.id)
    if membership is None or not is_staff(membership):
        return [Reply(t(lang, "reassign_not_staff", name=member.name))]
    before, case.owner_id = case.owner_id, member.id
    ctx.store.audit.record(
        team.id,
        caller.member.id,
        "case_owner",
        f"case:{case.id}",
        now,
        {"member": before},
        {"member": member.id},
    )
    await ctx.tell(
        team,
        member,
        f"case-owner:{case.id}:{member.id}:{now.isoformat()}",
        "case_owner",
        lambda told: Reply(
            Markup(
                " ".join(
                    [
                        t(told, "reassigned_told", number=case.number, name=caller.member.name),
                        *coming_lines(told, case, ctx.today(), ctx.team_settings(team).calendar),
                    ]
                )
            )
        ),
    )
    card = await case_card(ctx, team, case, ctx.language_of(team, member))
    await ctx.notify(
        f"case-card:{case.id}:{member.id}:{now.isoformat()}",
        team.id,
        "case_card",
        f"member:{member.id}",
        Reply(card=card),
    )
    return [Reply(t(lang, "reassigned", number=case.number, name=member.name))]


REMINDERS = {  # talk deadline -> (outbox key prefix, reminder key, overdue key)
    "fast_track_talk": ("ft", "case_ft_reminder", "case_ft_overdue"),
    "ordinary_talk": ("wk8", "case_ordinary_reminder", "case_ordinary_overdue"),
}


async def tick_cases(
    ctx: Context, team: Team, team_members: list[tuple[Member, Membership]]
) -> int:
    """Meeting reminders from the working day before; talk reminders (Fast track and week 8)
    from 3 working days before the last working day of the deadline; both caught up on a
    later day (a case logged late, a server down) until the event has passed, and sent once
    (the outbox key names case, kind and date). Once overdue, every working day, leads copied."""
    today, calendar = ctx.today(), ctx.team_settings(team).calendar
    if not calendar.is_working_day(today):
        return 0
    members = {m.id: (m, ms) for m, ms in team_members}
    team_leads = leads(team_members)
    team_lang = ctx.team_settings(team).post_language
    queued = 0
    for case in await ctx.store.cases.open_cases(team.id):
        member, ms = members.get(case.owner_id or 0, (None, None))
        # An owner who left the team (or now works the switchboard) is told nothing more about
        # the case; the leads still get the overdue notices (and the orphaned-case notice).
        owner = member if ms is not None and is_staff(ms) else None
        if owner is None and not team_leads:
            continue
        if owner and case.meeting_day and meeting_reminder_due(case.meeting_day, today, calendar):
            place = f", {case.meeting_place}" if case.meeting_place else ""
            queued += await ctx.tell(
                team,
                owner,
                f"meeting:{case.id}:{case.meeting_day}",
                "case_meeting",
                partial(_meeting_reminder, case, place),
            )
        if case.first_talk is not None:
            continue
        for deadline in deadlines(case.request_date, case.first_absence, None):
            if deadline.kind not in REMINDERS:
                continue
            prefix, soon_key, overdue_key = REMINDERS[deadline.kind]
            due = deadline.due
            if owner and reminder_due(due, today, calendar):
                queued += await ctx.tell(
                    team,
                    owner,
                    f"{prefix}-soon:{case.id}:{due}",
                    "case_ft",
                    partial(_soon_reminder, case, due, soon_key, calendar),
                )
            elif today > due:
                told = [owner] if owner else []
                owner_name = (member.name if member else "") or t(team_lang, "someone")
                for person in {m.id: m for m in [*told, *team_leads]}.values():
                    queued += await ctx.tell(
                        team,
                        person,
                        f"{prefix}-overdue:{case.id}:{person.id}:{today}",
                        "case_ft",
                        partial(_overdue_notice, case, due, owner_name, overdue_key),
                    )
    return queued


def _meeting_reminder(case: Case, place: str, lang: str) -> Reply:
    day = _day_and_time(lang, case)
    return Reply(t(lang, "case_meeting_reminder", number=case.number, day=day, place=place))


def _soon_reminder(case: Case, due: date, key: str, calendar: Calendar, lang: str) -> Reply:
    text = t(lang, key, number=case.number, day=format_day(lang, due))
    return Reply(_with_last_working_day(lang, text, due, calendar))


def _overdue_notice(case: Case, due: date, owner: str, key: str, lang: str) -> Reply:
    return Reply(t(lang, key, number=case.number, owner=owner, day=format_day(lang, due)))


def _with_last_working_day(lang: str, text: str, due: date, calendar: Calendar) -> str:
    last = last_working_day(due, calendar)
    if last == due:
        return text
    return f"{text} {t(lang, 'deadline_last_working_day_note', day=format_day(lang, last))}"
