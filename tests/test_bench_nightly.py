"""The benchmark says when a run crossed the bot's nightly job, whose work it then measured."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bench.__main__ import nightly_within

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


@pytest.mark.parametrize(
    ("began", "minutes", "crossed"),
    [
        ("2026-12-02 02:26", 10, True),
        ("2026-12-02 02:31", 10, False),
        ("2026-12-01 23:55", 160, True),  # across midnight
        ("2026-12-01 20:00", 10, False),
    ],
)
def test_a_run_that_crossed_0230_is_told(began: str, minutes: int, crossed: bool) -> None:
    start = datetime.fromisoformat(began).replace(tzinfo=COPENHAGEN)
    assert nightly_within(start, start + timedelta(minutes=minutes)) is crossed
