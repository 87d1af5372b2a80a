"""Swapping duties: `byt 5.1` asks everyone in the channel, `byt 5.1 med Bo [mod 12.1]` asks
one colleague. The request row is the state; its status is derived (rules.swaps), so a click
on an old card is answered, not obeyed."""

from datetime import date
from typing import Any

from dialogs import cards
from dialogs.commands import Invocation
from dialogs.context import Caller, Context
from dialogs.messages import bad_date_key, capital, format_day, t
from dialogs.plain import Reply
from dialogs.planning import able_to_hold
from dialogs.targets import target_and_rest
from rules.dates import BadDate, parse_date
from rules.swaps import (
    NotAvailableThatDay,
    NotForYou,
    NotOpenForTaking,
    NotWorkingDay,
    OwnRequest,
    PastDay,
    check_new,
    check_take,
    escalation_due,
    reminder_due,
    status,
)
from rules.text import fold
from store.members import leads
from store.models import Member, Membership, SwapRequestRow, Team
from store.swaps import plain

WITH = frozenset({"med", "with"})
FOR = frozenset({"mod", "for"})


# An absence's days share one channel post; each of their requests has this reason.
ABSENCE = "absence"
# Marks a button on an absence's post: a take there redraws the whole post.
ON_POST = "absence"


def absence_reason(absence_id: int) -> str:
    return f"{ABSENCE}:{absence_id}"


def open_card(lang: str, row: SwapRequestRow, requester: str) -> dict[str, Any]:
    why = t(lang, "why_absence") if row.reason.startswith(ABSENCE) else ""
    text = t(lang, "swap_open_card", name=requester, day=format_day(lang, row.day), why=why)
    return cards.card(
        [cards.text(text)], [cards.submit(t(lang, "take"), {"action": "swap.take", "swap": row.id})]
    )


def absence_card(
    lang: str, rows: list[SwapRequestRow], requester: str, names: dict[int, str], today: date
) -> dict[str, Any]:
    """One post for all the duty days of an absence: a "Take it" button under each open day,
    and what became of the others (who took it), so the post keeps its context."""
    why = t(lang, "why_absence")
    if len(rows) == 1:
        day = format_day(lang, rows[0].day)
        intro = t(lang, "swap_open_card", name=requester, day=day, why=why)
    else:
        intro = t(lang, "swap_days_card", name=requester, why=why)
    still_open = any(status(plain(row), today) == "open" for row in rows)
    body = [cards.text(intro)] if still_open else []  # once all are gone, no question
    for row in rows:
        if status(plain(row), today) == "open":
            body.append(cards.text(capital(format_day(lang, row.day))))
            data = {"action": "swap.take", "swap": row.id, "post": ON_POST}
            body.append(cards.buttons([cards.submit(t(lang, "take"), data)]))
        else:
            body.append(cards.text(day_line(lang, row, requester, names, today)))
    return cards.card(body)


def day_line(
    lang: str, row: SwapRequestRow, requester: str, names: dict[int, str], today: date
) -> str:
    """`Tirsdag 22. december (Anne Sørensen): taget af Karin Madsen`."""
    state = status(plain(row), today)
    day = capital(format_day(lang, row.day))
    taker = names.get(row.taken_by or 0, "")
    if state == "taken":
        return t(lang, "swap_day_taken", day=day, name=requester, taker=taker)
    if state == "awaiting_approval":
        return t(lang, "swap_day_awaiting", day=day, name=requester, taker=taker)
    if state == "open":
        return t(lang, "swap_line", day=day, name=requester, target="")
    return t(lang, "swap_day_closed", day=day, name=requester, status=t(lang, f"status.{state}"))


def direct_card(lang: str, row: SwapRequestRow, requester: str) -> dict[str, Any]:
    offer = t(lang, "swap_offer", day=format_day(lang, row.offered_day)) if row.offered_day else ""
    text = t(lang, "swap_direct_card", name=requester, day=format_day(lang, row.day), offer=offer)
    return cards.card(
        [cards.text(text)],
        [
            cards.submit(t(lang, "accept"), {"action": "swap.take", "swap": row.id}),
            cards.submit(t(lang, "decline"), {"action": "swap.decline", "swap": row.id}),
        ],
    )


