"""The targets of #14 on the labelled phrase corpus (tests/data/README-phrases.md)."""

import pytest

from understanding import CHANGES_DATA, understand
from understanding.figures import OWN_SETS, ROSTER, TODAY, Row, _comparable, load, load_own, score


@pytest.fixture(scope="module")
def rows() -> list[Row]:
    return load()


def test_tune_split_intents_and_slots_at_least_95_percent(rows: list[Row]) -> None:
    result = score(rows, "tune")
    assert result.intent_accuracy >= 0.95, result.errors
    assert result.slot_accuracy >= 0.95, result.errors


def test_check_split_intents_and_slots_at_least_90_percent(rows: list[Row]) -> None:
    """The held-out rows, never tuned on (understanding/examples.tsv leaves them out too)."""
    result = score(rows, "check")
    assert result.intent_accuracy >= 0.90
    assert result.slot_accuracy >= 0.90


@pytest.mark.parametrize("split", ["tune", "check"])
def test_no_chatter_turns_into_a_change(rows: list[Row], split: str) -> None:
    """Counted, not listed: a failure must not show the held-out rows to whoever tunes."""
    result = score(rows, split)
    assert len(result.must_not) == 0
    assert len(result.wrong_change) == 0


def _own(name: str) -> list[tuple[str, str, dict[str, str]]]:
    return [(r.phrase, r.intent, r.slots) for r in load_own(name)]


@pytest.mark.parametrize(
    ("phrase", "intent", "slots"), [p for name in OWN_SETS for p in _own(name)]
)
def test_own_paraphrases(phrase: str, intent: str, slots: dict[str, str]) -> None:
    """Sentences written for the recogniser, beside the corpus, each read right: our own
    paraphrases, and four blind sets, written without sight of the corpus or the code. Before
    each was tuned on, the recogniser read 89.8 % (fresh.tsv), 86.1 % (fresh2), 80.8 %
    (fresh3) and 79.0 % (fresh4) of their intents right (tests/data/README-phrases.md)."""
    got = understand(phrase, TODAY, ROSTER)
    assert (got.intent, _comparable(got.slots)) == (intent, _comparable(slots))
    if intent in ("none", "smalltalk"):
        assert got.intent not in CHANGES_DATA


@pytest.mark.parametrize("name", ["adversarial.tsv", "adversarial2.tsv"])
def test_adversarial_chatter_never_turns_into_a_change(name: str) -> None:
    """Sentences two independent reviewers aimed at the rules' weak spots (office chatter
    with the bot's words, codes for printers, `min søn vil tage min telefon`, hearsay, habits,
    citizens' and relatives' sickness, other workplaces' rotas) and requests in new short
    forms: 295 and 408 rows. Before the fixes 99 of the first set's 189 chatter rows, and then
    233 of the second's 321, became a change; none may."""
    result = score(load_own(name), "own")
    assert result.must_not == []
    assert result.wrong_change == []
    assert result.intent_accuracy >= 0.95
