"""Open cases nobody closes: told 1:1 to the owner and the team's leads once a case has gone
`stale_case_days` without a change, and to the leads as soon as its owner left the team
(domain/case_reminders.py decides who and when). Once per case and change (or per case and
departed owner): the outbox key sees to it."""

from collections.abc import Callable
from datetime import date, timedelta

from dialogs.context import Context
from dialogs.messages import format_day, t
from dialogs.plain import Reply
from domain.case_reminders import unattended
from store.models import Member, Membership, Team


def _orphaned(number: int, owner: str) -> Callable[[str], Reply]:
    return lambda lang: Reply(t(lang, "case_orphaned", number=number, owner=owner))


def _stale(number: int, owner: str, since: date) -> Callable[[str], Reply]:
    return lambda lang: Reply(
        t(lang, "case_stale", number=number, owner=owner, day=format_day(lang, since))
    )


async def tick_stale_cases(
    ctx: Context, team: Team, team_members: list[tuple[Member, Membership]]
) -> int:
    before = ctx.clock.now() - timedelta(days=ctx.settings.stale_case_days)
    queued = 0
    for notice in await unattended(ctx.store, team.id, team_members, before):
        number, owner = notice.case.number, notice.owner
        if notice.kind == "orphaned":
            kind, reply = "case_orphan", _orphaned(number, owner)
        else:
            since = notice.last_change.astimezone(ctx.settings.zone).date()
            kind, reply = "case_stale", _stale(number, owner, since)
        queued += await ctx.tell(team, notice.to, notice.key, kind, reply)
    return queued
