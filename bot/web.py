"""The browser pages, served by the bot's own aiohttp app under /web (no second server).

Interface (for the Teams tab's sign-in and anything else that starts a session):

- `create_web_app()` is the sub-app `bot.app.create_app` mounts at `/web`; add routes to it
  there. Its handlers reach the services through `request.config_dict[SERVICES]`.
- `cookie = await ctx.store.web_sessions.start(member_id, team_id, now)` (store/web_sessions.py)
  starts a session; `set_session_cookie(request, response, cookie)` hands it to the browser as
  the `hotline_session` cookie (HttpOnly, SameSite=Lax, Secure behind HTTPS, 8 hours).
- `await viewer(ctx, request)` is who is signed in, checked against the store on EVERY request
  with the same predicate as chat (store.members.is_active): a leaver's session stops at once.
- Pages: `/web/vagtplan` (rota month, `?month=YYYY-MM`), `/web/tal` (figures, `?from=&to=`),
  `/web/tal.csv` (the rows of `hotline-bot stats`), `/web/omstilling` (switchboard). Sign-in
  link from chat (`web` / `åbn`): `/web/login/{token}`, valid 10 minutes, once.
- Every POST carries the form field `csrf` (`store.web_sessions.csrf_token(cookie)`).
"""

import csv
import hmac
import io
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources

from aiohttp import web

from bot.services import SERVICES
from bot.sso import FRAME_ANCESTORS
from dialogs import cards, pages, stats, web_data
from dialogs.context import Caller, Context
from dialogs.messages import lang_of
from dialogs.plain import Person, Request
from dialogs.switchboard import WHAT, WHO
from store.members import is_active
from store.models import Member, Membership, Team
from store.web_sessions import COOKIE, SESSION_FOR, csrf_token

log = logging.getLogger(__name__)

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    f"form-action 'self'; base-uri 'none'; frame-ancestors 'self' {FRAME_ANCESTORS}"
)
STATIC = {"web.css": "text/css", "web.js": "text/javascript"}


@dataclass
class Viewer:
    member: Member
    team: Team
    membership: Membership
    lang: str
    cookie: str

    @property
    def role(self) -> str:
        return self.membership.role

    @property
    def csrf(self) -> str:
        return csrf_token(self.cookie)

    def caller(self) -> Caller:
        """The viewer as a chat caller, so a click here goes the same way as a card's."""
        person = Person(self.member.aad_object_id, self.member.teams_user_id, self.member.name)
        request = Request(self.member.tenant_id, person, self.lang, "personal", "", "")
        return Caller(request, self.member, self.lang, self.team, self.membership)


def create_web_app() -> web.Application:
    app = web.Application(middlewares=[_headers])
    app.router.add_get("/login/{token}", _login)
    app.router.add_post("/logout", _logout)
    app.router.add_get("", _home)
    app.router.add_get("/", _home)
    app.router.add_get("/vagtplan", _rota)
    app.router.add_post("/vagtplan/tag", _take)
    app.router.add_get("/tal", _figures)
    app.router.add_get("/tal.csv", _figures_csv)
    app.router.add_get("/omstilling", _switchboard)
    app.router.add_post("/omstilling", _guide)
    app.router.add_get("/static/{name}", _static)
    return app


