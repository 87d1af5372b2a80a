"""The store refuses a CPR number in every personal text column, on SQLite and PostgreSQL:
the write raises, the transaction rolls back, and the database is as it was."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from sqlalchemy import JSON, String, Text, select, text, update
from sqlalchemy.exc import StatementError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from rules.cpr import CprInText
from store.cases import PERSONAL
from store.db import unit_of_work
from store.members import RosterEntry
from store.models import Base, CardFlow, Case, ConversationRef, Member, Team
from store.personal_text import PersonalJSON, PersonalText, TeamsJSON
from store.store import Store

NOW = datetime(2027, 1, 4, 8, 0, tzinfo=UTC)
CPR = "010190\u20131234"  # pasted from Word: an en dash
CPR_LIKE_ID = "ab010190-1234-4abc-8def-0123456789ab"


@dataclass
class Seeded:
    team_id: int
    member_id: int
    case_id: int
    flow_id: str


async def _seed(factory: async_sessionmaker[AsyncSession]) -> Seeded:
    async with unit_of_work(factory) as session:
        store = Store(session)
        team, _ = await store.teams.install("t", "19:x", "Team X", "http://s/", "19:x", NOW)
        member = await store.members.upsert("t", RosterEntry("aad", "29:a", "Anne"), NOW)
        case = await store.cases.create(team.id, NOW, call_at=NOW, caller="employer", topic="risk")
        flow = await store.flows.start("pick_team", team.id, {"text": "vagt"}, NOW)
        return Seeded(team.id, member.id, case.id, flow.id)


async def _dump(factory: async_sessionmaker[AsyncSession]) -> str:
    """Every row of every table, as text."""
    rows = []
    async with unit_of_work(factory) as session:
        for table in Base.metadata.sorted_tables:
            result = await session.execute(text(f"SELECT * FROM {table.name} ORDER BY 1"))
            rows += [f"{table.name}: {tuple(r)}" for r in result]
    return "\n".join(rows)


Write = Callable[[Store, Seeded], Awaitable[object]]


async def _new_case_with(field: str, store: Store, ids: Seeded) -> object:
    return await store.cases.create(
        ids.team_id, NOW, call_at=NOW, caller="employer", topic="risk", **{field: CPR}
    )


async def _case_note_changed(store: Store, ids: Seeded) -> None:
    case = await store.session.get(Case, ids.case_id)
    assert case is not None
    case.note = CPR


async def _member_renamed(store: Store, ids: Seeded) -> None:
    member = await store.members.get(ids.member_id)
    assert member is not None
    member.name = f"Anne {CPR}"


async def _member_email(store: Store, ids: Seeded) -> None:
    member = await store.members.get(ids.member_id)
    assert member is not None
    member.email = f"{CPR}@kommune.dk"


async def _member_renamed_by_statement(store: Store, ids: Seeded) -> None:
    await store.session.execute(update(Member).values(name=CPR))


async def _team_renamed(store: Store, ids: Seeded) -> None:
    team = await store.teams.get(ids.team_id)
    assert team is not None
    team.name = CPR


async def _team_settings(store: Store, ids: Seeded) -> None:
    team = await store.teams.get(ids.team_id)
    assert team is not None
    await store.teams.update_settings(team, {"phone": CPR})


async def _flow_started(store: Store, ids: Seeded) -> None:
    await store.flows.start("pick_team", ids.team_id, {"text": f"sag om {CPR}"}, NOW)


async def _flow_claimed(store: Store, ids: Seeded) -> None:
    flow = await store.flows.get(ids.flow_id)
    assert flow is not None
    await store.flows.claim(flow, 1, ids.member_id, NOW, done=True, state={"args": [CPR]})


async def _audited(store: Store, ids: Seeded) -> None:
    store.audit.record(ids.team_id, None, "settings", "team", NOW, None, {"phone": CPR})


WRITES: dict[str, Write] = {
    **{
        f"new case {field}": (lambda f: lambda s, i: _new_case_with(f, s, i))(field)
        for field in PERSONAL
    },
    "case note changed": _case_note_changed,
    "member renamed": _member_renamed,
    "member email": _member_email,
    "member renamed by an UPDATE statement": _member_renamed_by_statement,
    "team renamed": _team_renamed,
    "team settings": _team_settings,
    "card flow started": _flow_started,
    "card flow claimed": _flow_claimed,
    "audit entry": _audited,
}


@pytest.mark.parametrize("write", list(WRITES))
async def test_a_cpr_number_in_a_personal_column_is_refused_and_nothing_is_stored(
    factory: async_sessionmaker[AsyncSession], write: str
) -> None:
    ids = await _seed(factory)
    before = await _dump(factory)
    with pytest.raises(StatementError) as refused:
        async with unit_of_work(factory) as session:
            await WRITES[write](Store(session), ids)
            await session.flush()
    assert isinstance(refused.value.orig, CprInText)
    assert "1234" not in str(refused.value)  # the statement's values are never shown
    assert await _dump(factory) == before


async def test_text_teams_supplies_is_stored_with_the_cpr_blanked(
    factory: async_sessionmaker[AsyncSession],
) -> None:
    """A display name or team name is Teams' text, not the user's: a roster sync must not
    fail on one odd name, so the CPR-shaped part is replaced instead of refused."""
    async with unit_of_work(factory) as session:
        store = Store(session)
        team, _ = await store.teams.install("t", "19:x", f"Team {CPR}", "http://s/", "19:x", NOW)
        roster = [
            RosterEntry("aad-1", "29:1", f"Bo {CPR}", f"{CPR}@kommune.dk"),
            RosterEntry("aad-2", "29:2", "Anne Hansen", "anne@kommune.dk"),
        ]
        assert await store.members.sync_roster(team, roster, NOW) == 2
        again, _ = await store.teams.install("t", "19:x", f"Ny {CPR}", "http://s/", "19:x", NOW)
        assert again.id == team.id
        bo = await store.members.by_aad("t", "aad-1")
        assert bo is not None
        reference = {
            "user": {"id": f"29:{CPR_LIKE_ID}", "name": f"Bo {CPR}"},
            "conversation": {"id": f"a:{CPR_LIKE_ID}"},
        }
        await store.members.save_reference(bo, None, "http://s/", "a:1", reference, NOW)
    async with unit_of_work(factory) as session:
        names = sorted(await session.scalars(select(Member.name)))
        emails = sorted(await session.scalars(select(Member.email)))
        team_name = await session.scalar(select(Team.name))
    assert names == ["Anne Hansen", "Bo [CPR]"]
    assert emails == ["[CPR]@kommune.dk", "anne@kommune.dk"]
    assert team_name == "Ny [CPR]"
    async with unit_of_work(factory) as session:
        stored = await session.scalar(select(ConversationRef.reference))
    assert stored == {
        "user": {"id": f"29:{CPR_LIKE_ID}", "name": "Bo [CPR]"},
        "conversation": {"id": f"a:{CPR_LIKE_ID}"},
    }
    assert CPR not in await _dump(factory)


async def test_the_bots_own_ids_may_look_like_a_cpr_number(
    factory: async_sessionmaker[AsyncSession],
) -> None:
    """Random ids hold a CPR-shaped run now and then ('ab010190-1234-…'): columns and JSON
    that carry the bot's own ids are not personal text, and take them."""
    ids = await _seed(factory)
    async with unit_of_work(factory) as session:
        store = Store(session)
        session.add(CardFlow(id=CPR_LIKE_ID, team_id=ids.team_id, kind="case", created_at=NOW))
        member = await store.members.upsert("t", RosterEntry(CPR_LIKE_ID, "29:b", "Bo"), NOW)
        card = {"type": "AdaptiveCard", "actions": [{"data": {"flow": CPR_LIKE_ID, "v": 1}}]}
        assert await store.outbox.enqueue("k", ids.team_id, "case", "member:1", {"card": card}, NOW)
        store.audit.record(ids.team_id, None, "case_owner", f"case:{ids.case_id}", NOW)
    assert member.aad_object_id == CPR_LIKE_ID
    async with unit_of_work(factory) as session:
        assert await session.get(CardFlow, CPR_LIKE_ID) is not None


