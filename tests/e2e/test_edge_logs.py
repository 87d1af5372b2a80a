"""What the Teams edge leaves in the log for ordinary traffic."""

import logging

import pytest
from botbuilder.schema.teams import TeamsChannelData

from tests.e2e.flows import install
from tests.e2e.people import ANNE, LIS, TEAM
from tests.e2e.teams import teams_session

NOISE = "is not a known attribute of class"


async def test_install_and_member_events_log_no_msrest_noise(
    sqlite_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    async with teams_session(sqlite_url) as teams:
        await install(teams)
        teams.roster(*TEAM)
        assert await teams.post(teams.members_changed(LIS, added=(ANNE,))) == 201
    assert not [r for r in caplog.records if NOISE in r.getMessage()]
    # Only that one warning is dropped: msrest's other warnings still reach the log.
    TeamsChannelData(somethingNew=1)
    assert [r for r in caplog.records if "somethingNew " + NOISE in r.getMessage()]
