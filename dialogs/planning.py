"""The rota's planning for dialogs and jobs: the domain's functions (domain/rota.py) with the
team's calendar and horizon taken from the context."""

from datetime import date

from dialogs.context import Context
from domain import rota
from domain.rota import Change, Days
from domain.rota import headsup_key as headsup_key
from domain.rota import morning_key as morning_key
from store.models import Member, Membership, Team


def days_of(ctx: Context, team: Team) -> Days:
    """The team's calendar, today and its rota's horizon, as the domain takes them."""
    settings = ctx.team_settings(team)
    return Days(settings.calendar, ctx.today(), ctx.clock.now(), settings.rota_weeks)


async def rota_members(ctx: Context, team: Team) -> list[tuple[Member, Membership]]:
    return await rota.rota_members(ctx.store, team.id)


async def absent_days(
    ctx: Context, team: Team, first: date, last: date
) -> dict[int, frozenset[date]]:
    return await rota.absent_days(ctx.store, team.id, first, last)


async def plan(
    ctx: Context,
    team: Team,
    first: date,
    last: date,
    *,
    replan_from: date | None = None,
    actor_id: int | None = None,
) -> list[Change]:
    days = days_of(ctx, team)
    return await rota.plan(
        ctx.store, team.id, days, first, last, replan_from=replan_from, actor_id=actor_id
    )


def horizon(ctx: Context, team: Team) -> date:
    return days_of(ctx, team).horizon


async def able_to_hold(
    ctx: Context, team: Team, day: date, members: list[tuple[Member, Membership]]
) -> list[Member]:
    return await rota.able_to_hold(ctx.store, team.id, day, members)


async def available_cover(
    ctx: Context, team: Team, day: date, exclude: int | None = None
) -> Member | None:
    return await rota.available_cover(ctx.store, team.id, day, exclude)
