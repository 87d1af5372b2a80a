"""APScheduler inside the server. Jobs are kept in memory on purpose (APScheduler forbids
sharing a job store between schedulers); the database makes a double run harmless."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger

from bot import jobs

NIGHTLY = time(2, 30)  # local time of the roster sync, rota extension and retention purge


def start_scheduler(services: jobs.JobServices, zone: ZoneInfo) -> AsyncIOScheduler:
    scheduler = AsyncIOScheduler(timezone=zone)
    # Every minute, and once right away: a server that starts at 09:30 still posts the
    # morning announcement (until the team's latest time).
    scheduler.add_job(
        jobs.tick,
        CronTrigger(minute="*", timezone=zone),
        args=[services],
        id="tick",
        replace_existing=True,
        coalesce=True,
        max_instances=1,
        next_run_time=datetime.now(zone),
    )
    scheduler.add_job(
        jobs.nightly,
        CronTrigger(hour=NIGHTLY.hour, minute=NIGHTLY.minute, timezone=zone),
        args=[services],
        id="nightly",
        replace_existing=True,
        coalesce=True,
        misfire_grace_time=3600,
    )
    scheduler.start()
    return scheduler
