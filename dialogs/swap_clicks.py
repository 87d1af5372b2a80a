"""Clicks on swap cards: Take / Accept, Decline and Withdraw (`act`), and a lead's Approve or
Reject (`decide`). The domain decides; this turns its results into cards and notices."""

from typing import Any

from dialogs import cards
from dialogs.context import Caller, Context
from dialogs.messages import format_day, t
from dialogs.plain import Reply
from dialogs.refusals import said
from dialogs.swap_cards import ON_POST, absence_card, day_line
from dialogs.swap_posts import ask_leads, notice, post_open, tell
from domain import swaps
from domain.errors import Refused
from domain.swaps import ABSENCE
from rules.swaps import status
from store.models import Member, SwapRequestRow, Team
from store.outbox import Queued
from store.swaps import plain


async def act(caller: Caller, value: dict[str, Any], ctx: Context) -> list[Reply]:
    """A click on Take / Accept / Decline / Withdraw. The web page's Take button comes here too
    (web_data.take_swap), outside a chat turn: so a refusal is said here, not in dialogs.turn."""
    try:
        return await _act(caller, value, ctx)
    except Refused as refused:
        return [said(caller.lang, refused)]


async def _act(caller: Caller, value: dict[str, Any], ctx: Context) -> list[Reply]:
    team = caller.in_team
    row = await swaps.find(ctx.store, team.id, cards.whole(value, "swap"))
    if value["action"] == "swap.decline":
        return await _decline(caller, ctx, row.id)
    if value["action"] == "swap.cancel":
        return await _withdraw(caller, ctx, row.id)
    if caller.member.id in (row.requester_id, row.taken_by):
        return await _to_presser(caller, ctx, row)
    approval = ctx.team_settings(team).swap_approval
    taken = await swaps.take(
        ctx.store,
        team.id,
        row.id,
        caller.member.id,
        today=ctx.today(),
        now=ctx.clock.now(),
        approval=approval,
        notice=lambda requester, taker: _taken_notice(ctx, team, row, requester, taker),
    )
    ctx.queued(taken.told)
    row, requester, day = taken.request, taken.requester, format_day(caller.lang, taken.request.day)
    done = await _taken_card(caller, ctx, row, requester.name, value)
    if taken.awaiting_approval:
        await ask_leads(ctx, team, row, caller.member, requester)
        return [Reply(card=done, update=True), Reply(t(caller.lang, "swap_wait_approval", day=day))]
    return [Reply(card=done, update=True), Reply(t(caller.lang, "swap_done", day=day))]


def _taken_notice(
    ctx: Context, team: Team, row: SwapRequestRow, requester: Member, taker: Member
) -> Queued:
    """The requester is told who took the day (queued with the take, or with the approval)."""
    said = notice("swap_told_taken", row.day, name=taker.name)
    return ctx.told(team, requester, f"swap-taken:{row.id}", "swap_taken", said)


async def _taken_card(
    caller: Caller, ctx: Context, row: SwapRequestRow, requester: str, value: dict[str, Any]
) -> dict[str, Any]:
    """What the clicked card becomes once taken: an absence's post is drawn again with every
    day as it stands; a request to everyone keeps its day and requester next to the taker."""
    lang, today, team = caller.lang, ctx.today(), caller.in_team
    if row.target_id is not None:
        return cards.card([cards.text(t(lang, "swap_taken_card", name=caller.member.name))])
    names = {row.requester_id: requester, caller.member.id: caller.member.name}
    if value.get("post") == ON_POST and row.reason.startswith(ABSENCE):
        rows = await ctx.store.swaps.with_reason(team.id, row.reason)
        post = ctx.team_settings(team).post_language  # the post is in the team's language
        names = {**names, **await ctx.store.members.names(team.id)}
        return absence_card(post, rows, requester, names, today)
    return cards.card([cards.text(day_line(lang, row, requester, names, today))])


async def _to_presser(caller: Caller, ctx: Context, row: SwapRequestRow) -> list[Reply]:
    """A press on your own request, or on a day you took already: answered to you alone
    (in your 1:1 chat when pressed in the channel), with what you can do about it."""
    team, today = caller.in_team, ctx.today()
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


async def _decline(caller: Caller, ctx: Context, swap_id: int) -> list[Reply]:
    lang, team, me = caller.lang, caller.in_team, caller.member
    row = await swaps.decline(
        ctx.store, team.id, swap_id, me.id, today=ctx.today(), now=ctx.clock.now()
    )
    requester = await ctx.store.members.get(row.requester_id)
    if requester is not None:
        await tell(
            ctx,
            team,
            requester,
            f"swap-declined:{row.id}",
            "swap_declined",
            "swap_told_declined",
            row.day,
            name=me.name,
            date=row.day.isoformat(),
        )
    done = cards.card([cards.text(t(lang, "swap_declined_card", name=me.name))])
    return [
        Reply(card=done, update=True),
        Reply(t(lang, "swap_declined_ok", day=format_day(lang, row.day))),
    ]


async def _withdraw(caller: Caller, ctx: Context, swap_id: int) -> list[Reply]:
    team, me = caller.in_team, caller.member
    row = await swaps.withdraw(
        ctx.store, team.id, swap_id, me.id, today=ctx.today(), now=ctx.clock.now()
    )
    return [Reply(t(caller.lang, "swap_cancelled", day=format_day(caller.lang, row.day)))]


async def decide(caller: Caller, value: dict[str, Any], ctx: Context) -> list[Reply]:
    """A lead approves or rejects a taken swap."""
    lang, team = caller.lang, caller.in_team
    decided = await swaps.decide(
        ctx.store,
        team.id,
        cards.whole(value, "swap"),
        caller.member.id,
        caller.role,
        value["action"] == "swap.approve",
        today=ctx.today(),
        now=ctx.clock.now(),
    )
    row, taker, requester = decided.request, decided.taker, decided.requester
    if decided.approved:
        await ctx.send(_taken_notice(ctx, team, row, requester, taker))
        for person in (taker, requester):
            await tell(
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
        await tell(
            ctx,
            team,
            taker,
            f"swap-rejected:{row.id}:{taker.id}",
            "swap_rejected",
            "swap_told_rejected",
            row.day,
        )
        if row.target_id is None:  # open to everyone again
            await post_open(ctx, team, row, requester, f"swap:{row.id}:again:{taker.id}")
        done = t(lang, "swap_rejected_card", name=caller.member.name)
    return [Reply(card=cards.card([cards.text(done)]), update=True)]
