"""The routing table: every command, in Danish and English, with who may use it.

Columns: name, Danish words, English words, who may use it, handler, then the examples that
`hjælp` shows (Danish, English) and where it works.
"""

from dialogs import (
    absences,
    calendar_feed,
    cover,
    duty,
    help,
    history,
    members,
    personal,
    swaps,
    switchboard,
    team_setup,
)
from dialogs.commands import Command

# fmt: off
COMMANDS: tuple[Command, ...] = (
    Command("help", ("hjælp", "?"), ("help",), "anyone", help.show_help),
    Command("duty", ("vagt",), ("duty",), "member", duty.show_duty,
            "vagt i morgen", "duty tomorrow"),
    Command("check", ("tjek",), ("check",), "member", switchboard.check,
            "tjek arbejdsgiver ringer om stress", "check employer calls about stress"),
    Command("briefing", ("omstilling",), ("switchboard",), "member", switchboard.briefing),
    Command("rota", ("vagtplan",), ("rota",), "staff", duty.show_rota,
            "vagtplan næste uge", "rota next week"),
    Command("my_duties", ("mine vagter",), ("my duties",), "staff", duty.my_duties),
    Command("away", ("fravær",), ("away",), "staff", absences.away,
            "fravær 21.12-2.1 ferie", "away 2026-12-21..2027-01-02 vacation"),
    Command("my_absences", ("mit fravær",), ("my absences",), "staff", absences.my_absences),
    Command("swap", ("byt",), ("swap",), "staff", swaps.swap,
            "byt 5.1 med Bo", "swap 2027-01-05 with Bo"),
    Command("swaps", ("bytter",), ("swaps",), "staff", swaps.list_swaps),
    Command("sick", ("jeg er syg", "syg"), ("i'm sick", "im sick", "sick"), "staff", cover.sick),
    Command("history", ("historik",), ("history",), "staff", history.history,
            "historik 5.1", "history 2027-01-05"),
    Command("set_duty", ("sæt vagt",), ("set duty",), "lead", duty.set_duty,
            "sæt vagt 5.1 Anne", "set duty 2027-01-05 Anne"),
    Command("generate", ("lav vagtplan",), ("generate rota",), "lead", duty.generate_rota,
            "lav vagtplan 4.1 29.1", "generate rota 2027-01-04 2027-01-29"),
    Command("calendar", ("min kalender",), ("my calendar",), "staff",
            calendar_feed.my_calendar, personal_only=True),
    Command("new_calendar", ("ny kalender",), ("new calendar",), "staff",
            calendar_feed.new_calendar, personal_only=True),
    Command("team_calendar", ("teamkalender",), ("team calendar",), "staff",
            calendar_feed.team_calendar, personal_only=True),
    Command("members", ("medlemmer",), ("members",), "staff", members.list_members),
    Command("role", ("rolle",), ("role",), "lead", members.set_role,
            "rolle Anne omstilling", "role Anne switchboard"),
    Command("on_rota", ("på vagtplan",), ("on rota",), "lead", members.put_on_rota,
            "på vagtplan Anne", "on rota Anne"),
    Command("off_rota", ("af vagtplan",), ("off rota",), "lead", members.take_off_rota,
            "af vagtplan Anne", "off rota Anne"),
    Command("workdays", ("arbejdsdage",), ("workdays",), "lead", members.set_workdays,
            "arbejdsdage Anne man-tor", "workdays Anne mon-thu"),
    Command("code", ("kode",), ("code",), "lead", members.make_code,
            "kode omstilling", "code switchboard"),
    Command("join", ("tilmeld",), ("join",), "anyone", members.join,
            "tilmeld KODE", "join CODE", personal_only=True),
    Command("settings", ("indstillinger",), ("settings",), "lead", team_setup.show_settings),
    Command("setup", ("opsætning",), ("setup",), "lead", team_setup.show_setup),
    Command("announce_here", ("annoncér her",), ("announce here",), "lead",
            team_setup.announce_here, channel_only=True),
    Command("language", ("sprog",), ("language",), "anyone", personal.set_language,
            "sprog engelsk", "language danish"),
    Command("switch_team", ("skift team",), ("switch team",), "member", personal.switch_team,
            personal_only=True),
)
# fmt: on
