"""Variants of the tuned sentences that keep their meaning are read as the originals (#14)."""

from understanding.robustness import run


def test_variants_keep_intent_and_slots_and_never_turn_chatter_into_a_change() -> None:
    outcomes = run()
    kept = sum(o.kept for o in outcomes) / len(outcomes)
    assert [o.variant.phrase for o in outcomes if o.must_not] == []
    assert kept >= 0.98, kept
