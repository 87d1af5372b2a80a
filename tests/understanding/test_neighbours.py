"""The nearest-example second opinion (understanding/neighbours.py): questions only, from the
labelled sentences the package ships, never from the held-out check rows."""

from understanding import CHANGES_DATA, READ_ONLY, understand
from understanding.examples import rendered, sources
from understanding.figures import ROSTER, TODAY, load, load_own
from understanding.intents import canonical, normalise, score
from understanding.neighbours import EXAMPLES, SIMILAR_ENOUGH, vote, words


def test_the_shipped_examples_are_made_from_the_sources() -> None:
    assert EXAMPLES.read_text(encoding="utf-8") == rendered(sources()), (
        "run: python -m understanding.examples --write"
    )


def test_the_examples_hold_no_check_row() -> None:
    corpus = load()
    check = {row.phrase for row in corpus if row.split == "check"}
    assert check  # the corpus has its held-out rows
    assert not {phrase for phrase, _ in sources()} & check
    check_words = {words(canonical(phrase)) for phrase in check}
    assert not {words(canonical(phrase)) for phrase, _ in sources()} & check_words
    tune = sum(1 for row in corpus if row.split == "tune")
    assert len(sources()) > tune + len(load_own("paraphrases.tsv")) + len(load_own("fresh.tsv"))


def test_a_question_no_pattern_knows_is_read_by_its_neighbours() -> None:
    said = "kan jeg se de opkald der er kommet ind"
    assert score(normalise(canonical(said))) == []  # no pattern reads it
    assert understand(said, TODAY, ROSTER).intent == "cases_today"


def test_a_change_is_never_read_by_resemblance() -> None:
    """Sentences that look very like a swap, an absence or a sick report, but that no pattern
    reads: their neighbours vote for the change, and the answer is still `none`."""
    for said in (
        "har nogen lyst til at min vagt den 24.? jeg tager gerne en af jeres i januar",
        "@Lars Berg holder i uge 52",
        "er desværre syg :(",
    ):
        assert score(normalise(canonical(said))) == []
        intent, similarity = vote(canonical(said))
        assert intent in CHANGES_DATA and similarity >= SIMILAR_ENOUGH
        assert understand(said, TODAY, ROSTER).intent == "none"


def test_nothing_like_an_example_stays_not_understood() -> None:
    for said in ("hvad er klokken på mars", "the cat sat on the mat"):
        got = understand(said, TODAY, ROSTER)
        assert got.intent not in READ_ONLY | CHANGES_DATA


def test_a_switchboard_description_in_an_unknown_frame_is_the_whole_message() -> None:
    said = "borger ringer om sin arbejdsgiver der vil have en fastholdelsesplan"
    got = understand(said, TODAY, ROSTER)
    if got.intent == "check":
        assert got.slots["text"] in said
