"""Every Adaptive Card the bot can send, built with sample data, so tests can validate each one
in both languages with Microsoft's own renderer library."""

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

from dialogs import cards
from dialogs.cases import case_card_for, intake_card, outcome_summary
from dialogs.chart import Bar
from dialogs.context import TeamSettings
from dialogs.cover import cover_card_for
from dialogs.duty import rota_card
from dialogs.help import examples, grouped, help_card, main_actions
from dialogs.messages import t
from dialogs.routing import COMMANDS
from dialogs.stats import report_card
from dialogs.swaps import absence_card, approval_card, direct_card, open_card
from dialogs.switchboard import guide_card
from dialogs.team_setup import settings_card, setup_card_for
from domain.settings import Settings
from store.models import Case, SwapRequestRow

FLOW = "00000000-0000-0000-0000-000000000001"
MONDAY = date(2027, 1, 4)
SETTINGS = TeamSettings.of(Settings(phone="70 12 34 56"), {"closed_days": ["12-24"]})
PEOPLE = [("Anne Hansen", 1, True, False), ("Bo Jensen", 2, False, True)]
PHONES = [
    ("referral_payment", "Ydelseskontoret", "70 00 00 00"),
    ("referral_complaint", "Den enhed, der traf afgørelsen", ""),
]
CASE = Case(
    id=1,
    team_id=1,
    number=12,
    caller="employer",
    topic="fast_track",
    company="Tømrer Hansen ApS",
    contact_name="Per",
    contact_phone="70 11 22 33",
    employee="K.L.",
    note="Dårlig ryg",
    outcome="fast_track",
    request_date=MONDAY,
    meeting_place="",
    meeting_reason="",
    referred_to="",
)
ROUND_TABLE = Case(
    id=2,
    team_id=1,
    number=13,
    caller="employee",
    topic="risk",
    company="Bageriet Ø",
    contact_name="Mette",
    contact_phone="20 30 40 50",
    employee="M.S.H.",
    note="",
    outcome="round_table",
    advice="partial_return",
    meeting_day=MONDAY + timedelta(days=3),
    meeting_time=time(10, 0),
    meeting_place="Jobcentret, mødelokale 2",
    meeting_reason="",
    first_absence=MONDAY - timedelta(days=7),
    referred_to="",
)
ANONYMISED = Case(
    id=3,
    team_id=1,
    number=14,
    caller="other",
    topic="question",
    company="",
    contact_name="",
    contact_phone="",
    employee="",
    note="",
    outcome="settled",
    meeting_place="",
    meeting_reason="",
    referred_to="",
    anonymised=True,
)
SWAP = SwapRequestRow(id=7, team_id=1, day=MONDAY, requester_id=1, reason="absence")
SWAP_TAKEN = SwapRequestRow(
    id=9, team_id=1, day=MONDAY + timedelta(days=1), requester_id=1, taken_by=2, reason="absence"
)
SWAP_BACK = SwapRequestRow(
    id=8,
    team_id=1,
    day=MONDAY,
    requester_id=1,
    target_id=2,
    offered_day=MONDAY + timedelta(days=7),
    reason="",
)


def _help(lang: str) -> dict[str, Any]:
    return help_card(
        lang,
        t(lang, "help_intro_no_team"),
        grouped(lang, list(COMMANDS)),
        t(lang, "help_more_in_chat"),
        actions=main_actions(lang, "lead", COMMANDS),
        examples=examples(lang, "lead"),
    )


def _rota(lang: str) -> dict[str, Any]:
    days = [MONDAY + timedelta(days=i) for i in range(5)]
    lines = [(d, ("Anne Hansen", "Bo Jensen")[i % 2], i % 2 == 0) for i, d in enumerate(days)]
    return rota_card(lang, days[0], days[-1], lines, MONDAY)


