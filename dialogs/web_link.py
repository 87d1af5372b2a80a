"""`web` / `åbn` (and the rota card's button): a one-time link that signs the member in to the
browser pages (bot/web.py). The link goes only to the member's private chat: in a channel anyone
could click it first."""

from dialogs.commands import Invocation
from dialogs.context import Caller, Context
from dialogs.markdown import Markup
from dialogs.messages import t
from dialogs.plain import Reply


async def show_link(caller: Caller, inv: Invocation | None, ctx: Context) -> list[Reply]:
    team = caller.in_team
    now = ctx.clock.now()
    token = await ctx.store.web_sessions.new_link(caller.member.id, team.id, now)
    url = f"{ctx.settings.link_base}/web/login/{token}"
    if caller.request.scope == "personal":
        return [Reply(t(caller.lang, "web_link", url=Markup(url)))]
    # Once per link (the token is new each time). The queued message holds the link until the
    # outbox's retention: harmless, as a link works once and for ten minutes.
    await ctx.tell(
        team,
        caller.member,
        f"web-link:{caller.member.id}:{now.isoformat()}",
        "web_link",
        lambda lang: Reply(t(lang, "web_link", url=Markup(url))),
    )
    return [Reply(t(caller.lang, "web_link_sent"))]