@web.middleware
async def _headers(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    try:
        response = await handler(request)
    except web.HTTPException as exc:
        response = exc
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    # The sign-in link's token must not leak to another site in a Referer.
    response.headers["Referrer-Policy"] = "no-referrer"
    if not request.path.startswith("/web/static/"):
        response.headers["Cache-Control"] = "no-store"
    if isinstance(response, web.HTTPException):
        raise response
    return response


def set_session_cookie(request: web.Request, response: web.StreamResponse, cookie: str) -> None:
    settings = request.config_dict[SERVICES].settings
    response.set_cookie(
        COOKIE,
        cookie,
        max_age=int(SESSION_FOR.total_seconds()),
        path="/",
        httponly=True,
        samesite="Lax",
        secure=request.secure or settings.public_url.startswith("https://"),
    )


async def viewer(ctx: Context, request: web.Request) -> Viewer | None:
    """Who is signed in, with access as in chat right now; None without a valid session."""
    cookie = request.cookies.get(COOKIE, "")
    signed = await ctx.store.web_sessions.get(cookie, ctx.clock.now())
    if signed is None:
        return None
    member = await ctx.store.members.get(signed.member_id)
    team = await ctx.store.teams.get(signed.team_id)
    membership = await ctx.store.members.membership(signed.team_id, signed.member_id)
    if member is None or team is None or not team.active or membership is None:
        return None
    if not is_active(membership):  # `membership()` checks it too; said here so it stays
        return None
    return Viewer(member, team, membership, ctx.language_of(team, member), cookie)


def _html(body: str, status: int = 200) -> web.Response:
    return web.Response(text=body, status=status, content_type="text/html", charset="utf-8")


def _lang_of(request: web.Request) -> str:
    """The language of a page for someone not signed in: the browser's first choice."""
    first = request.headers.get("Accept-Language", "").split(",")[0].strip()
    return lang_of(first, request.config_dict[SERVICES].settings.language)


def _signed_out(request: web.Request) -> web.Response:
    return _html(pages.sign_in_page(_lang_of(request)), status=401)


async def _login(request: web.Request) -> web.Response:
    services = request.config_dict[SERVICES]
    token = request.match_info["token"]

    async def work(ctx: Context) -> tuple[str, str] | None:
        now = ctx.clock.now()
        found = await ctx.store.web_sessions.redeem_link(token, now)
        if found is None:
            return None
        member_id, team_id = found
        membership = await ctx.store.members.membership(team_id, member_id)
        if membership is None:
            return None
        cookie = await ctx.store.web_sessions.start(member_id, team_id, now)
        home = "omstilling" if membership.role == "switchboard" else "vagtplan"
        return cookie, home

    started = await services.runner.run(work)
    if started is None:
        log.info("web sign-in refused: link unknown, used or expired")
        return _html(pages.sign_in_page(_lang_of(request), refused=True), status=401)
    cookie, home = started
    response = web.HTTPSeeOther(f"/web/{home}")
    set_session_cookie(request, response, cookie)
    log.info("web sign-in")
    return response


async def _logout(request: web.Request) -> web.StreamResponse:
    form = await request.post()
    services = request.config_dict[SERVICES]

    async def work(ctx: Context) -> bool:
        seen = await viewer(ctx, request)
        if seen is None or not _csrf_ok(seen, form.get("csrf")):
            return False
        await ctx.store.web_sessions.end(seen.cookie)
        return True

    if not await services.runner.run(work):
        raise web.HTTPForbidden()
    response = _html(pages.sign_in_page(_lang_of(request), signed_out=True))
    response.del_cookie(COOKIE, path="/")
    return response


async def _poster(ctx: Context, request: web.Request, csrf: object) -> Viewer | web.Response:
    """Who sends a state-changing request, or the answer that refuses it: signed out, or a
    CSRF token missing or not this session's."""
    seen = await viewer(ctx, request)
    if seen is None:
        return _signed_out(request)
    if not _csrf_ok(seen, csrf):
        log.info("web request refused: CSRF token missing or wrong")
        return _html(pages.forbidden_page(seen.lang), status=403)
    return seen


def _csrf_ok(seen: Viewer, sent: object) -> bool:
    return isinstance(sent, str) and hmac.compare_digest(sent.encode(), seen.csrf.encode())


async def _home(request: web.Request) -> web.StreamResponse:
    raise web.HTTPSeeOther("/web/vagtplan")


def _month(text: str | None, today: date) -> date:
    if text:
        try:
            year, month = (int(part) for part in text.split("-", 1))
            if 2000 <= year <= 2100 and 1 <= month <= 12:
                return date(year, month, 1)
        except ValueError:
            pass
    return today.replace(day=1)


async def _page(
    request: web.Request,
    render: Callable[[Context, Viewer], Awaitable[str]],
    *,
    staff_only: bool = True,
) -> web.Response:
    services = request.config_dict[SERVICES]

    async def work(ctx: Context) -> web.Response:
        seen = await viewer(ctx, request)
        if seen is None:
            return _signed_out(request)
        if staff_only and seen.role == "switchboard":
            return _html(pages.forbidden_page(seen.lang), status=403)
        return _html(await render(ctx, seen))

    return await services.runner.run(work)


async def _rota(request: web.Request) -> web.Response:
    async def render(ctx: Context, seen: Viewer) -> str:
        month = _month(request.query.get("month"), ctx.today())
        data = await web_data.rota_month(ctx, seen.team, seen.member, month)
        return pages.rota_page(seen.lang, _frame(seen, "vagtplan"), data)

    return await _page(request, render)


async def _take(request: web.Request) -> web.Response:
    form = await request.post()
    services = request.config_dict[SERVICES]

    async def work(ctx: Context) -> web.Response:
        seen = await _poster(ctx, request, form.get("csrf"))
        if isinstance(seen, web.Response):
            return seen
        if seen.role == "switchboard":
            return _html(pages.forbidden_page(seen.lang), status=403)
        swap = cards.whole(dict(form), "swap")
        if not swap:
            return _html(pages.forbidden_page(seen.lang), status=400)
        taken, message = await web_data.take_swap(ctx, seen.caller(), swap)
        month = _month(str(form.get("month", "")), ctx.today())
        data = await web_data.rota_month(ctx, seen.team, seen.member, month)
        notice = pages.Notice(message, ok=taken)
        body = pages.rota_page(seen.lang, _frame(seen, "vagtplan"), data, notice)
        return _html(body, status=200 if taken else 409)

    return await services.runner.run(work)


def _period(request: web.Request, today: date) -> tuple[date, date]:
    def day(name: str, default: date) -> date:
        try:
            return date.fromisoformat(request.query.get(name, ""))
        except ValueError:
            return default

    first = day("from", date(today.year, 1, 1))
    last = day("to", today)
    if last < first or (last - first) > timedelta(days=3 * 366):
        return date(today.year, 1, 1), today
    return first, last


async def _figures(request: web.Request) -> web.Response:
    async def render(ctx: Context, seen: Viewer) -> str:
        first, last = _period(request, ctx.today())
        rows = await stats.weekly_series(ctx, seen.team, first, last)
        return pages.figures_page(seen.lang, _frame(seen, "tal"), first, last, rows)

    return await _page(request, render)


async def _figures_csv(request: web.Request) -> web.Response:
    services = request.config_dict[SERVICES]

    async def work(ctx: Context) -> web.Response:
        seen = await viewer(ctx, request)
        if seen is None:
            return _signed_out(request)
        if seen.role == "switchboard":
            return _html(pages.forbidden_page(seen.lang), status=403)
        first, last = _period(request, ctx.today())
        rows = await stats.weekly_series(ctx, seen.team, first, last)
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(stats.CSV_HEADER)
        writer.writerows(row.csv_row() for row in rows)
        return web.Response(
            text=out.getvalue(),
            content_type="text/csv",
            charset="utf-8",
            headers={"Content-Disposition": f'attachment; filename="hotline-{first}-{last}.csv"'},
        )

    return await services.runner.run(work)


async def _switchboard(request: web.Request) -> web.Response:
    async def render(ctx: Context, seen: Viewer) -> str:
        data = await web_data.switchboard(ctx, seen.team, seen.lang)
        return pages.switchboard_page(seen.lang, _frame(seen, "omstilling"), data)

    return await _page(request, render, staff_only=False)


async def _guide(request: web.Request) -> web.Response:
    form = await request.post()
    services = request.config_dict[SERVICES]

    async def work(ctx: Context) -> web.Response:
        seen = await _poster(ctx, request, form.get("csrf"))
        if isinstance(seen, web.Response):
            return seen
        who, what = str(form.get("who", "")), str(form.get("what", ""))
        if who in WHO and what in WHAT:
            answer = await web_data.answer_guide(ctx, seen.team, seen.lang, who, what)
        else:
            answer = web_data.GuideAnswer("missing")
        data = await web_data.switchboard(ctx, seen.team, seen.lang)
        body = pages.switchboard_page(seen.lang, _frame(seen, "omstilling"), data, answer)
        return _html(body)

    return await services.runner.run(work)


def _frame(seen: Viewer, current: str) -> pages.Frame:
    return pages.Frame(
        team=seen.team.name,
        member=seen.member.name,
        current=current,
        csrf=seen.csrf,
        switchboard_only=seen.role == "switchboard",
    )


async def _static(request: web.Request) -> web.Response:
    name = request.match_info["name"]
    if name not in STATIC:
        raise web.HTTPNotFound()
    body = resources.files("bot").joinpath("static", name).read_bytes()
    return web.Response(
        body=body,
        content_type=STATIC[name],
        headers={"Cache-Control": "public, max-age=3600"},
    )
