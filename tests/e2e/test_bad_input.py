"""Bad input over HTTP: a clear 4xx, never a 500, and the server keeps serving."""

import io
import json
import logging

import pytest
from sqlalchemy import select, text, update

from bot.logs import log_handler
from store.db import unit_of_work
from store.models import CardFlow, Member
from store.store import Store
from tests.e2e.flows import INTAKE, install, submit_data
from tests.e2e.people import ANNE, BO, LIS
from tests.e2e.teams import teams_session

CPR_TEXTS = [
    "medarbejder 010190-1234 er syg",
    "cpr 0101901234",
    "ring om 3112891234 i dag",
    "substitut 610190 1234",
]


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ("{not json", 400),
        ("[1, 2]", 400),
        ('"a string"', 400),
        ('{"type": "message", "conversation": {"id": "x"}}', 400),  # no serviceUrl
        ('{"type": "message", "serviceUrl": "http://127.0.0.1:1/"}', 400),  # no conversation
        ('{"type": "message", "serviceUrl": "http://127.0.0.1:1/", "conversation": "x"}', 400),
        ('{"serviceUrl": "http://127.0.0.1:1/", "conversation": {"id": "x"}}', 400),  # no type
        ('{"type": 5, "serviceUrl": "http://127.0.0.1:1/", "conversation": {"id": "x"}}', 400),
    ],
)
async def test_malformed_bodies_get_400(sqlite_url: str, body: str, status: int) -> None:
    async with teams_session(sqlite_url) as teams:
        assert await teams.post(body) == status
        assert await teams.say(teams.personal(ANNE, "hjælp"))


