"""The Teams tab: its pages, and its single sign-on. TeamsJS's `getAuthToken` gives the tab an
Entra ID token for this app; `POST /web/sso` checks it like the bot's own tokens (signature
against the published keys, issuer, audience, tenant, expiry), finds the member and starts a web
session, so the tab can then show the same pages as the browser (/web/vagtplan, /web/tal,
/web/omstilling).

CSRF: `/web/sso` takes no cookie and changes nothing for whoever already is signed in; what
proves the caller is the token in the body, which another site cannot obtain for the victim
(Teams hands it only to a tab on the domain named in the manifest's webApplicationInfo). What is
left is login CSRF, a site posting its own user's token to sign the victim in as someone else:
the endpoint takes only `application/json` (a form cannot send it, and a cross-site fetch
of it needs a CORS preflight this server never grants) and refuses an `Origin` that is not the
server's own.
"""

import asyncio
import html
import json
import logging
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import aiohttp
from aiohttp import web

from bot.config import Settings
from dialogs.context import Context
from dialogs.messages import lang_of, t
from store.web_sessions import COOKIE

if TYPE_CHECKING:
    # PyJWT brings cryptography (about 9 MB): imported when a tab first signs in.
    import jwt

log = logging.getLogger(__name__)

STATIC = Path(__file__).parent / "static"
TEAMS_JS = "vendor/MicrosoftTeams-2.58.0.min.js"
# The tab's pages and the web page each one opens.
PAGES = {"vagtplan": "/web/vagtplan", "tal": "/web/tal", "omstilling": "/web/omstilling"}
# Teams shows the tab in a frame of its own pages; nothing else may frame it.
FRAME_ANCESTORS = (
    "https://teams.microsoft.com https://*.teams.microsoft.com https://*.teams.cloud.microsoft "
    "https://*.office.com https://*.microsoft365.com https://*.cloud.microsoft"
)
CSP = (
    "default-src 'none'; script-src 'self'; connect-src 'self'; img-src 'self'; "
    f"base-uri 'none'; form-action 'none'; frame-ancestors {FRAME_ANCESTORS}"
)
KEYS_FOR = 3600.0  # seconds a fetched key set is used before it is fetched again
REFETCH_AFTER = 60.0  # an unknown key id fetches the keys again, at most this often

# Starts a web session for (member id, team id) at `now`; returns the cookie value. After the
# web pages' branch: `lambda ctx, member, team, now: ctx.store.web_sessions.start(member, team,
# now)`.
StartSession = Callable[[Context, int, int, datetime], Awaitable[str]]
START_SESSION: web.AppKey[StartSession] = web.AppKey("sso_start_session")


class SsoRefused(Exception):
    """The token is not one this server accepts; the message says why (for the log only)."""


@dataclass(frozen=True)
class SsoIdentity:
    tenant_id: str
    aad_object_id: str


class SsoTokens:
    """Checks Teams SSO tokens against Entra ID's published keys (fetched without blocking the
    loop, kept for an hour)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.keys: dict[str, jwt.PyJWK] = {}
        self.issuer = ""
        self.fetched = -KEYS_FOR
        self.lock = asyncio.Lock()

    async def identity(self, token: str) -> SsoIdentity:
        import jwt

        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise SsoRefused(f"not a JWT: {exc}") from exc
        key = await self._key(str(header.get("kid") or ""))
        audiences = [self.settings.sso_audience]
        if self.settings.app_id:
            audiences.append(self.settings.app_id)  # v2 tokens name the client id
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                key.key,
                algorithms=["RS256"],
                audience=audiences,
                options={"require": ["exp", "iss", "aud", "tid", "oid"]},
                leeway=60,
            )
        except jwt.PyJWTError as exc:
            raise SsoRefused(str(exc)) from exc
        tenant, oid = str(claims["tid"]), str(claims["oid"])
        issuers = {
            self.issuer.replace("{tenantid}", tenant),
            f"https://sts.windows.net/{tenant}/",  # v1 tokens
        }
        if claims["iss"] not in issuers:
            raise SsoRefused("issuer does not match the tenant")
        allowed = self.settings.allowed_tenants
        if allowed is not None and tenant not in allowed:
            raise SsoRefused("tenant not allowed")
        return SsoIdentity(tenant, oid)

    async def _key(self, kid: str) -> "jwt.PyJWK":
        async with self.lock:
            age = time.monotonic() - self.fetched
            if age > KEYS_FOR or (kid not in self.keys and age > REFETCH_AFTER):
                await self._fetch()
        if kid not in self.keys:
            raise SsoRefused("unknown signing key")
        return self.keys[kid]

    async def _fetch(self) -> None:
        import jwt

        timeout = aiohttp.ClientTimeout(total=10)
        try:
            async with aiohttp.ClientSession(timeout=timeout) as http:
                url = self.settings.sso_openid_metadata_url
                async with http.get(url) as response:
                    response.raise_for_status()
                    metadata = await response.json(content_type=None)
                async with http.get(metadata["jwks_uri"]) as response:
                    response.raise_for_status()
                    found = await response.json(content_type=None)
            keys = {}
            for entry in found.get("keys", []):
                if entry.get("kty") == "RSA" and entry.get("kid"):
                    keys[entry["kid"]] = jwt.PyJWK(entry, algorithm="RS256")
        except (aiohttp.ClientError, TimeoutError, KeyError, ValueError, jwt.PyJWTError) as exc:
            log.warning("could not fetch the SSO signing keys: %s", type(exc).__name__)
            self.fetched = time.monotonic() - KEYS_FOR + REFETCH_AFTER  # try again in a minute
            return
        self.keys, self.issuer = keys, str(metadata.get("issuer", ""))
        self.fetched = time.monotonic()


TOKENS = web.AppKey("sso_tokens", SsoTokens)


def add_routes(app: web.Application, settings: Settings, services: web.AppKey[Any]) -> None:
    """The tab's routes; `services` is the app's key to its Services (runner, clock)."""
    app[TOKENS] = SsoTokens(settings)

    async def tab(request: web.Request) -> web.Response:
        page = request.query.get("page", "")
        if page not in PAGES:
            raise web.HTTPNotFound()
        lang = lang_of(request.query.get("lang", ""), settings.language)
        return _page(
            lang,
            f'<p id="status" data-page="{page}">{html.escape(t(lang, "tab_signing_in"))}</p>',
            "tab.js",
        )

    async def config(request: web.Request) -> web.Response:
        lang = lang_of(request.query.get("lang", ""), settings.language)
        options = "".join(
            f'<option value="{p}">{html.escape(t(lang, f"tab_name.{p}"))}</option>'
            for p in ("vagtplan", "tal")
        )
        body = (
            f'<label for="page">{html.escape(t(lang, "tab_config_pick"))}</label> '
            f'<select id="page">{options}</select>'
        )
        return _page(lang, body, "tab-config.js")

    async def role(request: web.Request) -> web.Response:
        lang = lang_of(request.query.get("lang", ""), settings.language)
        return _page(lang, f"<p>{html.escape(t(lang, 'tab_not_for_role'))}</p>", None)

    async def script(request: web.Request) -> web.FileResponse:
        name = request.match_info["name"]
        allowed = {"tab.js": "tab.js", "tab-config.js": "tab-config.js", "teams.js": TEAMS_JS}
        if name not in allowed:
            raise web.HTTPNotFound()
        response = web.FileResponse(STATIC / allowed[name])
        response.content_type = "text/javascript"
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response

    async def sign_in(request: web.Request) -> web.Response:
        return await _sign_in(request, request.app[services], settings)

    app.router.add_get("/web/tab", tab)
    app.router.add_get("/web/tab/config", config)
    app.router.add_get("/web/tab/role", role)
    app.router.add_get("/web/tab/js/{name}", script)
    app.router.add_post("/web/sso", sign_in)


def _refused(lang: str, status: int) -> web.Response:
    """Every refusal as the tab's script reads it: JSON with a message from the catalogue."""
    return web.json_response({"message": t(lang, "tab_refused")}, status=status)