async def offer_day(
    ctx: Context,
    team: Team,
    requester: Member,
    day: date,
    *,
    reason: str = "",
    target: Member | None = None,
    offered_day: date | None = None,
    post: bool = True,
) -> SwapRequestRow | None:
    """Create a request and send its card: to the channel, or 1:1 to the colleague asked
    (unless `post` is off: an absence posts all its days at once, `offer_absence`).
    None if the day already has an open request."""
    if any(r.day == day for r in await ctx.store.swaps.open_for_team(team.id, ctx.today())):
        return None
    now = ctx.clock.now()
    row = await ctx.store.swaps.create(
        team.id, day, requester.id, target.id if target else None, offered_day, reason, now
    )
    ctx.store.audit.record(
        team.id,
        requester.id,
        "swap_requested",
        f"day:{day.isoformat()}",
        now,
        None,
        {"swap": row.id, "target": row.target_id},
    )
    if not post:
        return row
    if target is None:
        card = open_card(ctx.team_settings(team).post_language, row, requester.name)
        await ctx.notify(f"swap:{row.id}", team.id, "swap", f"channel:{team.id}", Reply(card=card))
    else:
        await ctx.tell(
            team,
            target,
            f"swap:{row.id}",
            "swap",
            lambda lang: Reply(card=direct_card(lang, row, requester.name)),
        )
    return row


async def offer_absence(
    ctx: Context, team: Team, requester: Member, absence_id: int, days: list[date]
) -> list[date]:
    """Offer an absence's duty days: one request per day (each taken on its own), and one
    post in the channel with a button per day. The days offered (not those already open)."""
    reason = absence_reason(absence_id)
    rows = [
        row
        for day in days
        if (row := await offer_day(ctx, team, requester, day, reason=reason, post=False))
    ]
    if rows:
        card = absence_card(
            ctx.team_settings(team).post_language, rows, requester.name, {}, ctx.today()
        )
        await ctx.notify(
            f"swap-absence:{absence_id}", team.id, "swap", f"channel:{team.id}", Reply(card=card)
        )
    return [row.day for row in rows]


async def swap(caller: Caller, inv: Invocation, ctx: Context) -> list[Reply]:
    assert caller.team is not None
    lang, team, today = caller.lang, caller.team, ctx.today()
    words = inv.args.split()
    if not words:
        return [Reply(t(lang, "swap_usage"))]
    try:
        day = parse_date(words[0], today)
    except BadDate as exc:
        return [Reply(t(lang, bad_date_key(exc), text=words[0]))]
    try:
        check_new(day, today, ctx.team_settings(team).calendar)
    except PastDay:
        return [Reply(t(lang, "swap_past"))]
    except NotWorkingDay:
        return [Reply(t(lang, "swap_not_working_day", day=format_day(lang, day)))]
    duty = await ctx.store.rota.on(team.id, day)
    if duty is None or duty.member_id != caller.member.id:
        return [Reply(t(lang, "swap_not_yours", day=format_day(lang, day)))]
    rest = words[1:]
    target, offered = None, None
    if rest or caller.request.mentions or inv.target_id:
        if rest and fold(rest[0]) in WITH:
            rest = rest[1:]
        cut = next((i for i, w in enumerate(rest) if fold(w) in FOR), len(rest))
        name, back = " ".join(rest[:cut]), rest[cut + 1 :]
        found = await target_and_rest(
            caller, ctx, Invocation(name, inv.example, inv.target_id), "swap", 0
        )
        if isinstance(found, list):
            return found
        target = found[0]
        if back:
            try:
                offered = parse_date(back[0], today)
            except BadDate as exc:
                return [Reply(t(lang, bad_date_key(exc), text=back[0]))]
            theirs = await ctx.store.rota.on(team.id, offered)
            if theirs is None or theirs.member_id != target.id:
                return [
                    Reply(
                        t(lang, "swap_not_theirs", name=target.name, day=format_day(lang, offered))
                    )
                ]
    row = await offer_day(ctx, team, caller.member, day, target=target, offered_day=offered)
    if row is None:
        return [Reply(t(lang, "swap_exists", day=format_day(lang, day)))]
    if target is None:
        return [Reply(t(lang, "swap_open_ok", day=format_day(lang, day)))]
    return [Reply(t(lang, "swap_direct_ok", name=target.name, day=format_day(lang, day)))]


