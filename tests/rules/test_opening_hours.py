from datetime import datetime, time
from zoneinfo import ZoneInfo

from rules.opening_hours import is_open, next_opening
from rules.working_days import Calendar

CPH = ZoneInfo("Europe/Copenhagen")
HOURS = {d: (time(8), time(15)) for d in range(4)} | {4: (time(8), time(13))}
CAL = Calendar.of(["12-24"])


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=CPH)


def test_open_on_working_days_within_hours() -> None:
    assert is_open(at("2027-01-04 08:00"), CAL, HOURS)
    assert not is_open(at("2027-01-04 15:00"), CAL, HOURS)
    assert is_open(at("2027-01-08 12:59"), CAL, HOURS)
    assert not is_open(at("2027-01-08 13:30"), CAL, HOURS)  # Friday closes at 13
    assert not is_open(at("2027-03-25 10:00"), CAL, HOURS)  # Maundy Thursday


def test_next_opening_skips_evenings_weekends_and_holidays() -> None:
    assert next_opening(at("2027-01-04 07:00"), CAL, HOURS) == at("2027-01-04 08:00")
    assert next_opening(at("2027-01-04 16:00"), CAL, HOURS) == at("2027-01-05 08:00")
    assert next_opening(at("2027-01-08 13:30"), CAL, HOURS) == at("2027-01-11 08:00")
    assert next_opening(at("2027-03-24 15:30"), CAL, HOURS) == at("2027-03-30 08:00")
    assert next_opening(at("2026-12-23 16:00"), CAL, HOURS) == at("2026-12-28 08:00")
