"""A team's periodic work, asked every minute by the scheduler's tick: the morning
announcement, the switchboard briefings, stale cases, the heads-up, swap reminders and expiry,
case reminders and the weekly report — each a named step that says whether it is due at this
minute and queues its messages (through the outbox, keyed, so a second run queues nothing).

The steps' work lives with its concern (announcements, switchboard, cases, swaps, stats);
this module only decides when each runs, in a fixed order.
"""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date

from dialogs.announcements import queue_headsup, queue_morning
from dialogs.cases import tick_cases
from dialogs.context import Context, TeamSettings
from dialogs.stale_cases import tick_stale_cases
from dialogs.stats import queue_weekly_report
from dialogs.swaps import tick_swaps
from dialogs.switchboard import queue_briefings
from store.models import Member, Membership, Team


@dataclass(frozen=True)
class Minute:
    """One team at one minute of one of its working days."""

    team: Team
    settings: TeamSettings
    today: date
    clock: str  # the team's local time, HH:MM (compared with the settings' times as text)
    members: list[tuple[Member, Membership]]  # read once for the steps

    @property
    def announcing(self) -> bool:
        """Within the morning's window: a server that starts late still announces the day."""
        return self.settings.announce_time <= self.clock < self.settings.latest_announce_time

    @property
    def after_announcement(self) -> bool:
        return self.clock >= self.settings.announce_time


async def morning_announcement(ctx: Context, m: Minute) -> bool:
    return m.announcing and await queue_morning(ctx, m.team, m.today)


async def switchboard_briefings(ctx: Context, m: Minute) -> bool:
    return m.announcing and await queue_briefings(ctx, m.team, m.members) > 0


async def stale_case_reminders(ctx: Context, m: Minute) -> bool:
    # Once a day is enough to notice a case that has waited for weeks.
    return m.announcing and await tick_stale_cases(ctx, m.team, m.members) > 0


async def headsup(ctx: Context, m: Minute) -> bool:
    return m.clock >= m.settings.headsup_time and await queue_headsup(ctx, m.team, m.today)


async def swap_reminders_and_expiry(ctx: Context, m: Minute) -> bool:
    return m.after_announcement and await tick_swaps(ctx, m.team, m.members) > 0


async def case_reminders(ctx: Context, m: Minute) -> bool:
    return m.after_announcement and await tick_cases(ctx, m.team, m.members) > 0


async def weekly_report(ctx: Context, m: Minute) -> bool:
    return (
        m.today.weekday() == m.settings.report_weekday
        and m.clock >= m.settings.report_time
        and await queue_weekly_report(ctx, m.team)
    )


Step = Callable[[Context, Minute], Awaitable[bool]]

# In this order; the names are what `tick_team` reports (and the tests and logs read).
STEPS: tuple[tuple[str, Step], ...] = (
    ("announce", morning_announcement),
    ("briefing", switchboard_briefings),
    ("stale_cases", stale_case_reminders),
    ("headsup", headsup),
    ("swaps", swap_reminders_and_expiry),
    ("cases", case_reminders),
    ("report", weekly_report),
)


async def tick_team(ctx: Context, team_id: int) -> list[str]:
    """Whatever is due for one team at this minute; the names of the steps that queued."""
    team = await ctx.store.teams.get(team_id)
    if team is None or not team.active:
        return []
    settings = ctx.team_settings(team)
    now = ctx.local_now()
    if not settings.calendar.is_working_day(now.date()):
        return []
    members = await ctx.store.members.of_team(team.id)
    minute = Minute(team, settings, now.date(), now.strftime("%H:%M"), members)
    return [name for name, step in STEPS if await step(ctx, minute)]