async def _sign_in(request: web.Request, services: Any, settings: Settings) -> web.Response:
    lang = settings.language
    if request.content_type != "application/json":
        return _refused(lang, 415)
    origin = request.headers.get("Origin")
    if origin is not None and origin != _origin(settings.link_base):
        return _refused(lang, 403)
    try:
        body = json.loads(await request.text())
    except ValueError:
        body = None
    if not isinstance(body, dict):
        return _refused(lang, 400)
    token, page = body.get("token"), body.get("page")
    team_hint = body.get("team") or ""
    lang = lang_of(str(body.get("locale") or ""), settings.language)
    if not isinstance(token, str) or len(token) > 16384 or page not in PAGES:
        return _refused(lang, 400)
    if not isinstance(team_hint, str):
        return _refused(lang, 400)
    start = request.app.get(START_SESSION)
    if start is None:
        return _refused(lang, 503)
    try:
        who = await request.app[TOKENS].identity(token)
    except SsoRefused as exc:
        log.info("SSO token refused: %s", exc)
        return _refused(lang, 401)

    async def work(ctx: Context) -> tuple[str, str, str] | None:
        member = await ctx.store.members.by_aad(who.tenant_id, who.aad_object_id)
        if member is None:
            return None
        teams = await ctx.store.members.teams_of(member.id)
        chosen = [tm for tm in teams if tm[0].teams_team_id == team_hint] or teams
        if not chosen:
            return None
        team, membership = chosen[0]
        cookie = await start(ctx, member.id, team.id, ctx.clock.now())
        return cookie, membership.role, ctx.language_of(team, member)

    found = await services.runner.run(work)
    if found is None:
        return web.json_response({"message": t(lang, "tab_unknown")}, status=403)
    cookie, role, lang = found
    url = PAGES[page]
    if role == "switchboard" and page != "omstilling":
        url = f"/web/tab/role?lang={lang}"
    response = web.json_response({"url": url})
    # In a Teams tab the page is a frame of another site: only a SameSite=None cookie is sent
    # there, Partitioned so browsers that block third-party cookies keep it for this frame.
    # Written by hand: Python 3.11's cookie module does not know `Partitioned`.
    if not re.fullmatch(r"[A-Za-z0-9_.~-]{1,200}", cookie):
        raise ValueError("a session cookie value must be URL-safe")
    response.headers.add(
        "Set-Cookie", f"{COOKIE}={cookie}; Path=/; Secure; HttpOnly; SameSite=None; Partitioned"
    )
    response.headers["Cache-Control"] = "no-store"
    return response


def _page(lang: str, body: str, script: str | None) -> web.Response:
    scripts = (
        f'<script src="/web/tab/js/teams.js"></script><script src="/web/tab/js/{script}"></script>'
        if script
        else ""
    )
    text = (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{html.escape(t(lang, 'tab_title'))}</title>{scripts}</head>"
        f"<body>{body}</body></html>"
    )
    response = web.Response(text=text, content_type="text/html", charset="utf-8")
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
