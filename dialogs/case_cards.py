"""The cards of a case: the intake form, the case card with its history, and the outcome forms."""

from collections.abc import Callable
from datetime import date, datetime
from functools import cache
from typing import Any

from dialogs import cards
from dialogs.case_texts import (
    clock_text,
    deadline_lines,
    moment_text,
    outcome_summary,
)
from dialogs.context import Context
from dialogs.markdown import Markup, escape
from dialogs.messages import capital, format_day, t
from domain import cases as domain
from domain.cases import ADVICE, CALLERS, NOT_HOTLINE, NOTE_MAX, OUTCOMES, TOPICS
from store.models import Case, Team


@cache
def _text(lang: str, key: str) -> str:
    """A catalogue text without values, looked up once: a case card's outcome forms show
    about a hundred (#17)."""
    return t(lang, key)


@cache
def _choice_list(lang: str, prefix: str, values: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((_text(lang, f"{prefix}.{v}"), v) for v in values)


def _choices(lang: str, prefix: str, values: tuple[str, ...]) -> list[tuple[str, str]]:
    return list(_choice_list(lang, prefix, values))


@cache
def _not_hotline(lang: str) -> tuple[tuple[str, str], ...]:
    none = (_text(lang, "not_hotline.none"), "none")
    return (none, *((capital(_text(lang, f"category.{c}")), c) for c in NOT_HOTLINE))


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


async def case_card(
    ctx: Context,
    team: Team,
    case: Case,
    lang: str,
    *,
    names: dict[int, str] | None = None,
    new: bool = False,
) -> dict[str, Any]:
    """`names`: the team's, if the caller read them already; `new`: the case was opened in
    this transaction, so its whole history is what the transaction recorded (#17)."""
    names = names if names is not None else await ctx.store.members.names(team.id)
    history: list[str] = []
    audit = ctx.store.audit
    entries = await (audit.written_for if new else audit.for_subject)(team.id, domain.subject(case))
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
        version=domain.latest(entries),
        summary=outcome_summary(lang, case, ctx.today(), calendar),
    )


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
        (_text(lang, "case_owner"), owner),
        (_text(lang, "case_called"), moment_text(lang, when)),
        (_text(lang, "case_fact.caller"), _text(lang, f"caller.{case.caller}")),
        (_text(lang, "case_company"), case.company),
        (_text(lang, "case_fact.contact"), case.contact_name),
        (_text(lang, "case_fact.phone"), case.contact_phone),
        (_text(lang, "case_fact.employee"), case.employee),
        (_text(lang, "case_topic"), _text(lang, f"topic.{case.topic}")),
        (
            _text(lang, "case_fact.first_absence"),
            format_day(lang, case.first_absence) if case.first_absence else "",
        ),
        (
            _text(lang, "case_fact.first_talk"),
            format_day(lang, case.first_talk) if case.first_talk else "",
        ),
        (
            _text(lang, "case_outcome_label"),
            summary or _text(lang, f"outcome.{case.outcome or 'none'}"),
        ),
        (
            _text(lang, "case_fact.advice"),
            _text(lang, f"advice.{case.advice}") if case.advice else "",
        ),
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
            _text(lang, f"outcome.{outcome}"),
            outcome_inputs(lang, case, outcome),
            [
                cards.submit(
                    _text(lang, "case_save_outcome"),
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
        _text(lang, "case_register_outcome"), [cards.text(_text(lang, "case_pick_outcome"))], forms
    )


def outcome_inputs(lang: str, case: Case, outcome: str) -> list[dict[str, Any]]:
    """The inputs of one outcome's form, with ids `outcome.field` (ids are unique per card)."""

    def day(name: str, label: str, value: date | None) -> dict[str, Any]:
        return cards.date_input(f"{outcome}.{name}", _text(lang, label), _iso(value))

    inputs: dict[str, Callable[[], dict[str, Any]]] = {
        "advice": lambda: cards.choice_input(
            f"{outcome}.advice",
            _text(lang, "case_advice"),
            _choices(lang, "advice", ADVICE),
            [case.advice or ""],
        ),
        "meeting_day": lambda: cards.required(
            day("meeting_day", "case_meeting_day", case.meeting_day),
            _text(lang, "case_need_meeting"),
        ),
        "meeting_time": lambda: {
            "type": "Input.Time",
            "id": f"{outcome}.meeting_time",
            "label": _text(lang, "case_meeting_time"),
            "value": clock_text(case.meeting_time),
        },
        "meeting_place": lambda: cards.text_input(
            f"{outcome}.meeting_place", _text(lang, "case_meeting_place"), case.meeting_place
        ),
        "meeting_reason": lambda: cards.text_input(
            f"{outcome}.meeting_reason", _text(lang, "case_meeting_reason"), case.meeting_reason
        ),
        "request_date": lambda: cards.required(
            day("request_date", "case_request_date", case.request_date),
            _text(lang, "case_need_request_date"),
        ),
        "first_absence": lambda: day("first_absence", "case_first_absence", case.first_absence),
        "first_talk": lambda: day("first_talk", "case_first_talk", case.first_talk),
        "referred_to": lambda: cards.text_input(
            f"{outcome}.referred_to", _text(lang, "case_referred_to"), case.referred_to
        ),
        "not_hotline": lambda: cards.choice_input(
            f"{outcome}.not_hotline",
            _text(lang, "case_not_hotline"),
            list(_not_hotline(lang)),
            [case.not_hotline or ""],
        ),
    }
    return [inputs[name]() for name in OUTCOME_FIELDS[outcome]]


def _iso(value: date | None) -> str:
    return value.isoformat() if value else ""
