"""Private calendar feeds (RFC 5545): a member's duties, or the whole team's."""

from datetime import timedelta

from dialogs.commands import Invocation
from dialogs.context import Caller, Context
from dialogs.holder import away_holders, not_taken
from dialogs.markdown import Markup
from dialogs.messages import t, t_plain
from dialogs.plain import Reply
from rules.text import fold

PAST = timedelta(weeks=4)
FUTURE = timedelta(weeks=26)


async def render(ctx: Context, secret: str) -> bytes | None:
    """The feed behind a secret, or None if there is no such live feed: it serves only while
    the team has the bot installed and the person it was given to is still on the team."""
    feed = await ctx.store.feeds.live(secret)
    if feed is None or feed.member_id is None:
        return None
    team = await ctx.store.teams.get(feed.team_id)
    if team is None or not team.active:
        return None
    if await ctx.store.members.membership(team.id, feed.member_id) is None:
        return None
    lang = ctx.team_settings(team).post_language
    today = ctx.today()
    duties = await ctx.store.rota.between(team.id, today - PAST, today + FUTURE)
    names = await ctx.store.members.names(team.id)
    away_days = await away_holders(ctx, team, today - PAST, today + FUTURE)
    from icalendar import Calendar, Event  # for feed requests only, not at start-up

    calendar = Calendar()
    calendar.add("prodid", "-//hotline-bot//fastholdelsestelefonen//DA")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", t(lang, "ical_duty"))
    for day, duty in duties.items():
        if duty.member_id is None or (not feed.team_wide and duty.member_id != feed.member_id):
            continue
        event = Event()
        event.add("uid", f"duty-{team.id}-{day.isoformat()}@hotline-bot")
        event.add("dtstamp", ctx.clock.now())
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        summary = (
            t_plain(lang, "ical_team_duty", name=names.get(duty.member_id, ""))
            if feed.team_wide
            else t_plain(lang, "ical_duty")
        )
        if day in away_days and day >= today:  # an away holder's day is not taken yet
            mine = duty.member_id == feed.member_id
            gone = not_taken(lang, away_days[day], you=mine, say=t_plain)
            summary = t_plain(lang, "ical_duty_away", not_taken=gone)
        event.add("summary", summary)
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    ical: bytes = calendar.to_ical()
    return ical


async def my_calendar(caller: Caller, inv: Invocation, ctx: Context) -> list[Reply]:
    return await _link(caller, ctx, renew=False, team_wide=False)


async def new_calendar(caller: Caller, inv: Invocation, ctx: Context) -> list[Reply]:
    return await _link(caller, ctx, renew=True, team_wide=False)


async def team_calendar(caller: Caller, inv: Invocation, ctx: Context) -> list[Reply]:
    """The whole team's rota; `teamkalender ny` replaces the caller's link. Each member has a
    link of their own, so renewing one breaks no colleague's calendar, and a link stops when
    its holder leaves the team."""
    renew = fold(inv.args) in ("ny", "new")
    return await _link(caller, ctx, renew=renew, team_wide=True)


async def _link(caller: Caller, ctx: Context, *, renew: bool, team_wide: bool) -> list[Reply]:
    if caller.request.scope != "personal":
        return [Reply(t(caller.lang, "personal_only"))]
    team = caller.in_team
    secret = await ctx.store.feeds.secret_for(
        team.id, caller.member.id, ctx.clock.now(), team_wide=team_wide, renew=renew
    )
    url = f"{ctx.settings.link_base}/ical/{secret}.ics"
    key = "team_calendar_link" if team_wide else "calendar_link"
    return [Reply(t(caller.lang, key, url=Markup(url), team=team.name))]
