"""A data subject's request, for whoever answers it (today the CLI): what is kept about an
employee the hotline was called about, or about a staff member, and erasing an employee's
personal data from the cases. Every run is audited with the operator, never the name."""

from typing import Any

from dialogs.context import Context
from store.models import Case
from store.privacy import case_record


async def employee_cases(ctx: Context, employee: str, team_id: int | None) -> list[Case]:
    return await ctx.store.privacy.employee_cases(employee, team_id)


async def export_employee(
    ctx: Context, employee: str, team_id: int | None, operator: str
) -> dict[str, Any]:
    """Every case about the employee, all its fields, its history and the bot's messages."""
    cases = await employee_cases(ctx, employee, team_id)
    teams = {t.id: t.name for t in await ctx.store.teams.all_active()}
    records = []
    for case in cases:
        names = await ctx.store.members.names(case.team_id)
        record = case_record(case, teams.get(case.team_id, ""), names)
        record["history"] = [
            {"at": e.at.isoformat(), "action": e.action, "by": names.get(e.actor_id or 0)}
            for e in await ctx.store.privacy.history(case)
        ]
        record["messages"] = [
            {"kind": m.kind, "status": m.status, "created_at": m.created_at.isoformat()}
            for m in await ctx.store.privacy.outbox_copies(case)
        ]
        records.append(record)
    _audit(ctx, "privacy_export", operator, cases)
    return {"employee": employee, "cases": records}


async def export_member(ctx: Context, email: str, operator: str) -> dict[str, Any] | None:
    """A staff member's own data, or None if no member has that email."""
    found = await ctx.store.privacy.member_data(email)
    if found is not None:
        subject = f"member:{found['member']['id']}"
        now = ctx.clock.now()
        ctx.store.audit.record(
            None, None, "privacy_export", subject, now, None, {"operator": operator}
        )
    return found


async def erase_employee(ctx: Context, cases: list[Case], operator: str) -> int:
    """Wipe the cases' personal fields (the figures stay) and the bot's messages about them;
    how many messages went."""
    copies = await ctx.store.privacy.erase_cases(cases)
    _audit(ctx, "privacy_erase", operator, cases)
    return copies


def _audit(ctx: Context, action: str, operator: str, cases: list[Case]) -> None:
    """One entry per case touched, and one for the request: never the person's name, which
    the request may be about to erase."""
    now = ctx.clock.now()
    for case in cases:
        ctx.store.audit.record(
            case.team_id, None, action, f"case:{case.id}", now, None, {"operator": operator}
        )
    ctx.store.audit.record(
        None, None, action, "data_subject", now, None, {"operator": operator, "cases": len(cases)}
    )
