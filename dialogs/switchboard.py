"""The switchboard's guide: does a call belong to the retention hotline, and who has it now?

Answers come in one step while the caller waits. The text of a free-text check is never
stored; only the verdict's category is counted.
"""

from datetime import datetime
from typing import Any

from dialogs import cards
from dialogs.commands import Invocation
from dialogs.context import Caller, Context
from dialogs.duty import holder_name
from dialogs.holder import call_instead, not_taken, on_the_phone
from dialogs.markdown import Markup
from dialogs.messages import format_day, t
from dialogs.plain import Reply
from dialogs.switchboard_rules import SwitchboardRules, for_team
from domain import switchboard
from domain.switchboard import WHAT as WHAT
from domain.switchboard import WHO as WHO
from domain.switchboard import guide_verdict as guide_verdict
from rules.opening_hours import is_open, next_opening
from store.models import Member, Membership, Team

BRIEFING_NO = (
    ("what.payment", "payment"),
    ("who.unemployed", "unemployed"),
    ("what.existing_case", "existing_case"),
)


def team_rules(ctx: Context, team: Team) -> SwitchboardRules:
    return for_team(ctx.settings, team.name, team.settings)


def guide_card(lang: str) -> dict[str, Any]:
    who = [(t(lang, f"who.{w}"), w) for w in WHO]
    what = [(t(lang, f"what.{w}"), w) for w in WHAT]
    body = [
        cards.heading(t(lang, "guide_title")),
        cards.choice_input("who", t(lang, "guide_who"), who, [], expanded=True),
        cards.choice_input("what", t(lang, "guide_what"), what, [], expanded=True),
    ]
    return cards.card(body, [cards.submit(t(lang, "guide_answer"), {"action": "guide"})])


async def check(caller: Caller, inv: Invocation, ctx: Context) -> list[Reply]:
    """`tjek` opens the guide; `tjek <description>` answers from the description."""
    team, lang = caller.in_team, caller.lang
    if not inv.args.strip():
        return [Reply(card=guide_card(lang))]
    rules = team_rules(ctx, team)
    verdict = await switchboard.check_text(ctx.store, team.id, ctx.today(), inv.args, rules.signals)
    if verdict.verdict == "unsure":
        return [Reply(t(lang, "verdict_unsure")), Reply(card=guide_card(lang))]
    card = await verdict_card(
        ctx, team, lang, verdict.verdict, verdict.category, verdict.reasons, rules
    )
    return [Reply(card=card)]


async def answer_guide(caller: Caller, value: dict[str, Any], ctx: Context) -> list[Reply]:
    team = caller.in_team
    who, what = str(value.get("who") or ""), str(value.get("what") or "")
    verdict, category = await switchboard.answer_guide(ctx.store, team.id, ctx.today(), who, what)
    if verdict == "unsure":
        return [Reply(t(caller.lang, "verdict_ask_who"))]
    return [Reply(card=await verdict_card(ctx, team, caller.lang, verdict, category, ()))]


async def verdict_card(
    ctx: Context,
    team: Team,
    lang: str,
    verdict: str,
    category: str,
    reasons: tuple[str, ...],
    rules: SwitchboardRules | None = None,
) -> dict[str, Any]:
    rules = rules or team_rules(ctx, team)  # a free-text check has built them already
    if verdict == "yes":
        heading, text = await _who_has_it(ctx, team, lang, rules)
        body = [cards.heading(t(lang, heading)), cards.text(text)]
    else:
        referral = rules.referral(category)
        # Every "no" says where to and on which number, or plainly that the number is missing.
        phone = f", {referral.phone}" if referral.phone else t(lang, "verdict_no_number")
        body = [
            cards.heading(t(lang, "verdict_no")),
            cards.text(t(lang, "verdict_where", target=referral.name(lang), phone=phone)),
        ]
    if reasons:
        body.append(cards.text(t(lang, "verdict_reasons", reasons=", ".join(reasons)), subtle=True))
    return cards.card(body)


