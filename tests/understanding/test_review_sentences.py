"""Sentences an independent review wrote against the recogniser (2026-12-01): ordinary chat
that rules added for the blind sets had turned into changes, questions to colleagues the
nearest-example reading answered, and slots it got wrong."""

from datetime import date

import pytest

from understanding import CHANGES_DATA, READ_ONLY, understand
from understanding.figures import ROSTER, TODAY

CHATTER = (
    "can you upload the file to teams",
    "we moved the chat from slack to teams last year",
    "we split into two teams for the quiz on friday",
    "I posted it here in the channel yesterday",
    "kan vi ikke bare snakke her i kanalen",
    "jeg smider lige referatet her i kanalen",
    "I set my alarm on the phone",
    "has anyone set Bo up on the phone system yet",
    "hvem kan tage referat på mødet i morgen",
    "nogen der kan tage imod pakken i dag",
    "hvem kan tage børnene fredag",
    "hvem kan dække kaffevagten i morgen",
    "is anyone free to cover the meeting tomorrow",
    "someone able to cover reception on friday",
    "I can't do the phone interview tomorrow, can we move it",
    "jeg kan ikke klare telefonen der ringer hele tiden",
    "jeg er blevet dårlig til at svare på mails",
    "min telefon er blevet dårlig til at holde strøm",
    "sorry for the absence of updates this week",
    "jeg oprettede en sag i servicedesk i går om printeren",
    "I'll reset my calendar for the new year",
    "jeg kan ikke komme til frokost i morgen",
    "min kollega er syg, jeg kan ikke komme til frokost",
    "jeg kan ikke komme til fødselsdagen på fredag, min datter er syg",
    "I can't come in to the lunch on friday, my wife is sick",
)
COLLEAGUE_QUESTIONS = (
    "hvad er der kommet ind i køleskabet i dag",
    "hvem er med til fredagsbar i dag",
    "hvordan ser det ud med kaffen",
    "what came in the post today",
    "who is in the running club this year",
    "how does the canteen menu look this week",
    "what's the status on the coffee machine",
    "kan jeg se dine billeder fra turen",
    "min kone vil gerne se hvem der er med i teamet",
    "skal jeg have fri i julen eller ej",
)


@pytest.mark.parametrize("said", CHATTER)
def test_chatter_is_no_change(said: str) -> None:
    assert understand(said, TODAY, ROSTER).intent not in CHANGES_DATA


@pytest.mark.parametrize("said", COLLEAGUE_QUESTIONS)
def test_a_question_to_a_colleague_is_not_the_bots(said: str) -> None:
    assert understand(said, TODAY, ROSTER).intent not in CHANGES_DATA | READ_ONLY


@pytest.mark.parametrize(
    ("said", "intent", "slots"),
    [
        ("jeg har fri torsdag i denne uge", "away", {"date": "2026-12-10", "kind": "fri"}),
        ("sæt Bo på vagt torsdag i denne uge", "set_duty", {"date": "2026-12-10", "person": "Bo"}),
        (
            "I'm on holiday for three weeks 20 december to 10 january",
            "away",
            {"first": "2026-12-20", "last": "2027-01-10", "kind": "ferie"},
        ),
        ("Jeg har talt med Karen, giv sag 18 til Bo", "reassign", {"case": "18", "target": "Bo"}),
        ("I talked to Karen, give case 18 to Bo", "reassign", {"case": "18", "target": "Bo"}),
    ],
)
def test_slots(said: str, intent: str, slots: dict[str, str]) -> None:
    got = understand(said, TODAY, ROSTER)
    assert (got.intent, dict(got.slots)) == (intent, slots)


def test_a_description_keeps_its_own_words() -> None:
    said = "caller says you promised a callback, employer wants a retention plan - is that you?"
    got = understand(said, TODAY, ROSTER)
    assert got.intent == "check"
    assert got.slots["text"] == (
        "caller says you promised a callback, employer wants a retention plan"
    )


def test_a_very_long_message_is_not_read() -> None:
    said = "overdrag sag 12 " + "Bo " * 10_600
    assert understand(said, date(2026, 12, 7), ROSTER).intent == "none"
