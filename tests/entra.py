"""A local stand-in for Entra ID's OpenID metadata and signing keys, and tokens as Teams SSO
hands them to a tab (v2: issuer per tenant, audience the app's Application ID URI)."""

import json
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import jwt
from aiohttp import web
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

APP_ID = "9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f"
DOMAIN = "hotline.kommune.dk"
RESOURCE = f"api://{DOMAIN}/{APP_ID}"
TENANT = "tenant-1"


class Keys:
    def __init__(self, kid: str | None = None) -> None:
        self.private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = kid or uuid.uuid4().hex

    def jwk(self) -> dict[str, Any]:
        key = json.loads(RSAAlgorithm.to_jwk(self.private.public_key()))
        return {**key, "kid": self.kid, "use": "sig"}


class Entra:
    def __init__(self, base: str, keys: Keys) -> None:
        self.base = base
        self.keys = keys

    @property
    def metadata_url(self) -> str:
        return f"{self.base}/common/v2.0/.well-known/openid-configuration"

    def issuer(self, tenant: str = TENANT) -> str:
        return f"{self.base}/{tenant}/v2.0"

    def token(self, keys: Keys | None = None, **claims: Any) -> str:
        """A token for `aad-<user>` in TENANT; claims override (a None value drops one)."""
        keys = keys or self.keys
        now = int(time.time())
        payload = {
            "iss": self.issuer(),
            "aud": RESOURCE,
            "tid": TENANT,
            "oid": "aad-anne",
            "iat": now,
            "nbf": now - 10,
            "exp": now + 3600,
            **claims,
        }
        payload = {k: v for k, v in payload.items() if v is not None}
        return jwt.encode(payload, keys.private, algorithm="RS256", headers={"kid": keys.kid})


@asynccontextmanager
async def running_entra(keys: Keys | None = None) -> AsyncIterator[Entra]:
    """Serves the metadata (issuer with the `{tenantid}` placeholder, as Entra's `common`
    endpoint does) and the key set, in the test's own loop: the server fetches without
    blocking."""
    keys = keys or Keys()
    app = web.Application()
    entra = Entra("", keys)

    async def metadata(request: web.Request) -> web.Response:
        return web.json_response(
            {"issuer": entra.base + "/{tenantid}/v2.0", "jwks_uri": entra.base + "/keys"}
        )

    async def key_set(request: web.Request) -> web.Response:
        return web.json_response({"keys": [entra.keys.jwk()]})

    app.router.add_get("/common/v2.0/.well-known/openid-configuration", metadata)
    app.router.add_get("/keys", key_set)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    entra.base = f"http://127.0.0.1:{port}"
    try:
        yield entra
    finally:
        await runner.cleanup()