CARDS: dict[str, Callable[[str], dict[str, Any]]] = {
    "help": _help,
    "setup": lambda lang: setup_card_for(lang, FLOW, 1, SETTINGS, PEOPLE, PHONES),
    "setup_nobody_yet": lambda lang: setup_card_for(lang, FLOW, 1, SETTINGS, []),
    "settings": lambda lang: settings_card(lang, FLOW, 1, "Sygedagpenge", SETTINGS, PHONES),
    "saved": lambda lang: cards.done_card(
        t(lang, "setup_title"),
        [
            t(lang, "setup_saved", rota="Anne Hansen", leads="Bo Jensen"),
            t(lang, "setup_saved_post", phone="70 12 34 56", time="08:00"),
            t(lang, "setup_next"),
            t(lang, "setup_referrals_missing", count=3),
        ],
        t(lang, "saved_by", name="Bo Jensen"),
    ),
    "pick_member": lambda lang: cards.choices_card(
        t(lang, "name_ambiguous", name="anne"),
        FLOW,
        1,
        "pick",
        [("Anne Hansen (anne@kommune.dk)", {"member": 1}), ("Anne Larsen", {"member": 3})],
    ),
    "pick_team": lambda lang: cards.choices_card(
        t(lang, "pick_team"),
        FLOW,
        1,
        "pick_team",
        [("Sygedagpenge", {"team": 1}), ("Jobcenter Nord", {"team": 2})],
    ),
    "rota": _rota,
    "guide": guide_card,
    "case_intake": lambda lang: intake_card(lang, FLOW, 1, datetime(2027, 1, 4, 9, 30)),
    "case": lambda lang: case_card_for(
        lang,
        CASE,
        "Anne Hansen",
        datetime(2027, 1, 4, 9, 30),
        ["Første samtale (Fast track) senest mandag 18. januar: 14 dage tilbage"],
        ["04/01 09:35 Anne Hansen: oprettede sagen"],
        version=3,
        summary=t(lang, "outcome.fast_track"),
    ),
    "case_round_table": lambda lang: case_card_for(
        lang,
        ROUND_TABLE,
        "Anne Hansen",
        datetime(2027, 1, 4, 9, 30),
        [],
        ["04/01 09:35 Anne Hansen: oprettede sagen", "04/01 09:40 Anne Hansen: satte udfald"],
        version=4,
        summary=outcome_summary(lang, ROUND_TABLE, MONDAY, SETTINGS.calendar),
    ),
    "case_closed_anonymised": lambda lang: case_card_for(
        lang,
        ANONYMISED,
        "Anne Hansen",
        datetime(2027, 1, 4, 9, 30),
        [],
        [],
    ),
    "list_with_buttons": lambda lang: cards.list_card(
        t(lang, "swaps_title"),
        [
            (
                t(lang, "swap_line", day="mandag 4. januar", name="Anne Hansen", target=""),
                (t(lang, "take"), {"action": "swap.take", "swap": 7}),
            ),
            (t(lang, "swap_line", day="tirsdag 5. januar", name="Bo Jensen", target=""), None),
        ],
    ),
    "swap_open": lambda lang: open_card(lang, SWAP, "Anne Hansen"),
    "swap_absence": lambda lang: absence_card(
        lang, [SWAP, SWAP_TAKEN], "Anne Hansen", {2: "Bo Jensen"}, MONDAY
    ),
    "swap_direct": lambda lang: direct_card(lang, SWAP_BACK, "Anne Hansen"),
    "swap_approval": lambda lang: approval_card(lang, 7, "Bo Jensen", "Anne Hansen", MONDAY),
    "cover": lambda lang: cover_card_for(
        lang,
        "Anne Hansen",
        "Bo Jensen",
        "2",
        [("Bo Jensen", "2"), ("Camilla Nielsen", "3")],
        FLOW,
        1,
    ),
    "weekly_report": lambda lang: report_card(
        lang,
        [Bar("52", 14, 6), Bar("1", 9, 4), Bar("2", 0, 0), Bar("3", 21, 12), Bar("4", 17, 8)],
        "https://hotline.kommune.dk/web/tal",
    ),
    "verdict": lambda lang: cards.card(
        [
            cards.heading(t(lang, "verdict_no")),
            cards.text(t(lang, "verdict_where", target="Ydelseskontoret", phone=", 70 00 00 00")),
            cards.text(t(lang, "verdict_reasons", reasons="refusion"), subtle=True),
        ]
    ),
}


def every_card() -> dict[str, dict[str, Any]]:
    """`name.lang` → card, for every card and both languages."""
    return {f"{name}.{lang}": build(lang) for name, build in CARDS.items() for lang in ("da", "en")}
