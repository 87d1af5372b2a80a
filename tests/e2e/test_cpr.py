"""CPR numbers through Teams, however they were pasted: refused in the user's language, stored
nowhere, logged nowhere; a CPR number in a name Teams supplies is blanked instead."""

import logging

import pytest
from sqlalchemy import select, text

from dialogs.messages import t
from store.db import unit_of_work
from store.models import Member, Team
from tests.e2e.flows import INTAKE, submit_data
from tests.e2e.people import LIS, TEAM
from tests.e2e.teams import Teams, User, teams_session
from tests.e2e.test_cases import log_case
from tests.e2e.test_swaps import ready

EN_DASH_CPR = "010190\u20131234"  # what Word and Outlook paste for 010190-1234

PASTED = [
    ("employee", EN_DASH_CPR),
    ("note", "ring om 010190\u20111234 i morgen"),  # non-breaking hyphen
    ("company", "01 01 90 1234"),
    ("contact_phone", "\uff10\uff11\uff10\uff11\uff19\uff10\uff0d\uff11\uff12\uff13\uff14"),
]


@pytest.mark.parametrize(
    "message",
    [
        f"medarbejder {EN_DASH_CPR} er syg",
        "cpr:0101901234",
        "ring om 01.01.90-1234 i dag",
        "010190\u00a0-\u00a01234",
    ],
)
async def test_a_pasted_cpr_in_a_chat_message_is_refused(sqlite_url: str, message: str) -> None:
    async with teams_session(sqlite_url) as teams:
        replies = await teams.say(teams.personal(LIS, message))
        assert [r.text for r in replies] == [t("da", "cpr_refused")]


async def test_phone_numbers_cvr_numbers_and_dates_are_not_refused(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        for message in (
            "ring 0045 12 34 56 78 eller +45 12345678",
            "CVR 12345678 den 01.01.2027",
            "mødet 1/1-2027 kl. 10",
        ):
            replies = await teams.say(teams.personal(LIS, message))
            assert replies and replies[0].text != t("da", "cpr_refused"), message


async def _cases(teams: Teams) -> list[object]:
    async with unit_of_work(teams.services.sessions) as session:
        return list(await session.execute(text("SELECT * FROM cases")))


@pytest.mark.parametrize(("field", "value"), PASTED)
async def test_a_pasted_cpr_in_a_card_field_is_refused_in_danish_and_no_case_is_stored(
    sqlite_url: str, field: str, value: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    async with teams_session(sqlite_url) as teams:
        await ready(teams)
        await teams.at("2027-01-04 10:00")
        refused = await log_case(teams, LIS, "2027-01-04 09:00", **{field: value})
        assert [r.text for r in refused] == [t("da", "cpr_refused")]
        assert await _cases(teams) == []
    assert value not in caplog.text and "010190" not in caplog.text


async def test_the_store_refuses_a_cpr_the_turn_guard_let_through_and_keeps_nothing(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """The columns themselves refuse: a dialog or a future way in that skips the turn's check
    still stores nothing, and the person is told why in their language, not with an error."""
    caplog.set_level(logging.DEBUG)
    async with teams_session(sqlite_url) as teams:
        await ready(teams)
        await teams.at("2027-01-04 10:00")
        monkeypatch.setattr("dialogs.turn.any_cpr", lambda value: False)
        card = (await teams.say(teams.personal(LIS, "ny sag")))[0]
        assert card.card is not None
        value = {
            **submit_data(card.card),
            **INTAKE,
            "call_date": "2027-01-04",
            "call_time": "09:00",
            "employee": EN_DASH_CPR,
        }
        refused = await teams.say(teams.personal(LIS, "", value=value, reply_to=card.activity_id))
        assert [r.text for r in refused] == [t("da", "cpr_refused")]
        await teams.say(teams.personal(LIS, "language english"))  # her choice decides
        english = teams.personal(LIS, "", value=value, reply_to=card.activity_id)
        assert [r.text for r in await teams.say(english)] == [t("en", "cpr_refused")]
        await teams.say(teams.personal(LIS, "sprog dansk"))
        assert await _cases(teams) == []
        # Rolled back: the card was not used up, and the case number was not spent.
        fixed = {**value, "employee": "K.L."}
        created = await teams.say(teams.personal(LIS, "", value=fixed, reply_to=card.activity_id))
        assert "Sag #1 er oprettet" in created[0].card_text, created[0].text
    assert "refused at the store" in caplog.text
    assert EN_DASH_CPR not in caplog.text and "010190" not in caplog.text


async def test_a_cpr_in_a_name_teams_supplies_is_blanked_and_the_team_still_works(
    sqlite_url: str,
) -> None:
    odd = User("odd", f"Ole Olsen {EN_DASH_CPR}")
    async with teams_session(sqlite_url) as teams:
        teams.roster(*TEAM, odd)
        installed = await teams.say(teams.install(LIS, name=f"Sygedagpenge {EN_DASH_CPR}"))
        assert len(installed) == 1 and installed[0].card is not None
        answer = await teams.say(teams.personal(odd, "hjælp"))
        assert answer and answer[0].text != t("da", "cpr_refused")
        async with unit_of_work(teams.services.sessions) as session:
            names = set(await session.scalars(select(Member.name)))
            team_name = await session.scalar(select(Team.name))
            dump = ""
            for table in (
                "members",
                "teams",
                "memberships",
                "conversation_refs",
                "card_flows",
                "audit_log",
                "outbox",
            ):
                dump += str(list(await session.execute(text(f"SELECT * FROM {table}"))))
        assert "Ole Olsen [CPR]" in names and team_name == "Sygedagpenge [CPR]"
        assert "010190" not in dump
