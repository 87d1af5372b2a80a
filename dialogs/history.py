"""`historik 5.1`: everything that happened to a day's duty, from the audit log."""

from dialogs.commands import Invocation
from dialogs.context import Caller, Context
from dialogs.messages import MESSAGES, bad_date_key, format_day, t
from dialogs.plain import Reply
from rules.dates import BadDate, parse_date


async def history(caller: Caller, inv: Invocation, ctx: Context) -> list[Reply]:
    team = caller.in_team
    lang = caller.lang
    try:
        # History looks back: "historik 5.1" in March is the 5 January just gone.
        day = parse_date(inv.args, ctx.today(), "back") if inv.args.strip() else ctx.today()
    except BadDate as exc:
        return [Reply(t(lang, bad_date_key(exc), text=inv.args))]
    entries = await ctx.store.audit.for_subject(team.id, f"day:{day.isoformat()}")
    if not entries:
        return [Reply(t(lang, "history_none", day=format_day(lang, day)))]
    names = await ctx.store.members.names(team.id)

    def who(member_id: object) -> str:
        return (
            names.get(member_id, t(lang, "nobody"))
            if isinstance(member_id, int)
            else t(lang, "nobody")
        )

    lines = [f"**{t(lang, 'history_title', day=format_day(lang, day))}**", ""]
    for entry in entries:
        key = f"history.{entry.action}"
        before = who((entry.before or {}).get("member"))
        after = who((entry.after or {}).get("member"))
        what = t(lang, key, before=before, after=after) if key in MESSAGES else entry.action
        when = entry.at.astimezone(ctx.settings.zone).strftime("%d/%m %H:%M")
        actor = names.get(entry.actor_id or 0, t(lang, "system"))
        lines.append(f"- {t(lang, 'history_line', time=when, actor=actor, what=what)}")
    return [Reply("\n".join(lines))]
