"""APScheduler inside the server. Jobs are kept in memory on purpose (APScheduler forbids
sharing a job store between schedulers); the database makes a double run harmless."""

from typing import TYPE_CHECKING

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger

from bot import jobs

if TYPE_CHECKING:
    from bot.app import Services


def start_scheduler(services: "Services") -> AsyncIOScheduler:
    zone = services.settings.zone
    scheduler = AsyncIOScheduler(timezone=zone)
    scheduler.add_job(
        jobs.sync_rosters,
        CronTrigger(hour=2, minute=30, timezone=zone),
        args=[services],
        id="sync_rosters",
        replace_existing=True,
        coalesce=True,
        misfire_grace_time=3600,
    )
    scheduler.start()
    return scheduler
