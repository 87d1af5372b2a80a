"""A case's outcome: what each outcome needs, the round table's 1-7 day window, the Fast-track
request's dates, and closing (settled, referred and closed cases are done; another outcome opens
the case again). The outcome can be changed, also after closing, until the case is anonymised.
"""

from datetime import date, datetime, tzinfo

from domain.cases import (
    ADVICE,
    CLOSING,
    NOT_HOTLINE,
    OUTCOMES,
    CaseClosed,
    CaseMissing,
    Form,
    by_card,
    clock,
    day,
    subject,
    text,
    version,
)
from domain.errors import Refused
from rules.deadlines import RequestBeforeAbsence, check_request, round_table_problem
from rules.working_days import Calendar
from store.cases import CaseOutcome
from store.models import Case
from store.store import Store


class CaseChanged(Refused):
    """The card was shown before a later change (an outcome, a handover): nothing is saved,
    and the card clicked should become the case as it is now."""

    def __init__(self, case: Case) -> None:
        super().__init__("case_card_stale", number=case.number)
        self.case = case


class MeetingNeeded(Refused):
    def __init__(self) -> None:
        super().__init__("case_need_meeting")


class MeetingOutsideWindow(Refused):
    """A round table normally lies 1-7 days after the call; otherwise it needs a reason."""

    def __init__(self, days: int) -> None:
        super().__init__("case_meeting_reason_needed", days=days)
        self.days = days


class MeetingOnClosedDay(Refused):
    """A round table on a weekend, a public holiday or a day the team is closed needs a
    reason."""

    def __init__(self, meeting: date) -> None:
        super().__init__("case_meeting_reason_closed", day=meeting, holiday="")
        self.meeting = meeting


class RequestDateNeeded(Refused):
    def __init__(self) -> None:
        super().__init__("case_need_request_date")


class RequestPrecedesAbsence(Refused):
    def __init__(self, request: date, first_absence: date) -> None:
        super().__init__("case_request_before_absence", request=request, first=first_absence)


class ReferralNeeded(Refused):
    """A referred call says where to: a place, or a category of what the hotline is not."""

    def __init__(self) -> None:
        super().__init__("case_need_referral")


def checked_outcome(
    case: Case, outcome: str, form: Form, call_day: date, calendar: Calendar
) -> CaseOutcome:
    """The outcome's fields from its form (`form` holds the fields the form sent; one it did
    not send keeps its value), checked. The meeting and the referral belong to their outcome
    alone."""

    def given(name: str) -> bool:
        return name in form

    round_table, referral = outcome == "round_table", outcome == "referred"
    meeting = day(form["meeting_day"]) if given("meeting_day") else case.meeting_day
    meeting_time = clock(form["meeting_time"]) if given("meeting_time") else case.meeting_time
    place = text(form["meeting_place"]) if given("meeting_place") else case.meeting_place
    reason = text(form["meeting_reason"], 300) if given("meeting_reason") else case.meeting_reason
    if not round_table:
        meeting, meeting_time, place, reason = None, None, "", ""
    request = day(form["request_date"]) if given("request_date") else case.request_date
    first_absence = day(form["first_absence"]) if given("first_absence") else case.first_absence
    first_talk = day(form["first_talk"]) if given("first_talk") else case.first_talk
    advice = (form["advice"] if given("advice") else case.advice) or None
    not_hotline = form["not_hotline"] if given("not_hotline") else case.not_hotline
    referred = ""
    if referral:
        referred = text(form["referred_to"]) if given("referred_to") else case.referred_to
    if round_table:
        if meeting is None:
            raise MeetingNeeded()
        problem = round_table_problem(call_day, meeting, calendar)
        if problem == "days" and not reason:
            raise MeetingOutsideWindow((meeting - call_day).days)
        if problem == "closed" and not reason:
            raise MeetingOnClosedDay(meeting)
    if outcome == "fast_track" and request is None:
        raise RequestDateNeeded()
    try:
        check_request(request, first_absence)
    except RequestBeforeAbsence:
        assert request is not None and first_absence is not None
        raise RequestPrecedesAbsence(request, first_absence) from None
    category = str(not_hotline) if not_hotline in NOT_HOTLINE else None
    if referral and not (referred or category):
        raise ReferralNeeded()
    return CaseOutcome(
        outcome=outcome,
        advice=str(advice) if advice in ADVICE else None,
        meeting_day=meeting,
        meeting_time=meeting_time,
        meeting_place=place,
        meeting_reason=reason,
        request_date=request,
        first_absence=first_absence,
        first_talk=first_talk,
        referred_to=referred,
        not_hotline=category,
    )


async def save_outcome(
    store: Store,
    team_id: int,
    actor_id: int,
    case_id: int,
    seen: object,
    outcome: object,
    form: Form,
    *,
    zone: tzinfo,
    calendar: Calendar,
    now: datetime,
) -> Case:
    """Save an outcome from a case card shown at version `seen`; its history records it."""
    case = await by_card(store, team_id, case_id)
    if case.anonymised:
        raise CaseClosed(case.number)
    if str(seen) != str(await version(store, team_id, case)):
        raise CaseChanged(case)
    if outcome not in OUTCOMES:
        raise CaseMissing()
    chosen = str(outcome)
    call_day = case.call_at.astimezone(zone).date()
    saved = checked_outcome(case, chosen, form, call_day, calendar)
    before = {"outcome": case.outcome}
    closed_at = (case.closed_at or now) if chosen in CLOSING else None
    store.cases.set_outcome(case, saved, closed_at)
    store.audit.record(
        team_id, actor_id, "case_outcome", subject(case), now, before, {"outcome": chosen}
    )
    return case