async def list_swaps(caller: Caller, inv: Invocation, ctx: Context) -> list[Reply]:
    assert caller.team is not None
    lang, team = caller.lang, caller.team
    rows = await ctx.store.swaps.open_for_team(team.id, ctx.today())
    awaiting = await ctx.store.swaps.awaiting_for_team(team.id, ctx.today())
    if not rows and not awaiting:
        return [Reply(t(lang, "swaps_none"))]
    names = await ctx.store.members.names(team.id)
    lines: list[tuple[str, tuple[str, dict[str, Any]] | None]] = []
    for row in awaiting:
        day, name = format_day(lang, row.day), names.get(row.requester_id, "")
        taker = names.get(row.taken_by or 0, "")
        lines.append((t(lang, "swap_line_awaiting", day=day, name=name, taker=taker), None))
    for row in rows:
        target = t(lang, "swap_to", name=names.get(row.target_id, "")) if row.target_id else ""
        line = t(
            lang,
            "swap_line",
            day=format_day(lang, row.day),
            name=names.get(row.requester_id, ""),
            target=target,
        )
        button: tuple[str, dict[str, Any]] | None = None
        if row.requester_id == caller.member.id:
            button = (t(lang, "cancel"), {"action": "swap.cancel", "swap": row.id})
        elif row.target_id in (None, caller.member.id):
            button = (t(lang, "take"), {"action": "swap.take", "swap": row.id})
        lines.append((line, button))
    return [Reply(card=cards.list_card(t(lang, "swaps_title"), lines))]


async def act(caller: Caller, value: dict[str, Any], ctx: Context) -> list[Reply]:
    """A click on Take / Accept / Decline."""
    assert caller.team is not None
    lang, team, today = caller.lang, caller.team, ctx.today()
    row = await ctx.store.swaps.get(cards.whole(value, "swap"))
    if row is None or row.team_id != team.id:
        return [Reply(t(lang, "card_unknown"))]
    requester = await ctx.store.members.get(row.requester_id)
    assert requester is not None  # the request's row goes with its requester
    if value["action"] == "swap.decline":
        return await _decline(caller, ctx, row, requester)
    if value["action"] == "swap.cancel":
        return await _cancel(caller, ctx, row)
    if caller.member.id in (row.requester_id, row.taken_by):
        return await _to_presser(caller, ctx, row)
    available = await _both_can_hold(ctx, team, row, caller, requester)
    try:
        check_take(plain(row), caller.member.id, today, available)
    except NotOpenForTaking:
        return [await _already(ctx, lang, row, today)]
    except OwnRequest:  # pragma: no cover - answered above, before the checks
        return [Reply(t(lang, "swap_own"))]
    except NotForYou:
        return [Reply(t(lang, "swap_not_for_you"))]
    except NotAvailableThatDay:
        return [Reply(t(lang, "swap_not_available", day=format_day(lang, row.day)))]
    now = ctx.clock.now()
    approval = ctx.team_settings(team).swap_approval
    if not await ctx.store.swaps.take(row.id, caller.member.id, now, awaiting=approval):
        await ctx.store.session.refresh(row)
        return [await _already(ctx, lang, row, today)]
    await ctx.store.session.refresh(row)
    done = await _taken_card(ctx, team, row, requester, caller, value)
    if approval:
        await _ask_leads(ctx, team, row, caller.member, requester)
        return [
            Reply(card=done, update=True),
            Reply(t(lang, "swap_wait_approval", day=format_day(lang, row.day))),
        ]
    await _apply(ctx, team, row, caller.member, requester, caller.member.id)
    return [
        Reply(card=done, update=True),
        Reply(t(lang, "swap_done", day=format_day(lang, row.day))),
    ]


