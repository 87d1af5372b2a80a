"""The switchboard's verdicts: every labelled call in the specification, plus our own."""

import csv
from pathlib import Path

import pytest

from dialogs.switchboard_rules import build
from rules.eligibility import classify

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
