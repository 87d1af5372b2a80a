"""Cases: the duty holder logs calls, follows them, passes overflow on, and meets deadlines.

The dialogs live by concern (intake, outcomes, lists, reassignment, reminders, cards); the
rules in domain/cases.py and domain/case_outcomes.py. This module names what the routing
table, the announcements and the card catalogue use.
"""

from dialogs.case_cards import case_card, case_card_for, intake_card
from dialogs.case_intake import create_case, new_case
from dialogs.case_lists import cases_period, my_cases, show_case
from dialogs.case_outcomes import save_outcome
from dialogs.case_reassignment import confirm_reassign, reassign
from dialogs.case_reminders import tick_cases
from dialogs.case_texts import outcome_summary
from domain.cases import CALLERS, OUTCOMES, TOPICS

__all__ = [
    "CALLERS",
    "OUTCOMES",
    "TOPICS",
    "case_card",
    "case_card_for",
    "cases_period",
    "confirm_reassign",
    "create_case",
    "intake_card",
    "my_cases",
    "new_case",
    "outcome_summary",
    "reassign",
    "save_outcome",
    "show_case",
    "tick_cases",
]