async def _taken_card(
    ctx: Context,
    team: Team,
    row: SwapRequestRow,
    requester: Member,
    caller: Caller,
    value: dict[str, Any],
) -> dict[str, Any]:
    """What the clicked card becomes once taken: an absence's post is drawn again with every
    day as it stands; a request to everyone keeps its day and requester next to the taker."""
    lang, today = caller.lang, ctx.today()
    if row.target_id is not None:
        return cards.card([cards.text(t(lang, "swap_taken_card", name=caller.member.name))])
    names = {row.requester_id: requester.name, caller.member.id: caller.member.name}
    if value.get("post") == ON_POST and row.reason.startswith(ABSENCE):
        rows = await ctx.store.swaps.with_reason(team.id, row.reason)
        post = ctx.team_settings(team).post_language  # the post is in the team's language
        names = {**names, **await ctx.store.members.names(team.id)}
        return absence_card(post, rows, requester.name, names, today)
    return cards.card([cards.text(day_line(lang, row, requester.name, names, today))])


async def _to_presser(caller: Caller, ctx: Context, row: SwapRequestRow) -> list[Reply]:
    """A press on your own request, or on a day you took already: answered to you alone
    (in your 1:1 chat when pressed in the channel), with what you can do about it."""
    assert caller.team is not None
    team, today = caller.team, ctx.today()
    state = status(plain(row), today)
    taker = await ctx.store.members.get(row.taken_by) if row.taken_by else None
    mine = row.requester_id == caller.member.id

    def answer(lang: str) -> Reply:
        day = format_day(lang, row.day)
        if mine and state == "open":
            withdraw = {"action": "swap.cancel", "swap": row.id}
            text = t(lang, "swap_own_open", day=day)
            return Reply(
                card=cards.card([cards.text(text)], [cards.submit(t(lang, "withdraw"), withdraw)])
            )
        if mine:
            by = t(lang, "swap_by", name=taker.name) if taker else ""
            status_text = t(lang, f"status.{state}")
            return Reply(t(lang, "swap_own_closed", day=day, status=status_text, by=by))
        key = "swap_yours_awaiting" if state == "awaiting_approval" else "swap_yours_already"
        return Reply(t(lang, key, day=day))

    if caller.request.scope == "personal":
        return [answer(caller.lang)]
    # Each press gets its answer (the key names the press); nothing goes to the channel.
    press = str(caller.request.reference.get("activityId") or ctx.clock.now().isoformat())
    await ctx.tell(team, caller.member, f"swap-press:{row.id}:{press}"[:300], "swap_own", answer)
    return []


def _ids(members: list[Member]) -> set[int]:
    return {m.id for m in members}


async def _both_can_hold(
    ctx: Context, team: Team, row: SwapRequestRow, caller: Caller, requester: Member
) -> bool:
    """The taker can hold the day, and the requester the day offered back (if any)."""
    if caller.membership is None:
        return False
    taker = [(caller.member, caller.membership)]
    if caller.member.id not in _ids(await able_to_hold(ctx, team, row.day, taker)):
        return False
    if row.offered_day is None:
        return True
    membership = await ctx.store.members.membership(team.id, requester.id)
    back = [(requester, membership)] if membership else []
    return requester.id in _ids(await able_to_hold(ctx, team, row.offered_day, back))


async def _apply(
    ctx: Context, team: Team, row: SwapRequestRow, taker: Member, requester: Member, actor: int
) -> None:
    """The rota change of a taken swap, in the same transaction as the take."""
    await _move(ctx, team, row.day, taker.id, actor, "swap")
    if row.offered_day is not None:
        await _move(ctx, team, row.offered_day, requester.id, actor, "swap")
    ctx.store.audit.record(
        team.id,
        taker.id,
        "swap_taken",
        f"day:{row.day.isoformat()}",
        ctx.clock.now(),
        {"member": requester.id},
        {"member": taker.id},
    )
    await _tell(
        ctx,
        team,
        requester,
        f"swap-taken:{row.id}",
        "swap_taken",
        "swap_told_taken",
        row.day,
        name=taker.name,
    )


