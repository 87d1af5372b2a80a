import pytest

from rules.team_values import (
    BadValue,
    format_closed_day,
    parse_closed_days,
    parse_hhmm,
    parse_phone,
)
from rules.weekdays import BadWeekdays, format_weekdays, parse_weekdays

DA = ["man", "tir", "ons", "tor", "fre", "lør", "søn"]


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("man-tor", {0, 1, 2, 3}),
        ("mon-thu", {0, 1, 2, 3}),
        ("man,ons,fre", {0, 2, 4}),
        ("Mandag-Fredag", {0, 1, 2, 3, 4}),
        ("tirs", {1}),
        ("mon, wed", {0, 2}),
    ],
)
def test_parse_weekdays(text: str, days: set[int]) -> None:
    assert parse_weekdays(text) == days


@pytest.mark.parametrize("text", ["", "fisk", "tor-man", "man-tir-ons", "mandag-fisk"])
def test_bad_weekdays(text: str) -> None:
    with pytest.raises(BadWeekdays):
        parse_weekdays(text)


def test_format_weekdays() -> None:
    assert format_weekdays(frozenset({0, 1, 2, 3}), DA) == "man-tor"
    assert format_weekdays(frozenset({0, 2, 4}), DA) == "man, ons, fre"


def test_phone_numbers() -> None:
    assert parse_phone("70123456") == "70 12 34 56"
    assert parse_phone("+45 70 12 34 56") == "70 12 34 56"
    for bad in ("123", "7012345a", "+46 70123456"):
        with pytest.raises(BadValue):
            parse_phone(bad)


def test_times() -> None:
    assert parse_hhmm("8:00") == "08:00"
    assert parse_hhmm("07.30") == "07:30"
    for bad in ("24:00", "8", "08:60"):
        with pytest.raises(BadValue):
            parse_hhmm(bad)


def test_closed_days() -> None:
    assert parse_closed_days("24.12, 31.12.2027 2028-06-05") == (
        "12-24",
        "2027-12-31",
        "2028-06-05",
    )
    assert parse_closed_days("29.02") == ("02-29",)
    assert format_closed_day("12-24") == "24.12"
    assert format_closed_day("2027-12-31") == "31.12.2027"
    with pytest.raises(BadValue) as err:
        parse_closed_days("24.12, 31.02")
    assert err.value.value == "31.02"
