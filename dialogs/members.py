"""People and roles: list members, set roles, rota membership, working days; join codes."""

from dialogs.commands import Invocation
from dialogs.context import ROLES, Caller, Context
from dialogs.messages import t, weekday_names
from dialogs.plain import Reply
from dialogs.targets import target_and_rest
from rules import weekdays
from rules.text import fold

ROLE_WORDS = {
    "leder": "lead",
    "teamleder": "lead",
    "lead": "lead",
    "leader": "lead",
    "sagsbehandler": "caseworker",
    "caseworker": "caseworker",
    "omstilling": "switchboard",
    "switchboard": "switchboard",
}


async def list_members(caller: Caller, inv: Invocation, ctx: Context) -> list[Reply]:
    assert caller.team is not None
    lang = caller.lang
    people = await ctx.store.members.of_team(caller.team.id)
    if not people:
        return [Reply(t(lang, "members_none"))]
    names = weekday_names(lang)
    lines = [f"**{t(lang, 'members_title', team=caller.team.name)}**", ""]
    for member, ms in people:
        parts = [t(lang, f"role.{ms.role}")]
        if ms.role != "switchboard":
            parts.append(t(lang, "members_on_rota" if ms.on_rota else "members_off_rota"))
            parts.append(weekdays.format_weekdays(weekdays.decode(ms.workdays), names))
        if not ms.in_roster and ms.role != "switchboard":
            parts.append(t(lang, "members_left"))
        lines.append(f"- {member.name}: {', '.join(parts)}")
    return [Reply("\n".join(lines))]


async def set_role(caller: Caller, inv: Invocation, ctx: Context) -> list[Reply]:
    assert caller.team is not None
    lang = caller.lang
    found = await target_and_rest(caller, ctx, inv, "role", 1)
    if isinstance(found, list):
        return found
    member, rest = found
    role = ROLE_WORDS.get(fold(rest))
    if role not in ROLES:
        return [Reply(t(lang, "role_unknown", example=inv.example))]
    ms = await ctx.store.members.membership(caller.team.id, member.id)
    assert ms is not None
    if ms.role == "lead" and role != "lead":
        people = await ctx.store.members.of_team(caller.team.id)
        if sum(1 for _, other in people if other.role == "lead") == 1:
            return [Reply(t(lang, "last_lead", name=member.name))]
    before = ms.role
    ms.role = role
    if role == "switchboard":
        ms.on_rota = False
    ctx.store.audit.record(
        caller.team.id,
        caller.member.id,
        "role",
        f"member:{member.id}",
        ctx.clock.now(),
        {"role": before},
        {"role": role},
    )
    return [Reply(t(lang, "role_set", name=member.name, role=t(lang, f"role.{role}")))]


async def put_on_rota(caller: Caller, inv: Invocation, ctx: Context) -> list[Reply]:
    return await _set_rota(caller, inv, ctx, True)


async def take_off_rota(caller: Caller, inv: Invocation, ctx: Context) -> list[Reply]:
    return await _set_rota(caller, inv, ctx, False)


async def _set_rota(caller: Caller, inv: Invocation, ctx: Context, on: bool) -> list[Reply]:
    assert caller.team is not None
    lang = caller.lang
    found = await target_and_rest(caller, ctx, inv, "on_rota" if on else "off_rota", 0)
    if isinstance(found, list):
        return found
    member, _ = found
    ms = await ctx.store.members.membership(caller.team.id, member.id)
    assert ms is not None
    if on and ms.role == "switchboard":
        return [Reply(t(lang, "rota_not_switchboard", name=member.name))]
    if ms.on_rota != on:
        ms.on_rota = on
        ctx.store.audit.record(
            caller.team.id,
            caller.member.id,
            "rota_membership",
            f"member:{member.id}",
            ctx.clock.now(),
            {"on_rota": not on},
            {"on_rota": on},
        )
    return [Reply(t(lang, "rota_on" if on else "rota_off", name=member.name))]


async def set_workdays(caller: Caller, inv: Invocation, ctx: Context) -> list[Reply]:
    assert caller.team is not None
    lang = caller.lang
    found = await target_and_rest(caller, ctx, inv, "workdays", 1)
    if isinstance(found, list):
        return found
    member, rest = found
    try:
        days = weekdays.parse_weekdays(rest)
    except weekdays.BadWeekdays:
        return [Reply(t(lang, "workdays_bad"))]
    ms = await ctx.store.members.membership(caller.team.id, member.id)
    assert ms is not None
    before, ms.workdays = ms.workdays, weekdays.encode(days)
    ctx.store.audit.record(
        caller.team.id,
        caller.member.id,
        "workdays",
        f"member:{member.id}",
        ctx.clock.now(),
        {"workdays": before},
        {"workdays": ms.workdays},
    )
    shown = weekdays.format_weekdays(days, weekday_names(lang))
    return [Reply(t(lang, "workdays_set", name=member.name, days=shown))]


async def make_code(caller: Caller, inv: Invocation, ctx: Context) -> list[Reply]:
    assert caller.team is not None
    lang = caller.lang
    role = ROLE_WORDS.get(fold(inv.args))
    if role != "switchboard":
        return [Reply(t(lang, "code_usage"))]
    now = ctx.clock.now()
    code = await ctx.store.join_codes.create(caller.team.id, role, caller.member.id, now)
    ctx.store.audit.record(caller.team.id, caller.member.id, "join_code", "team", now)
    return [Reply(t(lang, "code_created", code=code, days=7))]


async def join(caller: Caller, inv: Invocation, ctx: Context) -> list[Reply]:
    lang = caller.lang
    code = inv.args.strip()
    if not code:
        return [Reply(t(lang, "join_usage"))]
    now = ctx.clock.now()
    used = await ctx.store.join_codes.redeem(code, caller.member.id, now)
    team = await ctx.store.teams.get(used.team_id) if used else None
    if used is None or team is None:
        return [Reply(t(lang, "join_bad"))]
    await ctx.store.members.join(team, caller.member, used.role, now, in_roster=False)
    caller.member.active_team_id = team.id
    ctx.store.audit.record(
        team.id,
        caller.member.id,
        "joined",
        f"member:{caller.member.id}",
        now,
        None,
        {"role": used.role},
    )
    return [Reply(t(lang, "join_ok", team=team.name, role=t(lang, f"role.{used.role}")))]
