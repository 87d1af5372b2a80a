"""*Registrér udfald* on a case card: the outcome form's click saved, and the card updated."""

from typing import Any

from dialogs import cards
from dialogs.case_cards import OUTCOME_FIELDS, case_card
from dialogs.case_texts import days_text, outcome_summary
from dialogs.context import Caller, Context
from dialogs.messages import format_day, t
from dialogs.plain import Reply
from dialogs.refusals import said
from domain import case_outcomes as domain
from rules.working_days import holiday_name

FIELDS = frozenset(name for names in OUTCOME_FIELDS.values() for name in names)


def form_of(value: dict[str, Any], outcome: object) -> dict[str, object]:
    """The fields the outcome's form sent: `outcome.name` (ids are unique per card), or a plain
    `name` from older cards."""
    found: dict[str, object] = {}
    for name in FIELDS:
        key = f"{outcome}.{name}"
        if key in value:
            found[name] = value[key]
        elif name in value:
            found[name] = value[name]
    return found


async def save_outcome(caller: Caller, value: dict[str, Any], ctx: Context) -> list[Reply]:
    lang, team = caller.lang, caller.in_team
    calendar = ctx.team_settings(team).calendar
    outcome = value.get("outcome")
    try:
        case = await domain.save_outcome(
            ctx.store,
            team.id,
            caller.member.id,
            cards.whole(value, "case"),
            value.get("seen"),
            outcome,
            form_of(value, outcome),
            zone=ctx.settings.zone,
            calendar=calendar,
            now=ctx.clock.now(),
        )
    except domain.CaseChanged as changed:
        card = await case_card(ctx, team, changed.case, lang)
        return [Reply(card=card, update=True), said(lang, changed)]
    except domain.MeetingOutsideWindow as refused:
        return [Reply(t(lang, refused.key, days=days_text(lang, refused.days)))]
    except domain.MeetingOnClosedDay as refused:
        holiday = holiday_name(refused.meeting, lang)
        day = format_day(lang, refused.meeting)
        return [Reply(t(lang, refused.key, day=day, holiday=f" ({holiday})" if holiday else ""))]
    summary = outcome_summary(lang, case, ctx.today(), calendar)
    return [
        Reply(card=await case_card(ctx, team, case, lang), update=True),
        Reply(t(lang, "case_outcome_saved", number=case.number, outcome=summary)),
    ]