async def _ask_leads(
    ctx: Context, team: Team, row: SwapRequestRow, taker: Member, requester: Member
) -> None:
    for member in leads(await ctx.store.members.of_team(team.id)):
        await ctx.tell(
            team,
            member,
            f"swap-approval:{row.id}:{row.taken_by}:{member.id}",
            "swap_approval",
            lambda lang: Reply(
                card=approval_card(lang, row.id, taker.name, requester.name, row.day)
            ),
        )


def approval_card(
    lang: str,
    swap_id: int,
    taker: str,
    requester: str,
    day: date,
) -> dict[str, Any]:
    text = t(lang, "swap_approval_card", taker=taker, name=requester, day=format_day(lang, day))
    return cards.card(
        [cards.text(text)],
        [
            cards.submit(t(lang, "approve"), {"action": "swap.approve", "swap": swap_id}),
            cards.submit(t(lang, "reject"), {"action": "swap.reject", "swap": swap_id}),
        ],
    )


async def decide(caller: Caller, value: dict[str, Any], ctx: Context) -> list[Reply]:
    """A lead approves or rejects a taken swap."""
    assert caller.team is not None
    lang, team = caller.lang, caller.team
    if caller.role != "lead":
        return [Reply(t(lang, "not_allowed", roles=t(lang, "roles.lead")))]
    row = await ctx.store.swaps.get(cards.whole(value, "swap"))
    if row is None or row.team_id != team.id:
        return [Reply(t(lang, "card_unknown"))]
    names = {m.id: m for m, _ in await ctx.store.members.of_team(team.id)}
    taker = names.get(row.taken_by or 0)
    approve = value["action"] == "swap.approve"
    if taker is None or not await ctx.store.swaps.settle_approval(row.id, approve):
        await ctx.store.session.refresh(row)
        return [await _already(ctx, lang, row, ctx.today())]
    requester = names[row.requester_id]
    now = ctx.clock.now()
    ctx.store.audit.record(
        team.id,
        caller.member.id,
        "swap_approved" if approve else "swap_rejected",
        f"day:{row.day.isoformat()}",
        now,
    )
    if approve:
        await _apply(ctx, team, row, taker, requester, caller.member.id)
        for person in (taker, requester):
            await _tell(
                ctx,
                team,
                person,
                f"swap-approved:{row.id}:{person.id}",
                "swap_approved",
                "swap_told_approved",
                row.day,
                taker=taker.name,
            )
        done = t(lang, "swap_approved_card", name=caller.member.name)
    else:
        await _tell(
            ctx,
            team,
            taker,
            f"swap-rejected:{row.id}:{taker.id}",
            "swap_rejected",
            "swap_told_rejected",
            row.day,
        )
        if row.target_id is None:  # open to everyone again
            post = ctx.team_settings(team).post_language
            await ctx.notify(
                f"swap:{row.id}:again:{taker.id}",
                team.id,
                "swap",
                f"channel:{team.id}",
                Reply(card=open_card(post, row, requester.name)),
            )
        done = t(lang, "swap_rejected_card", name=caller.member.name)
    return [Reply(card=cards.card([cards.text(done)]), update=True)]


async def _move(ctx: Context, team: Team, day: date, to: int, actor: int, source: str) -> None:
    now = ctx.clock.now()
    before = await ctx.store.rota.set(team.id, day, to, now, kept=True, source=source)
    ctx.store.audit.record(
        team.id, actor, "duty", f"day:{day.isoformat()}", now, {"member": before}, {"member": to}
    )


