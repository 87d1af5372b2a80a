from rules.names import Named, match_name

PEOPLE = [Named(n, n) for n in ("Anne Hansen", "Anne Larsen", "Bo Jensen", "Søren Østergaard")]


def names(query: str) -> list[str]:
    return [p.item for p in match_name(query, PEOPLE)]


def test_full_name_first_name_and_prefix() -> None:
    assert names("anne hansen") == ["Anne Hansen"]
    assert names("Bo") == ["Bo Jensen"]
    assert names("bo j") == ["Bo Jensen"]
    assert names("jensen") == ["Bo Jensen"]


def test_accents_and_danish_letters_are_folded() -> None:
    assert names("soren") == ["Søren Østergaard"]
    assert names("SOEREN oestergaard") == ["Søren Østergaard"]
    assert names("@søren") == ["Søren Østergaard"]


def test_ambiguous_and_unknown() -> None:
    assert names("anne") == ["Anne Hansen", "Anne Larsen"]
    assert names("zorro") == []
    assert names("") == []
