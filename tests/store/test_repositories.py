"""The store on SQLite and PostgreSQL alike."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import text

from store.db import create_engine, unit_of_work
from store.members import RosterEntry
from store.store import Store

NOW = datetime(2027, 1, 4, 8, 0, tzinfo=UTC)


async def _team(store: Store) -> int:
    team, new = await store.teams.install("t", "19:x", "Team X", "http://s/", "19:x", NOW)
    assert new
    return team.id


async def test_install_is_idempotent_and_datetimes_come_back_aware(factory) -> None:  # type: ignore[no-untyped-def]
    async with unit_of_work(factory) as session:
        team_id = await _team(Store(session))
    async with unit_of_work(factory) as session:
        store = Store(session)
        team, new = await store.teams.install("t", "19:x", "", "http://s2/", "19:y", NOW)
        assert not new and team.id == team_id
        assert team.name == "Team X" and team.announce_channel_id == "19:x"
        assert team.service_url == "http://s2/"
        assert team.created_at == NOW and team.created_at.tzinfo is not None


async def test_roster_sync_adds_and_marks_leavers(factory) -> None:  # type: ignore[no-untyped-def]
    people = [RosterEntry(f"aad{i}", f"29:{i}", f"Person {i}") for i in range(4)]
    async with unit_of_work(factory) as session:
        store = Store(session)
        team_id = await _team(store)
        team = await store.teams.get(team_id)
        assert team is not None
        assert await store.members.sync_roster(team, people, NOW) == 4
        for _, ms in await store.members.of_team(team_id):
            ms.on_rota = True
    async with unit_of_work(factory) as session:
        store = Store(session)
        team = await store.teams.get(team_id)
        assert team is not None
        await store.members.sync_roster(team, people[1:], NOW)
        rows = {m.name: ms for m, ms in await store.members.of_team(team_id)}
        assert not rows["Person 0"].in_roster and not rows["Person 0"].on_rota
        assert rows["Person 1"].in_roster and rows["Person 1"].on_rota


async def test_an_empty_roster_makes_nobody_leave_but_whom_an_event_names_leaves(factory) -> None:  # type: ignore[no-untyped-def]
    people = [RosterEntry(f"aad{i}", f"29:{i}", f"Person {i}") for i in range(3)]
    async with unit_of_work(factory) as session:
        store = Store(session)
        team = await store.teams.get(await _team(store))
        assert team is not None
        await store.members.sync_roster(team, people, NOW)
        assert await store.members.sync_roster(team, [], NOW) == 0
        rows = {m.name: ms.in_roster for m, ms in await store.members.of_team(team.id)}
        assert rows == {"Person 0": True, "Person 1": True, "Person 2": True}
        await store.members.sync_roster(team, [], NOW, removed=["29:0"])
        rows = {m.name: ms.in_roster for m, ms in await store.members.of_team(team.id)}
        assert rows == {"Person 0": False, "Person 1": True, "Person 2": True}
        await store.members.sync_roster(team, people, NOW, removed=["29:1"])  # still listed
        rows = {m.name: ms.in_roster for m, ms in await store.members.of_team(team.id)}
        assert rows == {"Person 0": True, "Person 1": False, "Person 2": True}


async def test_outbox_key_is_exactly_once_and_claims_hold_until_the_lease_ends(factory) -> None:  # type: ignore[no-untyped-def]
    async with unit_of_work(factory) as session:
        store = Store(session)
        team_id = await _team(store)
        assert await store.outbox.enqueue("k1", team_id, "test", "channel:1", {"text": "a"}, NOW)
        assert not await store.outbox.enqueue("k1", team_id, "test", "channel:1", {}, NOW)
    lease = timedelta(minutes=2)
    async with unit_of_work(factory) as session:
        store = Store(session)
        [message_id] = await store.outbox.due_ids(NOW, 10)
        assert [m.id for m in await store.outbox.claim_due(NOW, lease, 10)] == [message_id]
    async with unit_of_work(factory) as session:
        store = Store(session)
        assert await store.outbox.claim_due(NOW + timedelta(minutes=1), lease, 10) == []
        assert await store.outbox.due_ids(NOW + timedelta(minutes=1), 10) == []
        [again] = await store.outbox.claim_due(NOW + timedelta(minutes=3), lease, 10)
        assert again.id == message_id and again.attempts == 2


async def test_a_card_flow_moves_on_only_from_the_version_it_was_at(factory) -> None:  # type: ignore[no-untyped-def]
    async with unit_of_work(factory) as session:
        store = Store(session)
        team_id = await _team(store)
        member = await store.members.upsert("t", RosterEntry("aad", "29:a", "A"), NOW)
        flow = await store.flows.start("setup", team_id, {"x": 1}, NOW)
    async with unit_of_work(factory) as session:
        store = Store(session)
        loaded = await store.flows.get(flow.id)
        assert loaded is not None
        assert await store.flows.claim(loaded, 1, member.id, NOW, done=False, state={"x": 2})
        assert loaded.version == 2 and loaded.state == {"x": 2}
        assert not await store.flows.claim(loaded, 1, member.id, NOW, done=True)


async def test_join_codes_work_once_and_expire(factory) -> None:  # type: ignore[no-untyped-def]
    async with unit_of_work(factory) as session:
        store = Store(session)
        team_id = await _team(store)
        a = await store.members.upsert("t", RosterEntry("a", "29:a", "A"), NOW)
        b = await store.members.upsert("t", RosterEntry("b", "29:b", "B"), NOW)
        code = await store.join_codes.create(team_id, "switchboard", a.id, NOW)
        old = await store.join_codes.create(team_id, "switchboard", a.id, NOW - timedelta(days=8))
    async with unit_of_work(factory) as session:
        store = Store(session)
        assert await store.join_codes.redeem(old, "t", b.id, NOW) is None
        assert await store.join_codes.redeem(code, "another tenant", b.id, NOW) is None
        used = await store.join_codes.redeem(f" {code.lower()} ", "t", b.id, NOW)
        assert used is not None and used.team_id == team_id and used.role == "switchboard"
        assert await store.join_codes.redeem(code, "t", a.id, NOW) is None


async def test_the_head_revision_is_alembics(tmp_path: Path) -> None:
    """upgrade() skips alembic when the database is at head_revision(): it must be the head
    alembic itself would migrate to, and a second upgrade must change nothing."""
    from alembic.script import ScriptDirectory

    from store.db import alembic_config, head_revision, upgrade

    assert head_revision() == ScriptDirectory.from_config(alembic_config()).get_current_head()
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path}/head.sqlite3")
    try:
        await upgrade(engine)
        await upgrade(engine)
        async with engine.connect() as conn:
            found = await conn.scalar(text("SELECT version_num FROM alembic_version"))
        assert found == head_revision()
    finally:
        await engine.dispose()
