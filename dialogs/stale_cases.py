"""Open cases nobody closes: told 1:1 to the owner and the team's leads once a case has gone
`stale_case_days` without a change, and to the leads as soon as its owner left the team.
Once per case and change (or per case and departed owner): the outbox key sees to it."""

from collections.abc import Callable
from datetime import date, timedelta

from dialogs.context import Context
from dialogs.messages import format_day, t
from dialogs.plain import Reply
from store.members import is_staff, leads
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
    members = {m.id: (m, ms) for m, ms in team_members}
    told_leads = leads(team_members)
    before = ctx.clock.now() - timedelta(days=ctx.settings.stale_case_days)
    zone = ctx.settings.zone
    queued = 0
    for open_case in await ctx.store.retention.open_cases(team.id):
        case, last = open_case.case, open_case.last_change
        owner, owner_ms = members.get(case.owner_id or 0, (None, None))
        if owner is None and case.owner_id is not None:
            owner = await ctx.store.members.get(case.owner_id)  # no membership here any more
        owner_name = owner.name if owner else ""
        if case.owner_id is not None and (owner_ms is None or not is_staff(owner_ms)):
            for lead in told_leads:
                queued += await ctx.tell(
                    team,
                    lead,
                    f"case-orphan:{case.id}:{lead.id}:{case.owner_id}",
                    "case_orphan",
                    _orphaned(case.number, owner_name),
                )
        if last >= before:
            continue
        told = [owner] if owner is not None and owner_ms is not None and is_staff(owner_ms) else []
        since = last.astimezone(zone).date()
        for person in {m.id: m for m in [*told, *told_leads]}.values():
            queued += await ctx.tell(
                team,
                person,
                f"case-stale:{case.id}:{person.id}:{last.isoformat()}",
                "case_stale",
                _stale(case.number, owner_name, since),
            )
    return queued
