"""With MicrosoftAppId set, only a valid Bot Framework token gets in. Offline: the OpenID
metadata points at a local stand-in that serves test keys."""

import json
import threading
import time
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm
from sqlalchemy import func, select

from store.db import unit_of_work
from store.models import ConversationRef, Member
from tests.e2e.people import ANNE
from tests.e2e.teams import Teams, free_port, running_connector, teams_session

APP_ID = "6f1e2d3c-4b5a-4968-8776-655443322110"
ISSUER = "https://api.botframework.com"


class Keys:
    def __init__(self) -> None:
        self.private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = uuid.uuid4().hex

    def jwk(self) -> dict[str, Any]:
        key = json.loads(RSAAlgorithm.to_jwk(self.private.public_key()))
        return {**key, "kid": self.kid, "use": "sig", "endorsements": ["msteams"]}

    def token(self, **claims: Any) -> str:
        now = int(time.time())
        payload = {"iss": ISSUER, "aud": APP_ID, "nbf": now - 10, "exp": now + 600, **claims}
        return jwt.encode(payload, self.private, algorithm="RS256", headers={"kid": self.kid})


@pytest.fixture(scope="module")
def trusted() -> Keys:
    return Keys()


@pytest.fixture(scope="module")
def openid(trusted: Keys) -> Iterator[str]:
    """Bot Framework's key endpoint, locally. In a thread: botbuilder fetches it with
    blocking `requests`, which would wait forever on a stand-in in the bot's own loop."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = (
                {"jwks_uri": f"{base}/keys", "issuer": ISSUER}
                if "openid" in self.path
                else {"keys": [trusted.jwk()]}
            )
            data = json.dumps(body).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"{base}/.well-known/openid-configuration"
    server.shutdown()


def secured(database: str, metadata: str) -> Any:
    return teams_session(
        database,
        app_id=APP_ID,
        app_password="not-used-offline",
        app_tenant_id="tenant-1",
        openid_metadata_url=metadata,
    )


def typing(teams: Teams) -> dict[str, Any]:
    """An activity the bot accepts without answering, so no outgoing token is needed."""
    return {**teams.personal(ANNE, ""), "type": "typing"}


async def test_valid_and_invalid_tokens(sqlite_url: str, openid: str, trusted: Keys) -> None:
    other = Keys()
    async with secured(sqlite_url, openid) as teams:
        url = teams.connector.url
        cases = {
            "valid": (f"Bearer {trusted.token(serviceurl=url)}", 201),
            "none": (None, 401),
            "not a jwt": ("Bearer not-a-token", 401),
            "wrong audience": (f"Bearer {trusted.token(serviceurl=url, aud='someone-else')}", 401),
            "expired": (
                f"Bearer {trusted.token(serviceurl=url, exp=int(time.time()) - 3600)}",
                401,
            ),
            "other key": (f"Bearer {other.token(serviceurl=url)}", 401),
            "wrong issuer": (f"Bearer {trusted.token(serviceurl=url, iss='https://evil')}", 401),
            "other service url": (f"Bearer {trusted.token(serviceurl='http://evil/')}", 401),
        }
        for name, (header, expected) in cases.items():
            headers = {"Authorization": header} if header else {}
            assert await teams.post(typing(teams), headers) == expected, name
        async with teams.http.get(teams.bot_url + "/healthz") as response:
            assert response.status == 200
        assert await teams.post(typing(teams), {"Authorization": cases["valid"][0]}) == 201


async def test_an_unreachable_key_endpoint_is_401_not_500(sqlite_url: str, trusted: Keys) -> None:
    nowhere = f"http://127.0.0.1:{free_port()}/.well-known/openid-configuration"
    async with secured(sqlite_url, nowhere) as teams:
        token = trusted.token(serviceurl=teams.connector.url)
        assert await teams.post(typing(teams), {"Authorization": f"Bearer {token}"}) == 401
        assert await teams.post(typing(teams), {"Authorization": f"Bearer {token}"}) == 401


async def test_replies_go_only_to_the_service_url_the_token_proves(
    sqlite_url: str, openid: str, trusted: Keys
) -> None:
    """A token for the real connector does not carry a body that names another one: nothing is
    sent there, and no one is stored with it as their address."""
    async with secured(sqlite_url, openid) as teams, running_connector() as elsewhere:
        token = trusted.token(serviceurl=teams.connector.url)
        forged = {**teams.personal(ANNE, "hjælp"), "serviceUrl": elsewhere.url}
        assert await teams.post(forged, {"Authorization": f"Bearer {token}"}) == 401
        assert elsewhere.sent == [] and elsewhere.created == []
        async with unit_of_work(teams.services.sessions) as session:
            assert await session.scalar(select(func.count()).select_from(Member)) == 0
            assert await session.scalar(select(func.count()).select_from(ConversationRef)) == 0


async def test_a_valid_token_from_another_tenant_is_refused(
    sqlite_url: str, openid: str, trusted: Keys
) -> None:
    """MicrosoftAppTenantId is the allow-list when HOTLINE_TENANTS is not set."""
    async with secured(sqlite_url, openid) as teams:
        header = {"Authorization": f"Bearer {trusted.token(serviceurl=teams.connector.url)}"}
        foreign = typing(teams)
        foreign["channelData"] = {"tenant": {"id": "tenant-2"}}
        assert await teams.post(foreign, header) == 403
        assert await teams.post(typing(teams), header) == 201
