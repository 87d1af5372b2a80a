"""What a free sentence was understood as, written as the command the routing table parses (#14).

`Understood("away", {"first": "2026-12-21", "last": "2027-01-02", "kind": "ferie"})` becomes
`fravær 2026-12-21..2027-01-02 ferie` (or `away … vacation` in English): the command then runs
through the normal routing, so access rules, the "which Anne?" card and every check of the
command stay in one place. Dates are written ISO, which every command's date parser reads as
exactly that day. A data-changing intent whose slots do not make a whole command has no
canonical form: the caller is shown the command's example instead of a guess.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from dialogs.absences import KINDS
from dialogs.commands import Command
from dialogs.context import Caller
from dialogs.messages import format_day, t
from dialogs.routing import COMMANDS
from rules.text import fold

BY_NAME: dict[str, Command] = {c.name: c for c in COMMANDS}

# The recogniser's absence kinds as the `fravær` command's words (dialogs/absences.py KINDS).
# The command knows no parental leave or care day: both are registered as a day off, and the
# confirmation card says so before anything is stored.
KIND_WORDS = {
    "ferie": ("ferie", "vacation"),
    "fri": ("fri", "day off"),
    "afspadsering": ("afspadsering", "toil"),
    "kursus": ("kursus", "course"),
    "syg": ("syg", "sick"),
    "barsel": ("fri", "day off"),
    "omsorgsdag": ("fri", "day off"),
}
# Said without a kind ("jeg er væk 5.1"): a day off, not a claim on the vacation days.
DEFAULT_KIND = "fri"
ROLE_WORDS = {
    "lead": ("leder", "lead"),
    "caseworker": ("sagsbehandler", "caseworker"),
    "switchboard": ("omstilling", "switchboard"),
}
LANGUAGE_WORDS = {"da": ("dansk", "danish"), "en": ("engelsk", "english")}
LANGUAGE_NAMES = {"da": ("dansk", "Danish"), "en": ("engelsk", "English")}
# `vagtplan` / `statistik` periods (dialogs/duty.py `_period`, dialogs/stats.py).
ROTA_PERIODS = {"week": ("uge", "week"), "next_week": ("næste uge", "next week")}
STATS_PERIODS = {"month": ("måned", "month"), "year": ("år", "year")}
CONNECTORS = {"with": ("med", "with"), "for": ("mod", "for"), "to": ("til", "to")}


@dataclass(frozen=True)
class Canonical:
    text: str  # the command as typed, in the caller's language
    question: str  # what it will do, in words and dates, for the confirmation card
    target_id: int | None = None  # "me" as the other person: no name to match


Builder = Callable[[Caller, Mapping[str, str], date], Canonical | None]


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def _word(intent: str, lang: str) -> str:
    return BY_NAME[intent].words(lang)[0]


def _day(slots: Mapping[str, str], key: str) -> date | None:
    try:
        return date.fromisoformat(slots[key]) if key in slots else None
    except ValueError:
        return None


def _span(slots: Mapping[str, str]) -> tuple[date, date] | None:
    one = _day(slots, "date")
    if one is not None:
        return one, one
    first, last = _day(slots, "first"), _day(slots, "last")
    return (first, last) if first is not None and last is not None else None


def span_words(lang: str, first: date, last: date) -> str:
    if first == last:
        return format_day(lang, first)
    return f"{format_day(lang, first)} – {format_day(lang, last)}"


def _is_me(caller: Caller, person: str | None) -> bool:
    return person is not None and (person == "me" or fold(person) == fold(caller.member.name))


def canonical(
    caller: Caller, intent: str, slots: Mapping[str, str], today: date
) -> Canonical | None:
    """The command text for an understood intent, or None when the slots are not enough."""
    lang = caller.lang
    if intent not in BY_NAME:
        return None
    build = _BUILDERS.get(intent)
    if build is not None:
        return build(caller, slots, today)
    args = _read_only_args(intent, slots, lang, today)
    return Canonical(" ".join(p for p in (_word(intent, lang), args) if p), "")


def _read_only_args(intent: str, slots: Mapping[str, str], lang: str, today: date) -> str:
    if intent in ("duty", "history") and (day := _day(slots, "date")) is not None:
        return day.isoformat()
    if intent == "check":
        return slots.get("text", "")
    if intent == "case":
        return slots.get("case", "")
    period = slots.get("period", "")
    if intent == "rota" and not period and (span := _span(slots)) is not None:
        return _rota_span(lang, *span)
    if intent == "rota":
        if period in ROTA_PERIODS:
            return _pick(ROTA_PERIODS[period], lang)
        if period == "month":
            return _pick(STATS_PERIODS["month"], lang)
        if period == "today":
            return today.isoformat()
        if period.startswith("week:"):
            return f"{_pick(ROTA_PERIODS['week'], lang)} {period[5:]}"
    if intent == "stats":
        if period in STATS_PERIODS:
            return _pick(STATS_PERIODS[period], lang)
        if period == "week":
            period = f"week:{today.isocalendar().week}"
        if period.startswith("week:"):
            return f"{_pick(ROTA_PERIODS['week'], lang)} {period[5:]}"
    return ""


def _rota_span(lang: str, first: date, last: date) -> str:
    """`vagtplan januar` for a whole month; otherwise the week of the span's first day (the
    rota command shows a month or a week)."""
    following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    if first.day == 1 and last == following - timedelta(days=1):
        return t(lang, "months").split(",")[first.month - 1]
    return first.isoformat()


def _away(caller: Caller, slots: Mapping[str, str], today: date) -> Canonical | None:
    lang, span = caller.lang, _span(slots)
    if span is None:
        return None
    first, last = span
    kind = slots.get("kind", DEFAULT_KIND)
    words = KIND_WORDS.get(kind, KIND_WORDS[DEFAULT_KIND])  # the command's words for it
    kind_word = _pick(words, lang)
    person = slots.get("person")
    dates = first.isoformat() if first == last else f"{first.isoformat()}..{last.isoformat()}"
    values = {
        "kind": t(lang, f"kind.{KINDS[words[0]]}"),  # as the command will store it
        "span": span_words(lang, first, last),
    }
    if person and not _is_me(caller, person):
        return Canonical(
            f"{_word('away', lang)} {person} {dates} {kind_word}",
            t(lang, "free_confirm.away_other", name=person, **values),
        )
    return Canonical(
        f"{_word('away', lang)} {dates} {kind_word}", t(lang, "free_confirm.away", **values)
    )


def _swap(caller: Caller, slots: Mapping[str, str], today: date) -> Canonical | None:
    lang, day = caller.lang, _day(slots, "date")
    if day is None:
        return None
    text = f"{_word('swap', lang)} {day.isoformat()}"
    target, offered = slots.get("target"), _day(slots, "offered")
    shown = format_day(lang, day)
    if not target or _is_me(caller, target):
        return Canonical(text, t(lang, "free_confirm.swap", day=shown))
    text += f" {_pick(CONNECTORS['with'], lang)} {target}"
    if offered is None:
        return Canonical(text, t(lang, "free_confirm.swap_with", name=target, day=shown))
    text += f" {_pick(CONNECTORS['for'], lang)} {offered.isoformat()}"
    back = format_day(lang, offered)
    return Canonical(text, t(lang, "free_confirm.swap_back", name=target, day=shown, back=back))


def _sick(caller: Caller, slots: Mapping[str, str], today: date) -> Canonical | None:
    lang, day = caller.lang, _day(slots, "date")
    if day is not None and day != today:  # sick on a later day is an absence (#14 corpus)
        return _away(caller, {**slots, "kind": "syg"}, today)
    person, shown = slots.get("person"), format_day(lang, today)
    if person and not _is_me(caller, person):
        question = t(lang, "free_confirm.sick_other", name=person, day=shown)
        return Canonical(f"{_word('sick', lang)} {person}", question)
    return Canonical(_word("sick", lang), t(lang, "free_confirm.sick", day=shown))


def _other(caller: Caller, name: str) -> tuple[str, int | None]:
    """The other person as typed, or the caller by id when they mean themselves."""
    return (caller.member.name, caller.member.id) if _is_me(caller, name) else (name, None)


def _reassign(caller: Caller, slots: Mapping[str, str], today: date) -> Canonical | None:
    lang, case, target = caller.lang, slots.get("case"), slots.get("target")
    if not case or not target:
        return None
    name, target_id = _other(caller, target)
    text = f"{_word('reassign', lang)} {case} {_pick(CONNECTORS['to'], lang)} {name}"
    return Canonical(text, t(lang, "free_confirm.reassign", case=case, name=name), target_id)


def _set_duty(caller: Caller, slots: Mapping[str, str], today: date) -> Canonical | None:
    lang, day, person = caller.lang, _day(slots, "date"), slots.get("person")
    if day is None or not person:
        return None
    name, target_id = _other(caller, person)
    question = t(lang, "free_confirm.set_duty", day=format_day(lang, day), name=name)
    return Canonical(f"{_word('set_duty', lang)} {day.isoformat()} {name}", question, target_id)


def _generate(caller: Caller, slots: Mapping[str, str], today: date) -> Canonical | None:
    lang, first, last = caller.lang, _day(slots, "first"), _day(slots, "last")
    if first is None or last is None:
        return None
    text = f"{_word('generate', lang)} {first.isoformat()} {last.isoformat()}"
    return Canonical(text, t(lang, "free_confirm.generate", span=span_words(lang, first, last)))


def _role(caller: Caller, slots: Mapping[str, str], today: date) -> Canonical | None:
    lang, person, role = caller.lang, slots.get("person"), slots.get("role")
    if not person or role not in ROLE_WORDS:
        return None
    # By name, not id: with a chosen member `rolle` would read all its words as the role.
    name = _other(caller, person)[0]
    question = t(lang, "free_confirm.role", name=name, role=t(lang, f"role.{role}"))
    return Canonical(f"{_word('role', lang)} {name} {_pick(ROLE_WORDS[role], lang)}", question)


def _rota_membership(intent: str) -> Builder:
    def build(caller: Caller, slots: Mapping[str, str], today: date) -> Canonical | None:
        person = slots.get("person")
        if not person:
            return None
        name, target_id = _other(caller, person)
        question = t(caller.lang, f"free_confirm.{intent}", name=name)
        return Canonical(f"{_word(intent, caller.lang)} {name}", question, target_id)

    return build


def _code(caller: Caller, slots: Mapping[str, str], today: date) -> Canonical | None:
    if slots.get("role", "switchboard") != "switchboard":  # only switchboard codes exist
        return None
    text = f"{_word('code', caller.lang)} {_pick(ROLE_WORDS['switchboard'], caller.lang)}"
    return Canonical(text, t(caller.lang, "free_confirm.code"))


def _language(caller: Caller, slots: Mapping[str, str], today: date) -> Canonical | None:
    lang, chosen = caller.lang, slots.get("language")
    if chosen not in LANGUAGE_WORDS:
        return None
    question = t(lang, "free_confirm.language", language=_pick(LANGUAGE_NAMES[chosen], lang))
    return Canonical(f"{_word('language', lang)} {_pick(LANGUAGE_WORDS[chosen], lang)}", question)


def _bare(intent: str) -> Builder:
    def build(caller: Caller, slots: Mapping[str, str], today: date) -> Canonical | None:
        return Canonical(_word(intent, caller.lang), t(caller.lang, f"free_confirm.{intent}"))

    return build


def _none(caller: Caller, slots: Mapping[str, str], today: date) -> Canonical | None:
    """The slots have no place for what the command needs (the weekdays of `arbejdsdage`, the
    code of `tilmeld`): the command's example is shown instead."""
    return None


_BUILDERS: dict[str, Builder] = {
    "away": _away,
    "swap": _swap,
    "sick": _sick,
    "reassign": _reassign,
    "set_duty": _set_duty,
    "generate": _generate,
    "role": _role,
    "on_rota": _rota_membership("on_rota"),
    "off_rota": _rota_membership("off_rota"),
    "workdays": _none,
    "code": _code,
    "join": _none,
    "language": _language,
    "new_calendar": _bare("new_calendar"),
    "announce_here": _bare("announce_here"),
}
