import pytest

from rules.cpr import any_cpr, contains_cpr, mask_cpr


@pytest.mark.parametrize(
    "text",
    [
        "010190-1234",
        "0101901234",
        "010190 1234",
        "cpr: 311299-0001",
        "substitut 610190-1234",
        "910190-1234 er et erstatningsnummer",
        "(150675-4321)",
    ],
)
def test_finds_cpr_numbers_with_or_without_dash(text: str) -> None:
    assert contains_cpr(text)
    assert "XXXXXX-XXXX" in mask_cpr(text)


@pytest.mark.parametrize(
    "text",
    [
        "70123456",
        "70 12 34 56",
        "+45 70123456",
        "320190-1234",
        "011390-1234",
        "2027-01-05",
        "sag #12",
        "01019012345",
        "1010190-1234",
    ],
)
def test_leaves_phone_numbers_dates_and_impossible_days_alone(text: str) -> None:
    assert not contains_cpr(text)


def test_searches_nested_card_values() -> None:
    assert any_cpr({"a": ["x", {"note": "010190-1234"}]})
    assert not any_cpr({"a": ["x", {"note": "ok"}], "n": 5})
