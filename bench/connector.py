"""The connector stand-in as its own process, so the bots under test do not share its CPU.

python -m bench.connector --port 3990 [--throttle 0.2]

With --throttle, that share of the bot's posts to channels (the morning announcements, sent
by the outbox) is answered 429 with Retry-After: 1, as Teams does under load; replies in a
personal chat are not throttled (the bot sends them within the turn and does not retry them).
"""

import argparse
from collections import Counter

from aiohttp import web

from dialogs.messages import MESSAGES
from tests.e2e.connector import Connector, Sent

# How the error apology begins, in each language (before its first placeholder).
APOLOGIES = tuple(text.split("{", 1)[0] for text in MESSAGES["error_apology"])


class ChannelThrottled(Connector):
    """Throttles only what is sent outside a turn: new channel posts. Counts what it is sent
    instead of keeping it: hundreds of thousands of kept cards made each of its full garbage
    collections stop it for 140-500 ms, and every turn waiting on it then counted that as the
    bot's latency."""

    throttled: int = 0
    received: int = 0
    apologies: int = 0  # a turn that failed inside is answered too: with the error apology

    def _record(self, sent: Sent) -> None:
        self.received += 1
        self.apologies += sent.text.startswith(APOLOGIES)
        self._changed.set()

    def _fail(self) -> web.Response | None:
        failed = super()._fail()
        self.throttled += failed is not None and failed.status == 429
        return failed

    async def _post(self, request: web.Request) -> web.Response:
        activity_id = f"act{next(self._ids)}"
        self._record(Sent(request.match_info["cid"], await request.json(), "POST", activity_id))
        return web.json_response({"id": activity_id}, status=201)


def app(throttle: float = 0.0) -> web.Application:
    connector = ChannelThrottled(throttle=throttle)
    application = connector.app()

    async def counts(request: web.Request) -> web.Response:
        prefix = request.query.get("channels", "")
        posts = Counter(
            channel
            for body in connector.created
            if (channel := ((body.get("channelData") or {}).get("channel") or {}).get("id"))
            and channel.startswith(prefix)
        )
        return web.json_response(
            {
                "sent": connector.received,
                "apologies": connector.apologies,
                "channels_posted": len(posts),
                "duplicate_posts": sum(n - 1 for n in posts.values()),
                "throttled": connector.throttled,
                "max_in_flight": connector.max_in_flight,
            }
        )

    async def roster(request: web.Request) -> web.Response:
        """The team's roster, as Teams would answer for it: the harness gives the seeded team's,
        so the bot's nightly roster sync (02:30) keeps its people instead of emptying the team."""
        connector.roster[request.match_info["team"]] = list(await request.json())
        return web.Response(status=204)

    application.router.add_get("/counts", counts)
    application.router.add_put("/roster/{team}", roster)
    return application


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--throttle", type=float, default=0.0)
    args = parser.parse_args()
    web.run_app(app(args.throttle), host="127.0.0.1", port=args.port, print=None)


if __name__ == "__main__":
    main()
