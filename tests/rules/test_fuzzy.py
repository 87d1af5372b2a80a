"""The one near-match function: by letters in common (command hints) or by edits (typos)."""

from rules.fuzzy import nearest


def test_the_most_similar_choice_above_the_cutoff() -> None:
    assert nearest("medlemer", ["medlemmer", "mine sager", "vagt"]) == "medlemmer"
    assert nearest("membres", ["members", "my cases"]) == "members"
    assert nearest("qqqqqq", ["medlemmer", "vagt"]) is None
    assert nearest("vagtpaln", ["vagt", "vagtplan"]) == "vagtplan"


def test_by_edits_one_letter_inserted_deleted_or_changed() -> None:
    for typed in ("sygmeldt", "sygemeldtt", "sygemelft"):
        assert nearest(typed, ("sygemeldt",), edits=1) == "sygemeldt"
    assert nearest("sgemelt", ("sygemeldt",), edits=1) is None  # two letters away
    assert nearest("arbejdsgivr", ("arbejdstid", "arbejdsgiver"), edits=1) == "arbejdsgiver"
    assert nearest("xyz", ("arbejdsgiver",), edits=1) is None
