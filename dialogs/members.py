"""People and roles: list members, set roles, rota membership, working days; join codes."""

from datetime import datetime

from dialogs.commands import Invocation
from dialogs.context import Caller, Context
from dialogs.markdown import escape
from dialogs.messages import t, weekday_names
from dialogs.plain import Reply
from dialogs.planning import days_of
from dialogs.targets import target_and_rest
from domain import members
from domain.members import ROLES
from rules import lockout, weekdays
from rules.text import fold
from store.members import is_active, leads
from store.models import Member

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
    team, lang = caller.in_team, caller.lang
    people = await ctx.store.members.of_team(team.id)
    if not people:
        return [Reply(t(lang, "members_none"))]
    names = weekday_names(lang)
    lines = [f"**{t(lang, 'members_title', team=team.name)}**", ""]
    for member, ms in people:
        parts = [t(lang, f"role.{ms.role}")]
        if ms.role != "switchboard":
            parts.append(t(lang, "members_on_rota" if ms.on_rota else "members_off_rota"))
            parts.append(weekdays.format_weekdays(weekdays.decode(ms.workdays), names))
        if not is_active(ms):
            parts.append(t(lang, "members_left"))
        lines.append(f"- {escape(member.name)}: {', '.join(parts)}")
    return [Reply("\n".join(lines))]


async def set_role(caller: Caller, inv: Invocation, ctx: Context) -> list[Reply]:
    team, lang = caller.in_team, caller.lang
    found = await target_and_rest(caller, ctx, inv, "role", 1)
    member, rest = found
    role = ROLE_WORDS.get(fold(rest))
    if role not in ROLES:
        return [Reply(t(lang, "role_unknown", example=inv.example))]
    await members.set_role(ctx.store, team.id, member, role, caller.member.id, days_of(ctx, team))
    return [Reply(t(lang, "role_set", name=member.name, role=t(lang, f"role.{role}")))]


async def put_on_rota(caller: Caller, inv: Invocation, ctx: Context) -> list[Reply]:
    return await _set_rota(caller, inv, ctx, True)


async def take_off_rota(caller: Caller, inv: Invocation, ctx: Context) -> list[Reply]:
    return await _set_rota(caller, inv, ctx, False)


async def _set_rota(caller: Caller, inv: Invocation, ctx: Context, on: bool) -> list[Reply]:
    team = caller.in_team
    found = await target_and_rest(caller, ctx, inv, "on_rota" if on else "off_rota", 0)
    member, _ = found
    await members.set_on_rota(ctx.store, team.id, member, on, caller.member.id, days_of(ctx, team))
    return [Reply(t(caller.lang, "rota_on" if on else "rota_off", name=member.name))]


async def set_workdays(caller: Caller, inv: Invocation, ctx: Context) -> list[Reply]:
    team = caller.in_team
    found = await target_and_rest(caller, ctx, inv, "workdays", 1)
    member, rest = found
    try:
        days = weekdays.parse_weekdays(rest)
    except weekdays.BadWeekdays:
        return [Reply(t(caller.lang, "workdays_bad"))]
    await members.set_workdays(
        ctx.store, team.id, member, days, caller.member.id, days_of(ctx, team)
    )
    shown = weekdays.format_weekdays(days, weekday_names(caller.lang))
    return [Reply(t(caller.lang, "workdays_set", name=member.name, days=shown))]


async def make_code(caller: Caller, inv: Invocation, ctx: Context) -> list[Reply]:
    team, lang = caller.in_team, caller.lang
    role = ROLE_WORDS.get(fold(inv.args))
    if role != "switchboard":
        return [Reply(t(lang, "code_usage"))]
    now = ctx.clock.now()
    code = await ctx.store.join_codes.create(team.id, role, caller.member.id, now)
    ctx.store.audit.record(team.id, caller.member.id, "join_code", "team", now)
    return [Reply(t(lang, "code_created", code=code, days=7))]


async def join(caller: Caller, inv: Invocation, ctx: Context) -> list[Reply]:
    lang = caller.lang
    code = inv.args.strip()
    if not code:
        return [Reply(t(lang, "join_usage"))]
    now, me, codes = ctx.clock.now(), caller.member, ctx.store.join_codes
    # Enough history to see a lock that is still running: 5 failures, then 15 minutes.
    since = now - lockout.WINDOW - lockout.LOCKED_FOR
    until = lockout.locked_until(await codes.failures(me.id, since), now)
    if until is not None:
        return [Reply(t(lang, "join_locked", time=_clock(ctx, until)))]
    used = await codes.redeem(code, me.tenant_id, me.id, now)
    team = await ctx.store.teams.get(used.team_id) if used else None
    if used is None or team is None:
        await codes.record_failure(code, me.tenant_id, me.id, now)
        until = lockout.locked_until(await codes.failures(me.id, since), now)
        if until is None:
            return [Reply(t(lang, "join_bad"))]
        await _tell_leads_of_lockout(ctx, me, since, until)
        return [Reply(t(lang, "join_locked", time=_clock(ctx, until)))]
    await ctx.store.members.join(
        team, caller.member, used.role, now, in_roster=False, via_code=True
    )
    ctx.store.members.set_active_team(caller.member, team.id)
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


def _clock(ctx: Context, moment: datetime) -> str:
    return moment.astimezone(ctx.settings.zone).strftime("%H:%M")


async def _tell_leads_of_lockout(
    ctx: Context, who: Member, since: datetime, until: datetime
) -> None:
    """A wrong code names no team, so the leads told are those of the tenant's teams with a live
    code (the codes being guessed at) and of teams whose old codes the person tried."""
    now = ctx.clock.now()
    for team_id in await ctx.store.join_codes.teams_guessed_at(who.tenant_id, who.id, since, now):
        team = await ctx.store.teams.get(team_id)
        if team is None:
            continue
        for lead in leads(await ctx.store.members.of_team(team_id)):
            await ctx.tell(
                team,
                lead,
                f"join-locked:{team_id}:{lead.id}:{who.id}:{now.isoformat()}",
                "join_locked",
                lambda lang: Reply(
                    t(
                        lang,
                        "join_locked_lead",
                        name=who.name,
                        count=lockout.MAX_FAILURES,
                        time=_clock(ctx, until),
                    )
                ),
            )
