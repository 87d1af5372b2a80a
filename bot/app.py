"""The aiohttp app: a factory, and a life cycle that reads top to bottom in cleanup contexts."""

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable
from datetime import datetime, timedelta

from aiohttp import web

from bot import sso
from bot.admission import admit_turns
from bot.config import ConfigError, Settings
from bot.jobs import TEAMS_AT_ONCE
from bot.outbox_sender import OutboxSender
from bot.runner import TurnRunner
from bot.scheduler import start_scheduler
from bot.services import SERVICES, Services
from bot.teams_edge import TeamsEdge
from bot.web import create_web_app
from dialogs import calendar_feed
from dialogs.context import Context
from domain.clock import Clock, SystemClock
from store.db import create_engine, is_reachable, sessions, upgrade

log = logging.getLogger(__name__)


# Services and its key live in bot/services.py (so bot/web.py needs no import of this module);
# they are still importable from here.
__all__ = ["SERVICES", "Services", "create_app"]


def create_app(
    settings: Settings,
    clock: Clock | None = None,
    *,
    migrate: bool | None = None,
    scheduled: bool = True,
) -> web.Application:
    """The bot's web app. `migrate` defaults to True on SQLite (the embedded default);
    tests that move a fake clock run the scheduled jobs themselves (`scheduled=False`)."""
    if not settings.authenticated and not settings.public_url_is_loopback:
        # Behind a reverse proxy the listen address is loopback, yet anyone can reach the bot.
        raise ConfigError(
            f"refusing to serve {settings.public_url} (HOTLINE_PUBLIC_URL) without "
            "MicrosoftAppId/MicrosoftAppPassword: anyone who reaches it could post as any "
            "user and make the bot send wherever they like"
        )
    app = web.Application(client_max_size=256 * 1024)
    app.middlewares.append(admit_turns(settings.max_turns_in_flight))
    app.cleanup_ctx.append(_database_and_bot(settings, clock or SystemClock(), migrate, scheduled))
    app.router.add_post("/api/messages", _messages)
    app.router.add_get("/healthz", _health)
    app.router.add_get("/readyz", _ready)
    app.router.add_get("/ical/{secret}.ics", _calendar)
    sso.add_routes(app, settings, SERVICES)
    app[sso.START_SESSION] = _start_session
    app.add_subapp("/web", create_web_app())
    return app


def database_connections(settings: Settings) -> int:
    """The PostgreSQL connections to keep: the setting, or one for every turn let in at once,
    every parallel send of the outbox, every team the scheduler's tick runs at once, and two
    for web pages and health checks (50 by default)."""
    return settings.database_connections or (
        settings.max_turns_in_flight + settings.outbox_concurrency + TEAMS_AT_ONCE + 2
    )


def _database_and_bot(  # type: ignore[no-untyped-def]
    settings: Settings, clock: Clock, migrate: bool | None, scheduled: bool
):
    async def life(app: web.Application) -> AsyncIterator[None]:
        _log_who_gets_in(settings)
        engine = create_engine(settings.database_url, database_connections(settings))
        if migrate if migrate is not None else settings.database_url.startswith("sqlite"):
            await upgrade(engine)
        factory = sessions(engine)
        runner = TurnRunner(factory, clock, settings)
        edge = TeamsEdge(settings, runner)
        outbox = OutboxSender(
            factory,
            clock,
            edge.deliver,
            settings.outbox_concurrency,
            timedelta(seconds=settings.outbox_lease_seconds),
        )
        runner.on_outbox = outbox.kick
        runner.roster = edge.api.roster_aad_id
        services = Services(settings, clock, engine, factory, runner, edge, outbox)
        services.tasks.append(asyncio.create_task(outbox.run_forever(), name="outbox"))
        app[SERVICES] = services
        scheduler = start_scheduler(services, settings.zone) if scheduled else None
        log.info("ready")
        yield
        # Shutdown, after aiohttp has let the turns in flight finish: no new jobs, the
        # outbox's sends under way complete, then the engine goes.
        if scheduler is not None:
            scheduler.shutdown(wait=False)
        await outbox.drain()
        for task in services.tasks:
            # Cancelled only if it does not end by itself: a task cancelled inside an SQLite
            # transaction could leave the database's write lock with a leaked connection.
            with contextlib.suppress(asyncio.CancelledError, TimeoutError):
                await asyncio.wait_for(task, 10)
        await edge.close()
        await engine.dispose()

    return life


def _log_who_gets_in(settings: Settings) -> None:
    """Said at every start, so a missing credential or allow-list cannot go unnoticed."""
    if not settings.authenticated:
        log.warning(
            "NO AUTHENTICATION: MicrosoftAppId is empty, so /api/messages believes every "
            "request and sends replies to whatever serviceUrl a request names. Only for a "
            "local stand-in on this machine; never expose this server."
        )
    elif settings.links_are_loopback:
        log.warning(
            "calendar links point at %s, which only this machine can open: set "
            "HOTLINE_PUBLIC_URL to the address people reach the bot at",
            settings.link_base,
        )
    tenants = settings.allowed_tenants
    if tenants is None:
        log.warning(
            "Teams activities are accepted from ANY tenant (HOTLINE_TENANTS is %s and "
            "MicrosoftAppTenantId is %s)",
            repr(settings.tenants) if settings.tenants else "not set",
            "set" if settings.app_tenant_id else "not set",
        )
    else:
        log.info("Teams activities are accepted from tenant(s) %s", ", ".join(sorted(tenants)))


async def _messages(request: web.Request) -> web.Response:
    services = request.app[SERVICES]
    try:
        return await services.edge.handle_http(request)
    finally:
        services.memory.turn_done()


async def _calendar(request: web.Request) -> web.Response:
    services = request.app[SERVICES]
    secret = request.match_info["secret"]
    body = await services.runner.run(lambda ctx: calendar_feed.render(ctx, secret))
    if body is None:
        raise web.HTTPNotFound()
    return web.Response(body=body, content_type="text/calendar", charset="utf-8")


def _start_session(ctx: Context, member_id: int, team_id: int, now: datetime) -> Awaitable[str]:
    """A web session for someone the Teams tab signed in (the same sessions as a sign-in link)."""
    return ctx.store.web_sessions.start(member_id, team_id, now)


async def _health(request: web.Request) -> web.Response:
    return web.json_response({"status": "up"})


async def _ready(request: web.Request) -> web.Response:
    if await is_reachable(request.app[SERVICES].engine):
        return web.json_response({"status": "ready"})
    return web.json_response({"status": "database unreachable"}, status=503)
