"""Absences: `fravær 21.12-2.1 ferie`. An absence over your duty days offers them for swapping."""

from datetime import date

from dialogs import cards
from dialogs.commands import Invocation
from dialogs.context import Caller, Context
from dialogs.messages import format_day, t
from dialogs.plain import Reply
from dialogs.swap_posts import post_absence
from dialogs.targets import target_and_rest
from domain import absences
from rules.dates import BadDate, parse_date
from rules.text import fold
from store.models import Member

KINDS = {
    "ferie": "vacation",
    "vacation": "vacation",
    "holiday": "vacation",
    "fri": "day_off",
    "fridag": "day_off",
    "day off": "day_off",
    "off": "day_off",
    "afspadsering": "toil",
    "time off": "toil",
    "time off in lieu": "toil",
    "toil": "toil",
    "kursus": "course",
    "course": "course",
    "syg": "sick",
    "sick": "sick",
}


def parse_range(text: str, today: date) -> tuple[date, date]:
    """`21.12-2.1`, `2026-12-21..2027-01-02` or one day; raises BadDate."""
    raw = text.strip()
    if ".." in raw:
        first, last = raw.split("..", 1)
    elif raw.count("-") == 1 or (raw.count("-") == 5 and len(raw) == 21):
        first, last = raw.split("-", 1) if raw.count("-") == 1 else (raw[:10], raw[11:])
    else:
        first = last = raw
    start = parse_date(first, today)
    end = parse_date(last, start)  # "21.12-2.1": the end is the next 2 January
    return start, end


def _split(args: str) -> tuple[str, str, str]:
    """(name, range, kind) from `[name] range [kind]`."""
    words = args.split()
    for size in (4, 3, 2, 1):
        if len(words) > size and fold(" ".join(words[-size:])) in KINDS:
            kind = fold(" ".join(words[-size:]))
            words = words[:-size]
            break
    else:
        kind = "ferie"
    if not words:
        return "", "", kind
    return " ".join(words[:-1]), words[-1], kind


async def away(caller: Caller, inv: Invocation, ctx: Context) -> list[Reply]:
    lang, today = caller.lang, ctx.today()
    name, span, kind_word = _split(inv.args)
    if not span:
        return [Reply(t(lang, "away_usage"))]
    try:
        first, last = parse_range(span, today)
    except BadDate:
        return [Reply(t(lang, "away_usage"))]
    absences.check_range(first, last, today)
    who: Member = caller.member
    if name or caller.request.mentions:
        absences.check_on_behalf(caller.role)
        found = await target_and_rest(
            caller, ctx, Invocation(name, inv.example, inv.target_id), "away", 0, rerun=inv.args
        )
        who = found[0]
    return await register(caller, ctx, who, first, last, KINDS[kind_word])


async def register(
    caller: Caller,
    ctx: Context,
    who: Member,
    first: date,
    last: date,
    kind: str,
    *,
    offer: bool = True,
) -> list[Reply]:
    """Store the absence and post its duty days for swapping; what to answer the caller."""
    lang, team = caller.lang, caller.in_team
    done = await absences.register(
        ctx.store,
        team.id,
        who.id,
        first,
        last,
        kind,
        actor_id=caller.member.id,
        actor_role=caller.role,
        today=ctx.today(),
        now=ctx.clock.now(),
        offer=offer,
    )
    await post_absence(ctx, team, who, done.absence.id, done.offered)
    values = {
        "first": format_day(lang, first),
        "last": format_day(lang, last),
        "kind": t(lang, f"kind.{kind}"),
        "name": who.name,
    }
    key = "away_ok" if who.id == caller.member.id else "away_ok_other"
    replies = [Reply(t(lang, _range_key(key, first, last), **values))]
    if done.duty_days:
        days = ", ".join(format_day(lang, d) for d in done.duty_days)
        replies.append(Reply(t(lang, "away_conflicts", days=days)))
    return replies


def _range_key(key: str, first: date, last: date) -> str:
    """The catalogue key for a range: its ".one" variant names a one-day absence once."""
    return f"{key}.one" if first == last else key


async def my_absences(caller: Caller, inv: Invocation, ctx: Context) -> list[Reply]:
    lang = caller.lang
    found = await absences.coming(ctx.store, caller.in_team.id, caller.member.id, ctx.today())
    if not found:
        return [Reply(t(lang, "my_absences_none"))]
    rows = []
    for absence in found:
        line = t(
            lang,
            _range_key("absence_line", absence.first_day, absence.last_day),
            first=format_day(lang, absence.first_day),
            last=format_day(lang, absence.last_day),
            kind=t(lang, f"kind.{absence.kind}"),
        )
        rows.append(
            (line, (t(lang, "cancel"), {"action": "absence.cancel", "absence": absence.id}))
        )
    return [Reply(card=cards.list_card(t(lang, "my_absences_title"), rows))]


async def cancel_absence(caller: Caller, value: dict[str, object], ctx: Context) -> list[Reply]:
    lang = caller.lang
    absence = await absences.cancel(
        ctx.store,
        caller.in_team.id,
        cards.whole(value, "absence"),
        caller.member.id,
        caller.role,
        ctx.clock.now(),
    )
    first, last = absence.first_day, absence.last_day
    key = _range_key("absence_cancelled", first, last)
    return [Reply(t(lang, key, first=format_day(lang, first), last=format_day(lang, last)))]
