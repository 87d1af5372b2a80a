"""The connector stand-in as its own process, so the bots under test do not share its CPU.

python -m bench.connector --port 3990
"""

import argparse

from aiohttp import web

from tests.e2e.connector import Connector


def app() -> web.Application:
    connector = Connector()
    application = connector.app()

    async def counts(request: web.Request) -> web.Response:
        return web.json_response({"sent": len(connector.sent)})

    application.router.add_get("/counts", counts)
    return application


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    web.run_app(app(), host="127.0.0.1", port=args.port, print=None)


if __name__ == "__main__":
    main()