# Text and JSON columns that hold no personal free text: ids, codes, addresses, keys.
# A new text column must be added to the models as PersonalText/PersonalJSON, or here.
NOT_PERSONAL = {
    "teams": {"tenant_id", "teams_team_id", "service_url", "announce_channel_id"},
    "members": {"tenant_id", "aad_object_id", "teams_user_id", "language"},
    "memberships": {"role", "workdays"},
    "conversation_refs": {"service_url", "conversation_id"},
    "card_flows": {"id", "kind"},
    "join_codes": {"code_hash", "role"},
    "audit_log": {"action", "subject"},
    # The bot's own composed messages (from guarded values) around random flow ids.
    "outbox": {"key", "kind", "recipient", "payload", "status", "last_error", "activity_id"},
    "duties": {"source"},
    "absences": {"kind"},
    "calendar_feeds": {"secret"},
    "switchboard_counts": {"verdict", "category"},
    "swap_requests": {"reason"},
    "cases": {"caller", "topic", "outcome", "advice", "not_hotline"},
    # Hashes of sign-in link and session tokens.
    "web_links": {"id"},
    "web_sessions": {"id"},
}


def test_every_text_column_is_guarded_or_named_as_holding_no_personal_text() -> None:
    unguarded = {
        f"{table.name}.{column.name}"
        for table in Base.metadata.sorted_tables
        for column in table.columns
        if isinstance(column.type, String | Text | JSON)
        and column.name not in NOT_PERSONAL.get(table.name, set())
    }
    assert unguarded == set()
    guarded = {
        f"{table.name}.{column.name}"
        for table in Base.metadata.sorted_tables
        for column in table.columns
        if isinstance(column.type, PersonalText | PersonalJSON | TeamsJSON)
    }
    assert {f"cases.{field}" for field in PERSONAL} <= guarded
    assert {"members.name", "members.email", "teams.name", "card_flows.state"} <= guarded
    assert "conversation_refs.reference" in guarded
