"""The daily swap round: reminders, escalation to the leads, expiry for the record."""

from dialogs.context import Context
from dialogs.planning import able_to_hold
from dialogs.swap_posts import tell
from domain.swaps import log_expired
from rules.swaps import escalation_due, reminder_due
from store.members import leads
from store.models import Member, Membership, Team


async def tick_swaps(ctx: Context, team: Team, members: list[tuple[Member, Membership]]) -> int:
    """Reminders (7, 3 and 1 working days before), escalation the working day before, and
    expiry for the record. Each at most once a day, through the outbox key."""
    today, calendar = ctx.today(), ctx.team_settings(team).calendar
    now = ctx.clock.now()
    queued = 0
    await log_expired(ctx.store, team.id, today, now)
    names = {m.id: m.name for m, _ in members}
    for row in await ctx.store.swaps.open_for_team(team.id, today):
        requester = names.get(row.requester_id, "")
        if row.target_id is None and reminder_due(row.day, today, calendar):
            able = {m.id for m in await able_to_hold(ctx, team, row.day, members)}
            for member, _ in members:
                if member.id != row.requester_id and member.id in able:
                    queued += await tell(
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
                if await tell(
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
