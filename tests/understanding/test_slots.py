"""The slot parsers: dates and spans, weeks, people, case numbers, absence kinds."""

from datetime import date

import pytest

from rules.text import fold
from understanding import Understood, understand
from understanding.slots import find_case, find_dates, find_kind, find_people, find_role

MONDAY = date(2026, 12, 7)
ROSTER = ("Bo Jensen", "Mette Lund", "Søren Krog")


def _days(text: str) -> list[tuple[str, str]]:
    return [
        (f.first.isoformat(), f.last.isoformat())
        for f in find_dates(fold(text), MONDAY)
        if f.first and f.last
    ]


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("i dag", "2026-12-07", "2026-12-07"),
        ("i morgen", "2026-12-08", "2026-12-08"),
        ("i overmorgen", "2026-12-09", "2026-12-09"),
        ("på fredag", "2026-12-11", "2026-12-11"),
        ("pa fredag", "2026-12-11", "2026-12-11"),
        ("på mandag", "2026-12-14", "2026-12-14"),
        ("næste fredag", "2026-12-18", "2026-12-18"),
        ("next friday", "2026-12-18", "2026-12-18"),
        ("i fredags", "2026-12-04", "2026-12-04"),
        ("om to uger", "2026-12-21", "2026-12-21"),
        ("den 5. januar", "2027-01-05", "2027-01-05"),
        ("d. 5/1", "2027-01-05", "2027-01-05"),
        ("5.1", "2027-01-05", "2027-01-05"),
        ("jan 5", "2027-01-05", "2027-01-05"),
        ("den 15.", "2026-12-15", "2026-12-15"),
        ("on the 21st", "2026-12-21", "2026-12-21"),
        ("2027-01-05", "2027-01-05", "2027-01-05"),
        ("fra 21.12 til 2.1", "2026-12-21", "2027-01-02"),
        ("21.12-2.1", "2026-12-21", "2027-01-02"),
        ("from Dec 21 to Jan 2", "2026-12-21", "2027-01-02"),
        ("21.-23. december", "2026-12-21", "2026-12-23"),
        ("den 15. og 16.", "2026-12-15", "2026-12-16"),
        ("18. og 21. december", "2026-12-18", "2026-12-21"),
        ("uge 3", "2027-01-18", "2027-01-22"),
        ("uge 52", "2026-12-21", "2026-12-25"),
        ("uge 2-4", "2027-01-11", "2027-01-29"),
        ("i næste uge", "2026-12-14", "2026-12-18"),
        ("januar", "2027-01-01", "2027-01-31"),
        ("mellem jul og nytår", "2026-12-28", "2026-12-31"),
        ("2026-12-21..2027-01-02", "2026-12-21", "2027-01-02"),
        ("21-23/12", "2026-12-21", "2026-12-23"),
        ("jan 11-15", "2027-01-11", "2027-01-15"),
        ("uge 2 til 5", "2027-01-11", "2027-02-05"),
        ("the 4th of january", "2027-01-04", "2027-01-04"),
        ("rota for jan", "2027-01-01", "2027-01-31"),
        ("fra mandag til onsdag i næste uge", "2026-12-14", "2026-12-16"),
    ],
)
def test_dates_and_spans(text: str, first: str, last: str) -> None:
    assert _days(text)[0] == (first, last)


def test_a_day_no_calendar_has_is_no_date() -> None:
    assert _days("31.02") == []


def test_periods_for_the_rota() -> None:
    periods = [
        f.period for f in find_dates(fold("uge 3, næste uge, denne uge, måneden, i år"), MONDAY)
    ]
    assert periods == ["week:3", "next_week", "week", "month", "year"]


@pytest.mark.parametrize(
    ("text", "number"),
    [("sag 12", "12"), ("#12", "12"), ("nr. 12", "12"), ("case #14", "14"), ("sag nr. 9", "9")],
)
def test_case_numbers(text: str, number: str) -> None:
    assert find_case(fold(text)) == number


def test_no_case_number_in_a_date() -> None:
    assert find_case(fold("vagt 5.1")) is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("jeg holder juleferie", "ferie"),
        ("I'm on vacation", "ferie"),
        ("fri i morgen", "fri"),
        ("day off", "fri"),
        ("jeg afspadserer", "afspadsering"),
        ("time off in lieu", "afspadsering"),
        ("kursus", "kursus"),
        ("sygemeldt fra 14.12", "syg"),
        ("på barsel", "barsel"),
        ("maternity leave", "barsel"),
        ("omsorgsdag", "omsorgsdag"),
        ("hjemme med syg barn", None),
    ],
)
def test_absence_kinds(text: str, kind: str | None) -> None:
    assert find_kind(fold(text)) == kind


def test_roles() -> None:
    assert find_role(fold("make Anne a caseworker instead of a lead")) == "caseworker"
    assert find_role(fold("gør Bo til teamleder")) == "lead"
    assert find_role(fold("rolle Anne omstilling")) == "switchboard"
    assert find_role(fold("skal være sagsbehandler")) == "caseworker"


def test_people_mentions_names_and_the_writer() -> None:
    people = find_people("overdrag sag 4 til @Bo Jensen, ellers til mig eller soren", ROSTER)
    assert [p.name for p in people] == ["Bo Jensen", "me", "soren"]


def test_a_first_name_as_written() -> None:
    assert [p.name for p in find_people("giv fredag til mette", ROSTER)] == ["mette"]


def test_understood_is_the_api() -> None:
    got = understand("kan du lige overdrage sag 26 til @Karen Friis, tak!", MONDAY, ROSTER)
    assert isinstance(got, Understood)
    assert (got.intent, dict(got.slots)) == ("reassign", {"target": "Karen Friis", "case": "26"})
    assert 0 <= got.confidence <= 1
    assert len(got.alternatives) <= 3


def test_deterministic() -> None:
    text = "jeg holder ferie fra 21.12 til 2.1"
    assert understand(text, MONDAY) == understand(text, MONDAY)


@pytest.mark.parametrize(
    ("text", "intent", "slots"),
    [
        # short weekdays; Danish `fri` is a day off, Friday only after an English word
        ("jeg holder fri fre", "away", {"date": "2026-12-11", "kind": "fri"}),
        ("am i on duty fri", "duty", {"date": "2026-12-11", "person": "me"}),
        ("hvem har tlf tors", "duty", {"date": "2026-12-10"}),
        ("har Karen mon vagten i overmorgen", "duty", {"date": "2026-12-09", "person": "Karen"}),
        # a list of weekdays runs to its last day, in the week named at its end
        (
            "jeg har ferie mandag, tirsdag og onsdag i næste uge",
            "away",
            {"first": "2026-12-14", "last": "2026-12-16", "kind": "ferie"},
        ),
        (
            "I am off mon to wed next week",
            "away",
            {"first": "2026-12-14", "last": "2026-12-16", "kind": "fri"},
        ),
        # `eller`: two days to choose from, not one offered in return
        ("kan nogen tage min vagt tors eller fre", "swap", {"date": "2026-12-10"}),
        (
            "byt min torsdag i næste uge med Bo mod hans tirsdag",
            "swap",
            {"date": "2026-12-17", "target": "Bo", "offered": "2026-12-15"},
        ),
    ],
)
def test_short_forms_and_lists_of_days(text: str, intent: str, slots: dict[str, str]) -> None:
    got = understand(text, MONDAY, (*ROSTER, "Karen Friis"))
    assert (got.intent, dict(got.slots)) == (intent, slots)
