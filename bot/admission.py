"""Overload protection: at most `limit` turns in flight; any more are refused at once with
503 and Retry-After. Teams retries a 503, while a turn queued behind hundreds of others is one
it gives up on after 15 s, after the bot has done the work. Only /api/messages is bounded:
the web pages and the health checks stay answerable under load."""

from aiohttp import web
from aiohttp.typedefs import Handler, Middleware

TURNS = "/api/messages"
RETRY_AFTER_SECONDS = 1


def admit_turns(limit: int) -> Middleware:
    in_flight = 0

    @web.middleware
    async def admit(request: web.Request, handler: Handler) -> web.StreamResponse:
        nonlocal in_flight
        if request.path != TURNS:
            return await handler(request)
        if in_flight >= limit:
            return web.json_response(
                {"error": "busy"},
                status=503,
                headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
            )
        in_flight += 1
        try:
            return await handler(request)
        finally:
            in_flight -= 1

    return admit