async def test_a_bearer_that_is_not_a_jwt_gets_401(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        activity = teams.personal(ANNE, "hjælp")
        for header in ("Bearer not-a-token", "Bearer a.b", "Basic abc"):
            assert await teams.post(activity, {"Authorization": header}) == 401
        assert await teams.say(teams.personal(ANNE, "hjælp"))


async def test_wrong_types_inside_an_activity_get_400(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        for key, value in (("text", 5), ("from", "anne"), ("entities", {}), ("locale", [])):
            activity = teams.personal(ANNE, "hjælp")
            activity[key] = value
            assert await teams.post(activity) == 400, key
        async with teams.http.get(teams.bot_url + "/healthz") as response:
            assert response.status == 200


CPR_LIKE_ID = "ab010190-1234-4abc-8def-0123456789ab"


@pytest.mark.parametrize("message", CPR_TEXTS)
async def test_a_cpr_number_is_refused_and_stored_nowhere(
    sqlite_url: str, message: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    async with teams_session(sqlite_url) as teams:
        await install(teams)
        replies = await teams.say(teams.personal(ANNE, message))
        assert "CPR-nummer" in replies[0].text
        card = await teams.say(teams.personal(BO, "", value={"flow": "x", "note": message}))
        assert "CPR-nummer" in card[0].text
        digits = "".join(c for c in message if c.isdigit())
        async with unit_of_work(teams.services.sessions) as session:
            dump = ""
            for table in (
                "members",
                "card_flows",
                "audit_log",
                "outbox",
                "conversation_refs",
                "teams",
                "memberships",
            ):
                rows = await session.execute(text(f"SELECT * FROM {table}"))
                dump += "\n".join(str(r) for r in rows)
        assert digits[:6] not in dump.replace(" ", "")
        assert digits[:6] not in caplog.text
    assert message not in caplog.text


async def test_a_card_whose_random_id_looks_like_a_cpr_number_still_works(
    sqlite_url: str,
) -> None:
    """Flow ids are UUIDs; 'ab010190-1234-…' holds a CPR-shaped run of digits. Found by the
    twenty-at-once intake test, where one card in a few hundred was refused."""
    async with teams_session(sqlite_url) as teams:
        await install(teams)
        async with unit_of_work(teams.services.sessions) as session:
            store = Store(session)
            team = (await store.teams.all_active())[0]
            flow = await store.flows.start("case", team.id, {}, teams.clock.now())
            await session.execute(
                update(CardFlow).where(CardFlow.id == flow.id).values(id=CPR_LIKE_ID)
            )
        card = await teams.say(teams.personal(LIS, "ny sag"))
        value = {**submit_data(card[0].card), "flow": CPR_LIKE_ID, **INTAKE}
        value |= {"call_date": "2027-01-04", "call_time": "08:30"}
        created = await teams.say(teams.personal(LIS, "", value=value))
        assert "er oprettet" in created[0].card_text, created[0].text
        refused = await teams.say(teams.personal(LIS, "", value={**value, "note": "010190-1234"}))
        assert "CPR-nummer" in refused[0].text


async def test_phone_numbers_are_not_cpr_numbers(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await install(teams)
        replies = await teams.say(teams.personal(ANNE, "ring 70 12 34 56 eller 70123456"))
        assert "CPR" not in replies[0].text


async def test_more_than_twenty_messages_in_ten_seconds_get_one_slow_down(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await install(teams)
        answers = [await teams.say(teams.personal(ANNE, "hjælp")) for _ in range(25)]
        assert all(len(a) == 1 and a[0].card for a in answers[:20])
        assert "mange beskeder" in answers[20][0].text
        assert answers[21:] == [[], [], [], []]
        async with unit_of_work(teams.services.sessions) as session:
            assert await session.scalar(select(Member.name).where(Member.name == ANNE.name))
        teams.clock.advance(__import__("datetime").timedelta(seconds=11))
        assert (await teams.say(teams.personal(ANNE, "hjælp")))[0].card


async def test_an_exception_gives_an_apology_with_an_id_and_no_stack_trace(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from dialogs import members

    async def broken(*args: object) -> list[object]:
        raise RuntimeError("boom")

    async with teams_session(sqlite_url) as teams:
        await install(teams)
        monkeypatch.setattr(members, "list_members", broken)
        from dialogs import routing

        patched = tuple(
            c.__class__(**{**c.__dict__, "handler": broken}) if c.name == "members" else c
            for c in routing.COMMANDS
        )
        monkeypatch.setattr(routing, "COMMANDS", patched)
        monkeypatch.setattr("dialogs.turn.COMMANDS", patched)
        replies = await teams.say(teams.personal(ANNE, "medlemmer"))
        assert "Beklager" in replies[0].text
        assert "Traceback" not in replies[0].text and "boom" not in replies[0].text
        ref = replies[0].text.split("fejlkoden ")[1].split(" ")[0].rstrip(".")
        assert ref in caplog.text and "boom" in caplog.text


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


async def test_deeply_nested_bodies_get_400_before_anything_reads_them(
    sqlite_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    async with teams_session(sqlite_url) as teams:
        assert await teams.post(nested(100_000)) == 400  # was a RecursionError, 500
        assert await teams.post(nested(33)) == 400
        activity = teams.personal(ANNE, "")
        card = json.dumps({**activity, "value": {"flow": "x", "note": "NESTED"}})
        assert await teams.post(card.replace('"NESTED"', nested(900))) == 400
        assert await teams.post(card.replace('"NESTED"', nested(31))) == 400  # 33 in all
        assert "Traceback" not in caplog.text and "RecursionError" not in caplog.text
        assert await teams.post(card.replace('"NESTED"', nested(29))) == 201  # 31 in all
        assert await teams.say(teams.personal(ANNE, "hjælp"))


async def test_a_body_over_256_kb_gets_413(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        assert await teams.post(teams.personal(ANNE, "x" * 300_000)) == 413
        assert await teams.say(teams.personal(ANNE, "hjælp"))


FORGED = "2027-01-04 09:00:00,000 INFO dialogs.members [-] Anne Hansen is now lead"


async def test_a_value_with_a_line_break_cannot_forge_a_log_line(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The text log prints the conversation type of a failed turn and the channel of a
    refused one; both come from the request."""

    async def broken(*args: object) -> list[object]:
        raise RuntimeError(f"boom\n{FORGED}")

    monkeypatch.setattr("bot.runner.handle_message", broken)
    output = io.StringIO()
    handler = log_handler("text", output)
    logging.getLogger().addHandler(handler)
    try:
        async with teams_session(sqlite_url) as teams:
            failing = teams.personal(ANNE, "hjælp")
            failing["conversation"]["conversationType"] = f"personal\n{FORGED}"
            assert "Beklager" in (await teams.say(failing))[0].text
            foreign = {**teams.personal(ANNE, "hjælp"), "channelId": f"webchat\r\n{FORGED}"}
            assert await teams.post(foreign) == 403
    finally:
        logging.getLogger().removeHandler(handler)
    lines = output.getvalue().splitlines()
    assert [line for line in lines if line.startswith(FORGED)] == []
    assert any("scope=personal\\n2027-01-04" in line for line in lines), lines
    assert any("channel webchat\\r\\n2027" in line for line in lines), lines
    assert any(line.startswith("  | RuntimeError: boom") for line in lines), lines
