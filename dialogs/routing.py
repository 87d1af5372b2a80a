"""The routing table: every command, in Danish and English, with who may use it, and the one
access rule that typed commands and card clicks (dialogs/card_routing.py) share.

Columns: name, Danish words, English words, who may use it, the group `hjælp` lists it under,
handler, then the examples that `hjælp` shows (Danish, English) and where it works.
"""

from dialogs import (
    absences,
    calendar_feed,
    cases,
    cover,
    duty,
    help,
    history,
    members,
    personal,
    stats,
    swaps,
    switchboard,
    team_setup,
    web_link,
)
from dialogs.commands import ACCESS_ROLES, Command, Invocation, may
from dialogs.context import Caller, Context
from dialogs.messages import t
from dialogs.plain import Reply


async def _help(caller: Caller, inv: Invocation, ctx: Context) -> list[Reply]:
    """`hjælp` lists this table, so the table hands itself over: help never imports routing."""
    return await help.show_help(caller, inv, ctx, COMMANDS)


# fmt: off
COMMANDS: tuple[Command, ...] = (
    Command("help", ("hjælp", "?"), ("help",), "anyone", "general", _help),
    Command("duty", ("vagt",), ("duty",), "member", "duty", duty.show_duty,
            "vagt i morgen", "duty tomorrow"),
    Command("check", ("tjek",), ("check",), "member", "switchboard", switchboard.check,
            "tjek arbejdsgiver ringer om stress", "check employer calls about stress"),
    Command("briefing", ("omstilling",), ("switchboard",), "member", "switchboard",
            switchboard.briefing),
    Command("rota", ("vagtplan",), ("rota",), "staff", "duty", duty.show_rota,
            "vagtplan næste uge", "rota next week"),
    Command("my_duties", ("mine vagter",), ("my duties",), "staff", "duty", duty.my_duties),
    Command("new_case", ("ny sag",), ("new case",), "staff", "cases", cases.new_case),
    Command("case", ("sag",), ("case",), "staff", "cases", cases.show_case, "sag 12", "case 12"),
    Command("my_cases", ("mine sager",), ("my cases",), "staff", "cases", cases.my_cases),
    Command("cases_today", ("sager i dag", "sager"), ("cases today", "cases"), "staff", "cases",
            cases.cases_period, "sager i dag", "cases today"),
    Command("cases_week", ("sager uge",), ("cases week",), "staff", "cases", cases.cases_period,
            "sager uge", "cases week"),
    Command("reassign", ("overdrag",), ("reassign",), "staff", "cases", cases.reassign,
            "overdrag 12 til Bo", "reassign 12 to Bo"),
    Command("stats", ("statistik",), ("stats",), "staff", "cases", stats.show_stats,
            "statistik måned", "stats month"),
    Command("away", ("fravær",), ("away",), "staff", "duty", absences.away,
            "fravær 21.12-2.1 ferie", "away 2026-12-21..2027-01-02 vacation"),
    Command("my_absences", ("mit fravær",), ("my absences",), "staff", "duty",
            absences.my_absences),
    Command("swap", ("byt",), ("swap",), "staff", "duty", swaps.swap,
            "byt 5.1 med Bo", "swap 2027-01-05 with Bo"),
    Command("swaps", ("bytter",), ("swaps",), "staff", "duty", swaps.list_swaps),
    Command("sick", ("jeg er syg", "syg"), ("i'm sick", "im sick", "sick"), "staff", "duty",
            cover.sick),
    Command("history", ("historik",), ("history",), "staff", "duty", history.history,
            "historik 5.1", "history 2027-01-05"),
    Command("set_duty", ("sæt vagt",), ("set duty",), "lead", "lead", duty.set_duty,
            "sæt vagt 5.1 Anne", "set duty 2027-01-05 Anne"),
    Command("generate", ("lav vagtplan",), ("generate rota",), "lead", "lead", duty.generate_rota,
            "lav vagtplan 4.1 29.1", "generate rota 2027-01-04 2027-01-29"),
    Command("calendar", ("min kalender",), ("my calendar",), "staff", "duty",
            calendar_feed.my_calendar, personal_only=True),
    Command("new_calendar", ("ny kalender",), ("new calendar",), "staff", "duty",
            calendar_feed.new_calendar, personal_only=True),
    Command("web", ("web", "åbn"), ("web", "open"), "member", "general", web_link.show_link),
    Command("team_calendar", ("teamkalender",), ("team calendar",), "staff", "duty",
            calendar_feed.team_calendar, personal_only=True),
    Command("members", ("medlemmer",), ("members",), "staff", "general", members.list_members),
    Command("role", ("rolle",), ("role",), "lead", "lead", members.set_role,
            "rolle Anne omstilling", "role Anne switchboard"),
    Command("on_rota", ("på vagtplan",), ("on rota",), "lead", "lead", members.put_on_rota,
            "på vagtplan Anne", "on rota Anne"),
    Command("off_rota", ("af vagtplan",), ("off rota",), "lead", "lead", members.take_off_rota,
            "af vagtplan Anne", "off rota Anne"),
    Command("workdays", ("arbejdsdage",), ("workdays",), "lead", "lead", members.set_workdays,
            "arbejdsdage Anne man-tor", "workdays Anne mon-thu"),
    Command("code", ("kode",), ("code",), "lead", "lead", members.make_code,
            "kode omstilling", "code switchboard", personal_only=True),
    Command("join", ("tilmeld",), ("join",), "anyone", "general", members.join,
            "tilmeld KODE", "join CODE", personal_only=True),
    Command("settings", ("indstillinger",), ("settings",), "lead", "lead",
            team_setup.show_settings),
    Command("setup", ("opsætning",), ("setup",), "lead", "lead", team_setup.show_setup),
    Command("announce_here", ("annoncér her",), ("announce here",), "lead", "lead",
            team_setup.announce_here, channel_only=True),
    Command("language", ("sprog",), ("language",), "anyone", "general", personal.set_language,
            "sprog engelsk", "language danish"),
    Command("switch_team", ("skift team",), ("switch team",), "member", "general",
            personal.switch_team, personal_only=True),
)
# fmt: on


async def denied(caller: Caller, command: Command, text: str, ctx: Context) -> list[Reply]:
    """Why the caller may not run `command` here, or nothing. In a 1:1 chat with several teams
    and none chosen, the answer asks which team and then runs `text` again."""
    lang, scope = caller.lang, caller.request.scope
    if command.personal_only and scope != "personal":
        return [Reply(t(lang, "personal_only"))]
    if command.channel_only and scope != "channel":
        return [Reply(t(lang, "channel_only"))]
    if command.access != "anyone" and scope == "groupChat":
        return [Reply(t(lang, "group_chat"))]
    if command.access != "anyone" and caller.team is None and caller.extra.get("several_teams"):
        return await personal.pick_team_card(caller, ctx, text)
    return not_allowed(caller, command.access)


def not_allowed(caller: Caller, access: str) -> list[Reply]:
    """The one access rule, for a typed command and a card click alike: who `access` names
    (ACCESS_ROLES) against the caller's role in their team; nothing when they may."""
    lang = caller.lang
    if ACCESS_ROLES[access] is None:
        return []
    if caller.team is None:
        return [Reply(t(lang, "not_in_team"))]
    if not may(access, caller.role):
        return [Reply(t(lang, "not_allowed", roles=t(lang, f"roles.{access}")))]
    return []
