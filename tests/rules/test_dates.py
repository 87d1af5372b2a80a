from datetime import date

import pytest

from rules.dates import BadDate, parse_date

TODAY = date(2026, 12, 30)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("i dag", TODAY),
        ("I DAG", TODAY),
        ("today", TODAY),
        ("i morgen", date(2026, 12, 31)),
        ("tomorrow", date(2026, 12, 31)),
        ("mandag", date(2027, 1, 4)),
        ("monday", date(2027, 1, 4)),
        ("Mandag", date(2027, 1, 4)),
        ("onsdag", TODAY),
        ("næste onsdag", date(2027, 1, 6)),
        ("fredag", date(2027, 1, 1)),
        ("5/1", date(2027, 1, 5)),
        ("5.1", date(2027, 1, 5)),
        ("5.1.2027", date(2027, 1, 5)),
        ("05.01.27", date(2027, 1, 5)),
        ("5. januar", date(2027, 1, 5)),
        ("5 januar 2028", date(2028, 1, 5)),
        ("5. jan", date(2027, 1, 5)),
        ("2027-01-05", date(2027, 1, 5)),
        ("24.12", date(2026, 12, 24)),
        ("1. december", date(2026, 12, 1)),
        ("29.2", date(2028, 2, 29)),
        ("5 january", date(2027, 1, 5)),
        ("14. maj", date(2027, 5, 14)),
    ],
)
def test_dates_people_write(text: str, expected: date) -> None:
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize(
    "text",
    [
        "31.02",
        "31.02.2027",
        "2027-02-30",
        "32/1",
        "5. frugtober",
        "snart",
        "",
        "13.13",
        "5/1/20277",
    ],
)
def test_bad_or_impossible_dates(text: str) -> None:
    with pytest.raises(BadDate):
        parse_date(text, TODAY)
