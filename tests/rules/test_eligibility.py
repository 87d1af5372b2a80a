"""The switchboard's verdicts: every labelled call in the specification, plus our own."""

import csv
from pathlib import Path

import pytest

from bot.config import ConfigError
from dialogs.switchboard_rules import build
from rules.eligibility import classify
from tests.switchboard_figures import OWN, figures, report, rows

RULES = build({})
SPEC = Path(__file__).parent.parent / "data" / "switchboard-calls.tsv"


def labelled() -> list[tuple[str, str]]:
    with SPEC.open(encoding="utf-8") as handle:
        return [
            (row["verdict"], row["description"]) for row in csv.DictReader(handle, delimiter="\t")
        ]


def test_the_specification_has_every_kind_of_row() -> None:
    verdicts = [v for v, _ in labelled()]
    assert len(verdicts) == 40
    assert {verdicts.count(v) for v in ("yes", "no", "unsure")} == {20, 17, 3}


@pytest.mark.parametrize(("expected", "call"), labelled())
def test_every_labelled_call(expected: str, call: str) -> None:
    verdict = classify(call, RULES.signals)
    assert verdict.verdict == expected, (call, verdict)
    if expected != "unsure":
        assert verdict.reasons  # it says why


@pytest.mark.parametrize(
    ("expected", "category", "call"),
    [
        ("yes", "fast_track", "Arbejdsgiver vil høre om Fast-track"),
        ("yes", "health", "Medarbejder er sygmeldt med angst, arbejdsgiveren vil hjælpe"),  # typo
        (
            "yes",
            "health",
            "Lederen ringer: medarbejderen har kræft og vi er bange for at miste hende",
        ),
        ("yes", "retention", "The employer wants a work trial for a colleague after an accident"),
        ("no", "payment", "Hvornår bliver pengene udbetalt?"),
        ("no", "unemployed", "Jeg er ledig og syg"),
        ("no", "complaint", "Borger vil klage over sin afgørelse"),
        ("no", "nemrefusion", "Virksomhed har problemer med NemRefusion-anmeldelsen"),
        ("unsure", "unclear", "Arbejdsgiver har spørgsmål om refusion og fast track"),
        ("unsure", "unclear", "Medarbejder ringer"),
        ("unsure", "unclear", "Medarbejder er ikke syg"),
        ("unsure", "unclear", ""),
    ],
)
def test_our_own_calls(expected: str, category: str, call: str) -> None:
    verdict = classify(call, RULES.signals)
    assert (verdict.verdict, verdict.category) == (expected, category), verdict


def test_reasons_quote_the_words_as_written() -> None:
    verdict = classify("Arbejdsgiver ringer: medarbejder er SYGEMELDT med stress", RULES.signals)
    assert verdict.reasons == ("Arbejdsgiver", "medarbejder", "SYGEMELDT", "stress")


def test_the_whole_table_meets_the_targets() -> None:
    """Shared rows plus our own: no payment, refund, complaint, existing-case or
    unemployment call is ever put through, and at least 95 % are right (destination too)."""
    result = figures(RULES)
    assert result.total >= len(labelled()) + 100
    assert result.never_yes_as_yes == [], report(result)
    assert result.share >= 0.95, report(result)


def test_our_own_rows_name_a_destination_for_every_no() -> None:
    own = rows(OWN, "own")
    assert all(row.destination in RULES.referrals for row in own if row.expected == "no")