async def _decline(
    caller: Caller,
    ctx: Context,
    row: SwapRequestRow,
    requester: Member,
) -> list[Reply]:
    assert caller.team is not None
    lang, team = caller.lang, caller.team
    if row.target_id != caller.member.id:
        return [Reply(t(lang, "swap_not_for_you"))]
    now = ctx.clock.now()
    if not await ctx.store.swaps.close(row.id, "declined_at", now):
        await ctx.store.session.refresh(row)
        return [await _already(ctx, lang, row, ctx.today())]
    ctx.store.audit.record(
        team.id, caller.member.id, "swap_declined", f"day:{row.day.isoformat()}", now
    )
    await _tell(
        ctx,
        team,
        requester,
        f"swap-declined:{row.id}",
        "swap_declined",
        "swap_told_declined",
        row.day,
        name=caller.member.name,
        date=row.day.isoformat(),
    )
    done = cards.card([cards.text(t(lang, "swap_declined_card", name=caller.member.name))])
    return [
        Reply(card=done, update=True),
        Reply(t(lang, "swap_declined_ok", day=format_day(lang, row.day))),
    ]


async def _cancel(caller: Caller, ctx: Context, row: SwapRequestRow) -> list[Reply]:
    assert caller.team is not None
    lang = caller.lang
    if row.requester_id != caller.member.id:
        return [Reply(t(lang, "swap_not_for_you"))]
    if not await ctx.store.swaps.close(row.id, "cancelled_at", ctx.clock.now()):
        await ctx.store.session.refresh(row)
        return [await _already(ctx, lang, row, ctx.today())]
    ctx.store.audit.record(
        caller.team.id,
        caller.member.id,
        "swap_cancelled",
        f"day:{row.day.isoformat()}",
        ctx.clock.now(),
    )
    return [Reply(t(lang, "swap_cancelled", day=format_day(lang, row.day)))]


async def _tell(
    ctx: Context,
    team: Team,
    member: Member,
    key: str,
    kind: str,
    message: str,
    day: date,
    **values: str,
) -> bool:
    """A 1:1 notice about a duty day, in the member's language."""
    return await ctx.tell(
        team,
        member,
        key,
        kind,
        lambda lang: Reply(t(lang, message, day=format_day(lang, day), **values)),
    )


async def _already(ctx: Context, lang: str, row: SwapRequestRow, today: date) -> Reply:
    state = status(plain(row), today)
    taken = state in ("taken", "awaiting_approval")
    who = await ctx.store.members.get(row.taken_by) if taken and row.taken_by else None
    by = t(lang, "swap_by", name=who.name) if who else ""
    if state == "awaiting_approval":
        return Reply(t(lang, "swap_already_awaiting", by=by))
    return Reply(t(lang, "swap_already", status=t(lang, f"status.{state}"), by=by))


async def tick_swaps(ctx: Context, team: Team, members: list[tuple[Member, Membership]]) -> int:
    """Reminders (7, 3 and 1 working days before), escalation the working day before, and
    expiry for the record. Each at most once a day, through the outbox key."""
    today, calendar = ctx.today(), ctx.team_settings(team).calendar
    now = ctx.clock.now()
    queued = 0
    for row in await ctx.store.swaps.unlogged_expired(team.id, today):
        row.expired_logged = True
        ctx.store.audit.record(team.id, None, "swap_expired", f"day:{row.day.isoformat()}", now)
    names = {m.id: m.name for m, _ in members}
    for row in await ctx.store.swaps.open_for_team(team.id, today):
        requester = names.get(row.requester_id, "")
        if row.target_id is None and reminder_due(row.day, today, calendar):
            able = _ids(await able_to_hold(ctx, team, row.day, members))
            for member, _ in members:
                if member.id != row.requester_id and member.id in able:
                    queued += await _tell(
                        ctx,
                        team,
                        member,
                        f"swap-remind:{row.id}:{member.id}:{today.isoformat()}",
                        "swap_reminder",
                        "swap_reminder",
                        row.day,
                        name=requester,
                    )
        if escalation_due(row.day, today, calendar):
            for member in leads(members):
                if await _tell(
                    ctx,
                    team,
                    member,
                    f"swap-escalate:{row.id}:{member.id}",
                    "swap_escalation",
                    "swap_escalation",
                    row.day,
                    name=requester,
                    date=row.day.isoformat(),
                ):
                    queued += 1
                    ctx.store.audit.record(
                        team.id, None, "swap_escalated", f"day:{row.day.isoformat()}", now
                    )
    return queued
