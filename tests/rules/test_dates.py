from datetime import date

import pytest

from rules.dates import BadDate, NoSuchDate, parse_date

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
        "29.2",  # the next February, 2027, has none: not a date in 2028
        "29. februar",
    ],
)
def test_bad_or_impossible_dates(text: str) -> None:
    with pytest.raises(BadDate):
        parse_date(text, TODAY)


def test_29_february_when_the_year_meant_has_one() -> None:
    assert parse_date("29.2", date(2027, 12, 30)) == date(2028, 2, 29)
    assert parse_date("29.2", date(2028, 3, 10), "back") == date(2028, 2, 29)
    assert parse_date("29.2", date(2029, 1, 10), "back") == date(2028, 2, 29)
    with pytest.raises(BadDate):
        parse_date("29.2", date(2027, 3, 10), "back")  # February just gone had none


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        ("5.1", date(2027, 3, 22), date(2027, 1, 5)),  # not 5 January 2028
        ("5.1", date(2027, 1, 5), date(2027, 1, 5)),
        ("6.1", date(2027, 1, 5), date(2026, 1, 6)),
        ("24.12", date(2027, 1, 5), date(2026, 12, 24)),
        ("5. januar", date(2027, 3, 22), date(2027, 1, 5)),
        ("5.1.2028", date(2027, 3, 22), date(2028, 1, 5)),  # a year given is kept
        ("mandag", date(2027, 3, 24), date(2027, 3, 22)),
        ("mandag", date(2027, 3, 22), date(2027, 3, 22)),
        ("fredag", date(2027, 3, 22), date(2027, 3, 19)),
        ("i går", date(2027, 3, 22), date(2027, 3, 21)),
    ],
)
def test_looking_back_finds_the_most_recent_past_date(
    text: str, today: date, expected: date
) -> None:
    assert parse_date(text, today, "back") == expected


def test_paa_mandag_on_a_monday_is_next_weeks_monday() -> None:
    monday = date(2027, 3, 22)
    assert parse_date("på mandag", monday) == date(2027, 3, 29)
    assert parse_date("paa mandag", monday) == date(2027, 3, 29)
    assert parse_date("på tirsdag", monday) == date(2027, 3, 23)
    assert parse_date("mandag", monday) == monday


@pytest.mark.parametrize("text", ["31.2", "31.02", "30. februar", "0.1", "5.13", "2027-02-29"])
def test_a_readable_date_the_calendar_lacks_is_no_such_date(text: str) -> None:
    with pytest.raises(NoSuchDate):
        parse_date(text, TODAY)


@pytest.mark.parametrize("text", ["snart", "5. flab", "13/13/13/13", ""])
def test_an_unreadable_date_is_bad_but_not_no_such_date(text: str) -> None:
    with pytest.raises(BadDate) as raised:
        parse_date(text, TODAY)
    assert not isinstance(raised.value, NoSuchDate)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("fredag", date(2026, 12, 11)),
        ("på fredag", date(2026, 12, 11)),
        ("pa fredag", date(2026, 12, 11)),
        ("on friday", date(2026, 12, 11)),
        ("næste fredag", date(2026, 12, 18)),
        ("naeste fredag", date(2026, 12, 18)),
        ("next friday", date(2026, 12, 18)),
        ("fredag i næste uge", date(2026, 12, 18)),
        ("friday next week", date(2026, 12, 18)),
        ("næste mandag", date(2026, 12, 14)),
        ("næste tirsdag", date(2026, 12, 15)),
        ("om to uger", date(2026, 12, 21)),
        ("om 3 uger", date(2026, 12, 28)),
        ("in two weeks", date(2026, 12, 21)),
        ("i overmorgen", date(2026, 12, 9)),
        ("the day after tomorrow", date(2026, 12, 9)),
    ],
)
def test_weekdays_said_on_a_monday(text: str, expected: date) -> None:
    """`næste fredag` is the Friday of next week (a Danish speaker's reading, and the phrase
    corpus's), `på fredag` this week's; the commands and the recogniser share this."""
    assert parse_date(text, date(2026, 12, 7)) == expected


def test_naeste_weekday_is_next_weeks_whatever_day_it_is_said() -> None:
    wednesday = date(2026, 12, 30)
    assert parse_date("næste fredag", wednesday) == date(2027, 1, 8)
    assert parse_date("på fredag", wednesday) == date(2027, 1, 1)
    assert parse_date("næste tirsdag", wednesday) == date(2027, 1, 5)
    assert parse_date("tirsdag", wednesday) == date(2027, 1, 5)
