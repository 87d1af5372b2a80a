from datetime import date

import pytest

from rules.working_days import Calendar, holiday_name

DEFAULT = Calendar.of(["12-24"])


@pytest.mark.parametrize(
    "day",
    [
        date(2027, 3, 25),
        date(2027, 3, 26),
        date(2027, 3, 29),  # Easter 2027
        date(2027, 5, 6),
        date(2027, 5, 17),  # Ascension, Whit Monday
        date(2028, 6, 5),  # Whit Monday and Grundlovsdag at once
        date(2026, 12, 25),
        date(2027, 1, 1),
        date(2026, 4, 6),
        date(2028, 4, 13),
        date(2026, 12, 24),
        date(2027, 12, 24),
    ],  # the default closed day
)
def test_holidays_and_closed_days_are_not_working_days(day: date) -> None:
    assert not DEFAULT.is_working_day(day)


@pytest.mark.parametrize(
    "day",
    [
        date(2024, 4, 26),
        date(2026, 5, 1),
        date(2027, 4, 23),
        date(2028, 5, 12),  # Store Bededag
        date(2026, 12, 31),
        date(2027, 6, 4),
        date(2027, 5, 7),
        date(2027, 3, 24),
    ],
)
def test_store_bededag_new_years_eve_and_may_day_are_working_days(day: date) -> None:
    assert DEFAULT.is_working_day(day), day


def test_weekends_and_a_teams_own_closed_days() -> None:
    assert not DEFAULT.is_working_day(date(2027, 1, 2))  # Saturday
    team = Calendar.of(["12-24", "12-31", "2027-06-04"])
    assert not team.is_working_day(date(2026, 12, 31))
    assert not team.is_working_day(date(2027, 6, 4))
    assert team.is_working_day(date(2028, 6, 2))


def test_stepping_over_christmas_and_easter() -> None:
    assert DEFAULT.next_working_day(date(2026, 12, 23)) == date(2026, 12, 28)
    assert DEFAULT.next_working_day(date(2027, 3, 24)) == date(2027, 3, 30)
    assert DEFAULT.previous_working_day(date(2027, 3, 30)) == date(2027, 3, 24)
    assert DEFAULT.add_working_days(date(2027, 3, 23), 2) == date(2027, 3, 30)
    assert DEFAULT.next_working_day(date(2027, 1, 4), include=True) == date(2027, 1, 4)
    assert len(DEFAULT.working_days(date(2027, 3, 22), date(2027, 4, 2))) == 7


def test_holiday_names_in_both_languages() -> None:
    assert holiday_name(date(2027, 5, 6)) == "Kristi himmelfartsdag"
    assert holiday_name(date(2027, 5, 6), "en") == "Ascension Day"
    assert holiday_name(date(2027, 5, 7)) is None


@pytest.mark.parametrize("language", ["da", "en_US"])
def test_the_public_holidays_are_the_holidays_packages_every_year(language: str) -> None:
    """rules/working_days.py works Denmark's holidays out itself (the `holidays` package loads
    every country it knows, 17 MB, to give one): the same days and names, 1900-2100."""
    import holidays

    from rules.working_days import _public_holidays

    for year in range(1900, 2101):
        expected = holidays.country_holidays(
            "DK", years=year, language=language, categories=("public",)
        )
        assert _public_holidays(year, language) == dict(expected.items())