@pytest.mark.parametrize(
    ("expected", "category", "call"),
    [
        # A negation cancels no topic: "has not been paid" is the typical payment call.
        ("no", "payment", "Arbejdsgiveren har ikke fået refusion for en sygemeldt medarbejder"),
        ("no", "payment", "Medarbejderen er sygemeldt og har ikke fået udbetalt sygedagpenge"),
        ("no", "payment", "employer has not received the refund for a sick employee"),
        # ...and it still turns a health signal around.
        ("unsure", "unclear", "Medarbejder er ikke syg"),
        ("yes", "retention", "Medarbejder ringer, han vil ikke miste jobbet"),
        # A clear payment, refund, complaint or case topic decides whoever calls.
        ("no", "payment", "Sygemeldt ansat spørger hvornår sygedagpenge bliver udbetalt"),
        ("no", "complaint", "Sygemeldt medarbejder vil klage over afgørelsen"),
        ("no", "existing_case", "Sygemeldt medarbejder vil tale med sin sagsbehandler"),
        ("no", "nemrefusion", "Arbejdsgiver vil anmelde sygefravær"),
        ("no", "nemrefusion", "Arbejdsgiveren har anmeldt en medarbejder syg for sent"),
        # ...but beside a strong hotline topic the operator has to ask.
        ("unsure", "unclear", "Arbejdsgiver har spørgsmål om refusion og fast track"),
        ("no", "unemployed", "Arbejdsløs borger er blevet syg"),
        ("unsure", "unclear", "Hr. Hansen ringer om sin kones sygdom"),
        ("yes", "health", "HR ringer om en ansat med stress"),
        ("no", "existing_case", "Medarbejder i ressourceforløb er sygemeldt og har spørgsmål"),
        ("no", "existing_case", "Arbejdsgiver ringer om en ansat i jobafklaring"),
        ("no", "labour_law", "Medarbejder spørger om barns sygedag, hendes søn er syg"),
        ("no", "labour_law", "Arbejdsgiver vil vide om han må afskedige en sygemeldt medarbejder"),
        ("no", "labour_law", "Sygemeldt medarbejder spørger om løn under sygdom"),
        ("no", "work_injury", "Ansat har fået en arbejdsskade og vil søge erstatning"),
        ("no", "work_injury", "Arbejdsgiver vil vide hvordan man anmelder en arbejdsskade"),
        ("no", "citizen_service", "Borger skal have fornyet sit pas"),
        ("no", "citizen_service", "Borger har mistet sit kørekort"),
        ("no", "citizen_service", "Borger vil bestille nyt sundhedskort"),
        ("no", "citizen_service", "Borger er flyttet og vil melde flytning"),
        (
            "yes",
            "early_help",
            "Arbejdsgiver vil gerne have et møde med medarbejderen og jobcentret",
        ),
        ("yes", "early_help", "Ansat ringer, hun vil gerne tilbage til arbejdet på nedsat tid"),
        ("yes", "early_help", "Arbejdsgiver har spørgsmål til mulighedserklæringen"),
        ("yes", "early_help", "Arbejdsgiver vil bede en medarbejder om en friattest"),
        ("yes", "health", "Lederen ringer: en af hendes folk er sygemeldt med stress"),
        ("yes", "health", "Chefen ringer, en af hans folk er ved at gå ned med stress"),
    ],
)
def test_the_cases_of_issue_12(expected: str, category: str, call: str) -> None:
    verdict = classify(call, RULES.signals)
    assert (verdict.verdict, verdict.category) == (expected, category), verdict


def test_the_first_listed_place_wins_when_several_fit() -> None:
    # "logge ind" (Mit Sygefravær) and NemRefusion: the rules list NemRefusion first.
    verdict = classify("Arbejdsgiver kan ikke logge ind i NemRefusion", RULES.signals)
    assert (verdict.verdict, verdict.category) == ("no", "nemrefusion")


def test_a_centres_own_no_signal_beside_a_sick_employee_asks() -> None:
    own = build(
        {
            "signals": {"canteen": {"verdict": "no", "phrases": ["kantine*"]}},
            "referrals": {"canteen": {"da": "Kantinen", "en": "The canteen", "phone": ""}},
        }
    )
    sick = classify("Sygemeldt medarbejder spørger til kantinen", own.signals)
    assert sick.verdict == "unsure"
    assert classify("Borger spørger til kantinen", own.signals).category == "canteen"


def test_a_centre_can_make_its_own_no_signal_decide() -> None:
    own = build(
        {
            "signals": {"canteen": {"verdict": "no", "decides": True, "phrases": ["kantine*"]}},
            "referrals": {"canteen": {"da": "Kantinen", "en": "The canteen", "phone": ""}},
        }
    )
    verdict = classify("Sygemeldt medarbejder spørger til kantinen", own.signals)
    assert (verdict.verdict, verdict.category) == ("no", "canteen")


def test_a_centre_that_turns_a_default_no_into_a_hotline_signal_keeps_working() -> None:
    own = build({"signals": {"payment": {"verdict": "strong"}}})
    verdict = classify("Arbejdsgiver spørger om refusion", own.signals)
    assert (verdict.verdict, verdict.category) == ("yes", "payment")


def test_decides_must_be_true_or_false() -> None:
    source = '[switchboard.signals.payment]\ndecides = "yes"\n'
    with pytest.raises(ConfigError, match="line 1: payment decides must be true or false"):
        build({"signals": {"payment": {"decides": "yes"}}}, source=source)
