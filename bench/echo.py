"""The reference: a stock botbuilder 4.17 echo bot, as Microsoft's samples write it.

python -m bench.echo --port 3979

Nothing of the hotline bot is imported (in particular not its msrest fix): this is what the
framework does on its own, on the same machine, against the same connector stand-in.
"""

import argparse
from types import SimpleNamespace

from aiohttp import web
from botbuilder.core import ActivityHandler, MessageFactory, TurnContext
from botbuilder.integration.aiohttp import CloudAdapter, ConfigurationBotFrameworkAuthentication
from botbuilder.schema import Activity


class EchoBot(ActivityHandler):
    async def on_message_activity(self, turn_context: TurnContext) -> None:
        text = turn_context.activity.text or str(turn_context.activity.value or "")
        await turn_context.send_activity(MessageFactory.text(f"Echo: {text}"))


def app() -> web.Application:
    config = SimpleNamespace(APP_ID="", APP_PASSWORD="", APP_TYPE="MultiTenant", APP_TENANTID="")
    adapter = CloudAdapter(ConfigurationBotFrameworkAuthentication(config))
    bot = EchoBot()

    async def messages(request: web.Request) -> web.Response:
        activity = Activity().deserialize(await request.json())
        auth = request.headers.get("Authorization", "")
        response = await adapter.process_activity(auth, activity, bot.on_turn)
        if response:
            return web.json_response(data=response.body, status=response.status)
        return web.Response(status=201)

    application = web.Application()
    application.router.add_post("/api/messages", messages)
    application.router.add_get("/healthz", lambda _: _ok())
    return application


async def _ok() -> web.Response:
    return web.json_response({"status": "up"})


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=3979)
    args = parser.parse_args()
    web.run_app(app(), host="127.0.0.1", port=args.port, print=None)


if __name__ == "__main__":
    main()
