"""The reminders a team's open cases are owed today (domain/case_reminders.py decides which),
queued 1:1 in each reader's language."""

from collections.abc import Callable
from datetime import date
from functools import partial

from dialogs.case_texts import day_and_time
from dialogs.context import Context
from dialogs.messages import format_day, t
from dialogs.plain import Reply
from domain.case_reminders import Reminder, due_reminders
from rules.deadlines import last_working_day
from rules.working_days import Calendar
from store.models import Case, Member, Membership, Team

# talk deadline -> (reminder key, overdue key)
TEXTS = {
    "fast_track_talk": ("case_ft_reminder", "case_ft_overdue"),
    "ordinary_talk": ("case_ordinary_reminder", "case_ordinary_overdue"),
}


async def tick_cases(
    ctx: Context, team: Team, team_members: list[tuple[Member, Membership]]
) -> int:
    settings = ctx.team_settings(team)
    reminders = await due_reminders(
        ctx.store, team.id, team_members, ctx.today(), settings.calendar
    )
    queued = 0
    for reminder in reminders:
        kind = "case_meeting" if reminder.kind == "meeting" else "case_ft"
        text = _text(reminder, settings.calendar)
        queued += await ctx.tell(team, reminder.to, reminder.key, kind, text)
    return queued


def _text(reminder: Reminder, calendar: Calendar) -> Callable[[str], Reply]:
    case = reminder.case
    if reminder.kind == "meeting":
        place = f", {case.meeting_place}" if case.meeting_place else ""
        return partial(_meeting_reminder, case, place)
    soon_key, overdue_key = TEXTS[reminder.deadline]
    assert reminder.due is not None
    due = reminder.due
    if reminder.kind == "soon":
        return partial(_soon_reminder, case, due, soon_key, calendar)
    return partial(_overdue_notice, case, due, reminder.owner, overdue_key)


def _meeting_reminder(case: Case, place: str, lang: str) -> Reply:
    day = day_and_time(lang, case)
    return Reply(t(lang, "case_meeting_reminder", number=case.number, day=day, place=place))


def _soon_reminder(case: Case, due: date, key: str, calendar: Calendar, lang: str) -> Reply:
    text = t(lang, key, number=case.number, day=format_day(lang, due))
    return Reply(_with_last_working_day(lang, text, due, calendar))


def _overdue_notice(case: Case, due: date, owner: str | None, key: str, lang: str) -> Reply:
    """In the reader's language, also "someone" for an owner who left."""
    who = owner or t(lang, "someone")
    return Reply(t(lang, key, number=case.number, owner=who, day=format_day(lang, due)))


def _with_last_working_day(lang: str, text: str, due: date, calendar: Calendar) -> str:
    last = last_working_day(due, calendar)
    if last == due:
        return text
    return f"{text} {t(lang, 'deadline_last_working_day_note', day=format_day(lang, last))}"
