"""What the bot sends about swaps on its own: the request's card (to the channel or to the
colleague asked), an absence's post, the leads' approval cards and 1:1 notices."""

from collections.abc import Callable
from datetime import date

from dialogs.context import Context
from dialogs.messages import format_day, t
from dialogs.plain import Reply
from dialogs.swap_cards import absence_card, approval_card, direct_card, open_card
from store.members import leads
from store.models import Member, SwapRequestRow, Team


async def post_request(
    ctx: Context, team: Team, row: SwapRequestRow, requester: Member, target: Member | None
) -> None:
    """A request to everyone goes to the channel; one to a colleague to them, 1:1."""
    if target is None:
        await post_open(ctx, team, row, requester, f"swap:{row.id}")
        return
    await ctx.tell(
        team,
        target,
        f"swap:{row.id}",
        "swap",
        lambda lang: Reply(card=direct_card(lang, row, requester.name)),
    )


async def post_open(
    ctx: Context, team: Team, row: SwapRequestRow, requester: Member, key: str
) -> None:
    card = open_card(ctx.team_settings(team).post_language, row, requester.name)
    await ctx.notify(key, team.id, "swap", f"channel:{team.id}", Reply(card=card))


async def post_absence(
    ctx: Context, team: Team, requester: Member, absence_id: int, rows: list[SwapRequestRow]
) -> None:
    """One post in the channel with a button per day offered."""
    if not rows:
        return
    card = absence_card(
        ctx.team_settings(team).post_language, rows, requester.name, {}, ctx.today()
    )
    await ctx.notify(
        f"swap-absence:{absence_id}", team.id, "swap", f"channel:{team.id}", Reply(card=card)
    )


async def ask_leads(
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


async def tell(
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
    return await ctx.tell(team, member, key, kind, notice(message, day, **values))


def notice(message: str, day: date, **values: str) -> Callable[[str], Reply]:
    """A notice about a duty day, in whichever language it is read in."""
    return lambda lang: Reply(t(lang, message, day=format_day(lang, day), **values))
