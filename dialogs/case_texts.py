"""What a case says in text: its deadlines, its meeting, its outcome, what is coming."""

from datetime import date, datetime, time

from dialogs.markdown import Markup, escape
from dialogs.messages import capital, format_day, t, t_count
from rules.deadlines import TALKS, Deadline, deadlines, last_working_day, next_deadline
from rules.working_days import Calendar
from store.models import Case


def moment_text(lang: str, local: datetime) -> str:
    return f"{format_day(lang, local.date())} {local.strftime('%H:%M')}"


def days_text(lang: str, days: int) -> str:
    """`1 dag` / `2 dage`, `1 day` / `2 days`."""
    return t_count(lang, "n_days", days)


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


def next_deadline_of(case: Case) -> Deadline | None:
    """The case's earliest open talk deadline: the one to act on next."""
    return next_deadline(deadlines(case.request_date, case.first_absence, case.first_talk))


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


def clock_text(value: time | None) -> str:
    return value.strftime("%H:%M") if value else ""


def day_and_time(lang: str, case: Case) -> str:
    """`mandag 11. januar kl. 10:00` (the day alone when no time was given)."""
    assert case.meeting_day is not None
    text = format_day(lang, case.meeting_day)
    if case.meeting_time:
        text += " " + t(lang, "case_at_time", time=clock_text(case.meeting_time))
    return Markup(text)


def meeting_text(lang: str, case: Case) -> str:
    """`mandag 11. januar kl. 10:00, Jobcentret` (what is known of it)."""
    if case.meeting_day is None:
        return ""
    text = day_and_time(lang, case)
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
                day=day_and_time(lang, case),
                place=Markup(f", {escape(case.meeting_place)}") if case.meeting_place else "",
                when=when,
            )
        )
    upcoming = next_deadline_of(case)
    if upcoming is not None and upcoming.met is None:
        lines.append(
            t(
                lang,
                "case_coming_deadline",
                deadline=deadline_text(lang, upcoming, today, calendar),
            )
        )
    return lines