async def _who_has_it(
    ctx: Context, team: Team, lang: str, rules: SwitchboardRules
) -> tuple[str, str]:
    """(the heading's key, what to do now). The switchboard never learns why someone is away."""
    settings = ctx.team_settings(team)
    calendar = settings.calendar
    phone = settings.phone or t(lang, "no_phone")
    now = ctx.local_now()
    if is_open(now, calendar, rules.opening_hours):
        following = calendar.next_working_day(now.date())
        next_holder = await holder_name(ctx, team, following, lang, discreet=True)
        holder = await on_the_phone(ctx, team, now.date(), at=ctx.clock.now())
        if holder.absent:
            return "verdict_yes_away", t(
                lang,
                "verdict_open_away",
                not_taken=not_taken(lang, holder, discreet=True),
                instead=call_instead(lang, holder),
                next_holder=next_holder,
            )
        return "verdict_yes", t(
            lang,
            "verdict_open",
            holder=holder.member.name if holder.member else t(lang, "nobody"),
            phone=phone,
            next_holder=next_holder,
        )
    opens = next_opening(now, calendar, rules.opening_hours)
    if opens is None:
        return "verdict_yes_away", t(lang, "verdict_never")
    return "verdict_yes_closed", t(
        lang,
        "verdict_closed",
        when=_when(lang, opens, now),
        phone=phone,
        holder=await holder_name(ctx, team, opens.date(), lang, discreet=True),
    )


def _when(lang: str, moment: datetime, now: datetime) -> str:
    day = t(lang, "rota_today") if moment.date() == now.date() else format_day(lang, moment.date())
    return t(lang, "when_from", day=day, time=moment.strftime("%H:%M"))


async def briefing_card(ctx: Context, team: Team, lang: str) -> dict[str, Any]:
    rules = team_rules(ctx, team)
    settings = ctx.team_settings(team)
    today = ctx.today()
    span = rules.opening_hours.get(today.weekday())
    if settings.calendar.is_working_day(today) and span:
        hours = f"{span[0].strftime('%H:%M')}–{span[1].strftime('%H:%M')}"
        found = await on_the_phone(ctx, team, today)
        phone = settings.phone or t(lang, "no_phone")
        if found.absent:
            holder = t(
                lang,
                "briefing_holder_away",
                not_taken=not_taken(lang, found, discreet=True),
                instead=call_instead(lang, found),
                phone=phone,
                hours=hours,
            )
        else:
            holder = t(
                lang,
                "briefing_holder",
                holder=found.member.name if found.member else t(lang, "nobody"),
                phone=phone,
                hours=hours,
            )
    else:
        holder = t(lang, "briefing_closed")
    yes = [f"- {t(lang, f'briefing_yes_{i}')}" for i in (1, 2, 3)]
    no = [
        f"- {t(lang, 'briefing_no_line', what=t(lang, key), target=rules.referral(c).name(lang))}"
        for key, c in BRIEFING_NO
    ]
    body = [
        cards.heading(t(lang, "briefing_title", day=format_day(lang, today))),
        cards.text(holder),
        cards.text(Markup(f"**{t(lang, 'briefing_yes')}**\n\n" + "\n".join(yes))),
        cards.text(Markup(f"**{t(lang, 'briefing_no')}**\n\n" + "\n".join(no))),
    ]
    return cards.card(body, [cards.submit(t(lang, "guide_title"), {"action": "guide_open"})])


async def briefing(caller: Caller, inv: Invocation, ctx: Context) -> list[Reply]:
    return [Reply(card=await briefing_card(ctx, caller.in_team, caller.lang))]


async def queue_briefings(
    ctx: Context, team: Team, members: list[tuple[Member, Membership]]
) -> int:
    """The morning card to every switchboard member of the team, once a day each."""
    queued = 0
    day = ctx.today().isoformat()
    built: dict[str, dict[str, Any]] = {}  # one card per language
    for member, ms in members:
        key = f"briefing:{team.id}:{member.id}:{day}"
        # The tick asks every minute of the morning: nothing is built once it is queued.
        if ms.role != "switchboard" or await ctx.store.outbox.exists_like(key):
            continue
        lang = ctx.language_of(team, member)
        if lang not in built:
            built[lang] = await briefing_card(ctx, team, lang)  # it needs today's holder
        if await ctx.tell(team, member, key, "briefing", lambda lang: Reply(card=built[lang])):
            queued += 1
    return queued
