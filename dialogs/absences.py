"""Absences: `fravær 21.12-2.1 ferie`. An absence over your duty days offers them for swapping."""

from datetime import date, timedelta

from dialogs import cards
from dialogs.commands import Invocation
from dialogs.context import Caller, Context
from dialogs.messages import format_day, t
from dialogs.plain import Reply
from dialogs.swaps import offer_absence
from dialogs.targets import target_and_rest
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
MAX_LENGTH = timedelta(days=366)


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
    assert caller.team is not None
    lang, today = caller.lang, ctx.today()
    name, span, kind_word = _split(inv.args)
    if not span:
        return [Reply(t(lang, "away_usage"))]
    try:
        first, last = parse_range(span, today)
    except BadDate:
        return [Reply(t(lang, "away_usage"))]
    if last < first:
        return [Reply(t(lang, "range_backwards"))]
    if last - first > MAX_LENGTH:
        return [Reply(t(lang, "away_too_long"))]
    if last < today:
        return [Reply(t(lang, "away_past"))]
    who: Member = caller.member
    if name or caller.request.mentions:
        if caller.role != "lead":
            return [Reply(t(lang, "not_allowed", roles=t(lang, "roles.lead")))]
        found = await target_and_rest(caller, ctx, Invocation(name, inv.example), "away", 0)
        if isinstance(found, list):
            return found
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
    """Store the absence; offer the absent person's coming duty days for swapping (unless the
    caller hands today's duty over itself, as same-day cover does)."""
    assert caller.team is not None
    lang, team, now = caller.lang, caller.team, ctx.clock.now()
    absence = await ctx.store.rota.new_absence(
        team.id, who.id, first, last, kind, caller.member.id, now
    )
    ctx.store.audit.record(
        team.id,
        caller.member.id,
        "absence",
        f"member:{who.id}",
        now,
        None,
        {"first": first.isoformat(), "last": last.isoformat(), "kind": kind},
    )
    values = {
        "first": format_day(lang, first),
        "last": format_day(lang, last),
        "kind": t(lang, f"kind.{kind}"),
        "name": who.name,
    }
    replies = [
        Reply(
            t(
                lang,
                _range_key(
                    "away_ok" if who.id == caller.member.id else "away_ok_other", first, last
                ),
                **values,
            )
        )
    ]
    mine = await _duty_days(ctx, team.id, who.id, max(first, ctx.today()), last) if offer else []
    await offer_absence(ctx, team, who, absence.id, mine)
    if mine:
        days = ", ".join(format_day(lang, d) for d in mine)
        replies.append(Reply(t(lang, "away_conflicts", days=days)))
    return replies


def _range_key(key: str, first: date, last: date) -> str:
    """The catalogue key for a range: its ".one" variant names a one-day absence once."""
    return f"{key}.one" if first == last else key


async def _duty_days(
    ctx: Context, team_id: int, member_id: int, first: date, last: date
) -> list[date]:
    duties = await ctx.store.rota.between(team_id, first, last)
    return [d for d, row in duties.items() if row.member_id == member_id]


async def my_absences(caller: Caller, inv: Invocation, ctx: Context) -> list[Reply]:
    assert caller.team is not None
    lang, today = caller.lang, ctx.today()
    absences = [
        a
        for a in await ctx.store.rota.absences(caller.team.id, today, today + MAX_LENGTH * 2)
        if a.member_id == caller.member.id
    ]
    if not absences:
        return [Reply(t(lang, "my_absences_none"))]
    rows = []
    for absence in sorted(absences, key=lambda a: a.first_day):
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
    assert caller.team is not None
    absence = await ctx.store.rota.absence(cards.whole(value, "absence"))
    if (
        absence is None
        or absence.team_id != caller.team.id
        or absence.cancelled
        or (absence.member_id != caller.member.id and caller.role != "lead")
    ):
        return [Reply(t(caller.lang, "card_unknown"))]
    absence.cancelled = True
    ctx.store.audit.record(
        caller.team.id,
        caller.member.id,
        "absence_cancelled",
        f"member:{absence.member_id}",
        ctx.clock.now(),
    )
    return [
        Reply(
            t(
                caller.lang,
                _range_key("absence_cancelled", absence.first_day, absence.last_day),
                first=format_day(caller.lang, absence.first_day),
                last=format_day(caller.lang, absence.last_day),
            )
        )
    ]
