"""Teams SSO tokens are checked like the bot's own: signature against the published keys,
issuer, audience, tenant and expiry. Offline, against a local stand-in for Entra ID."""

import base64
import hashlib
import hmac
import json
import time
from dataclasses import replace

import jwt
import pytest
from cryptography.hazmat.primitives import serialization

from bot.config import Settings
from bot.sso import SsoIdentity, SsoRefused, SsoTokens
from tests.e2e.teams import free_port
from tests.entra import APP_ID, DOMAIN, TENANT, Entra, Keys, running_entra


def settings(entra: Entra) -> Settings:
    return Settings(
        app_id=APP_ID,
        app_tenant_id=TENANT,
        public_url=f"https://{DOMAIN}",
        sso_openid_metadata_url=entra.metadata_url,
    )


async def test_a_good_token_gives_the_tenant_and_the_person() -> None:
    async with running_entra() as entra:
        tokens = SsoTokens(settings(entra))
        assert await tokens.identity(entra.token()) == SsoIdentity(TENANT, "aad-anne")
        # A v2 token may name the client id as its audience.
        assert await tokens.identity(entra.token(aud=APP_ID, oid="aad-bo")) == SsoIdentity(
            TENANT, "aad-bo"
        )
        # So may a v1 token, with its own issuer.
        v1 = entra.token(iss=f"https://sts.windows.net/{TENANT}/")
        assert (await tokens.identity(v1)).aad_object_id == "aad-anne"


@pytest.mark.parametrize(
    ("claims", "why"),
    [
        ({"aud": "api://evil.example/" + APP_ID}, "(?i)audience"),
        ({"aud": "6f1e2d3c-4b5a-4968-8776-655443322110"}, "(?i)audience"),
        ({"iss": "https://evil.example/tenant-1/v2.0"}, "issuer"),
        ({"tid": "tenant-2"}, "issuer"),  # the issuer names tenant-1, the token another
        ({"exp": int(time.time()) - 3600}, "expired"),
        ({"oid": None}, "oid"),
        ({"tid": None}, "tid"),
    ],
)
async def test_a_wrong_claim_is_refused(claims: dict[str, object], why: str) -> None:
    async with running_entra() as entra:
        with pytest.raises(SsoRefused, match=why):
            await SsoTokens(settings(entra)).identity(entra.token(**claims))


async def test_a_token_from_another_tenant_is_refused_unless_let_in() -> None:
    async with running_entra() as entra:
        foreign = entra.token(tid="tenant-2", iss=entra.issuer("tenant-2"))
        with pytest.raises(SsoRefused, match="tenant not allowed"):
            await SsoTokens(settings(entra)).identity(foreign)
        let_in = SsoTokens(replace(settings(entra), tenants="tenant-1,tenant-2"))
        assert (await let_in.identity(foreign)).tenant_id == "tenant-2"


async def test_a_bad_signature_or_an_unknown_key_is_refused() -> None:
    async with running_entra() as entra:
        tokens = SsoTokens(settings(entra))
        impostor = Keys(kid=entra.keys.kid)  # the published key's id, another private key
        with pytest.raises(SsoRefused, match="Signature verification failed"):
            await tokens.identity(entra.token(keys=impostor))
        with pytest.raises(SsoRefused, match="unknown signing key"):
            await tokens.identity(entra.token(keys=Keys()))
        with pytest.raises(SsoRefused, match="not a JWT"):
            await tokens.identity("not-a-token")
        hs256 = entra.token()[:-10] + "AAAAAAAAAA"
        with pytest.raises(SsoRefused):
            await tokens.identity(hs256)


def _hs256_with_the_public_key(entra: Entra) -> str:
    """The algorithm-confusion forgery: the token signed with HMAC, the published RSA public
    key as the secret, in the hope the server verifies HS256 with the key it fetched."""
    public = entra.keys.private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    claims = jwt.decode(entra.token(), options={"verify_signature": False})

    def part(data: dict[str, object]) -> str:
        raw = json.dumps(data, separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()

    signed = f"{part({'alg': 'HS256', 'typ': 'JWT', 'kid': entra.keys.kid})}.{part(claims)}"
    mac = hmac.new(public, signed.encode(), hashlib.sha256).digest()
    return f"{signed}.{base64.urlsafe_b64encode(mac).rstrip(b'=').decode()}"


async def test_a_token_signed_with_hmac_and_the_public_key_is_refused() -> None:
    async with running_entra() as entra:
        with pytest.raises(SsoRefused):
            await SsoTokens(settings(entra)).identity(_hs256_with_the_public_key(entra))


async def test_a_rotated_key_is_fetched_again() -> None:
    async with running_entra() as entra:
        tokens = SsoTokens(settings(entra))
        assert await tokens.identity(entra.token())
        entra.keys = Keys()
        tokens.fetched -= 120  # a minute after the last fetch an unknown key id refetches
        assert await tokens.identity(entra.token())


async def test_unreachable_keys_refuse_and_do_not_raise_anything_else() -> None:
    nowhere = f"http://127.0.0.1:{free_port()}/common/v2.0/.well-known/openid-configuration"
    async with running_entra() as entra:
        tokens = SsoTokens(replace(settings(entra), sso_openid_metadata_url=nowhere))
        with pytest.raises(SsoRefused, match="unknown signing key"):
            await tokens.identity(entra.token())


def test_the_audience_is_the_manifests_resource_unless_set() -> None:
    plain = Settings(app_id=APP_ID, public_url=f"https://{DOMAIN}")
    assert plain.sso_audience == f"api://{DOMAIN}/{APP_ID}"
    assert replace(plain, sso_resource="api://x/y").sso_audience == "api://x/y"
