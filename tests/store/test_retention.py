"""Retention beyond closed cases, on SQLite and PostgreSQL, with a clock the test moves."""

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Settings
from dialogs.context import Context
from dialogs.retention import retention
from domain.clock import FakeClock
from store.db import unit_of_work
from store.members import RosterEntry
from store.models import (
    Absence,
    AuditEntry,
    Case,
    ConversationRef,
    Member,
    OutboxMessage,
    WebLink,
    WebSession,
)
from store.store import Store

NOW = datetime(2027, 6, 1, 1, 0, tzinfo=UTC)  # a night: the job's hour
TODAY = date(2027, 6, 1)
PEOPLE = [RosterEntry(f"aad{i}", f"29:{i}", f"Person {i}", f"p{i}@x.dk") for i in range(3)]


async def run_retention(factory: async_sessionmaker[AsyncSession], at: datetime) -> int:
    async with unit_of_work(factory) as session:
        return await retention(Context(Store(session), FakeClock(at), Settings()))


async def _team(store: Store) -> int:
    team, _ = await store.teams.install("t", "19:x", "Team X", "http://s/", "19:x", NOW)
    await store.members.sync_roster(team, PEOPLE, NOW - timedelta(days=400))
    return team.id


async def _ids(store: Store) -> dict[str, int]:
    return {m.name: m.id for m in await store.session.scalars(select(Member))}


async def test_absences_go_after_90_days_sick_days_after_30_with_their_audit_entries(
    factory: async_sessionmaker[AsyncSession],
) -> None:
    async with unit_of_work(factory) as session:
        store = Store(session)
        team_id = await _team(store)
        person = (await _ids(store))["Person 0"]
        for kind, days_ago in (("vacation", 91), ("vacation", 89), ("sick", 31), ("sick", 29)):
            last = TODAY - timedelta(days=days_ago)
            session.add(
                Absence(
                    team_id=team_id,
                    member_id=person,
                    first_day=last - timedelta(days=2),
                    last_day=last,
                    kind=kind,
                    created_at=NOW - timedelta(days=days_ago + 3),
                )
            )
            after = {"first": (last - timedelta(days=2)).isoformat(), "last": last.isoformat()}
            store.audit.record(
                team_id,
                person,
                "absence",
                f"member:{person}",
                NOW - timedelta(days=days_ago + 3),
                None,
                {**after, "kind": kind},
            )
        store.audit.record(team_id, person, "duty", "day:2027-05-03", NOW - timedelta(days=900))
    assert await run_retention(factory, NOW) == 4
    async with unit_of_work(factory) as session:
        kept = [(a.kind, (TODAY - a.last_day).days) for a in await session.scalars(select(Absence))]
        assert sorted(kept) == [("sick", 29), ("vacation", 89)]
        entries = list(await session.scalars(select(AuditEntry)))
        absences = sorted(
            (e.after["kind"], e.after["last"]) for e in entries if e.action == "absence" and e.after
        )
        assert absences == [
            ("sick", (TODAY - timedelta(days=29)).isoformat()),
            ("vacation", (TODAY - timedelta(days=89)).isoformat()),
        ]
        assert any(e.action == "duty" for e in entries)  # 900 days old: the log keeps it
    assert await run_retention(factory, NOW) == 0  # idempotent


async def test_audit_entries_older_than_five_years_go(
    factory: async_sessionmaker[AsyncSession],
) -> None:
    async with unit_of_work(factory) as session:
        store = Store(session)
        team_id = await _team(store)
        store.audit.record(team_id, None, "settings", "team", NOW - timedelta(days=1827))
        store.audit.record(team_id, None, "settings", "team", NOW - timedelta(days=1825))
    await run_retention(factory, NOW)
    async with unit_of_work(factory) as session:
        ages = [(NOW - e.at).days for e in await session.scalars(select(AuditEntry))]
        assert ages == [1825]


async def test_a_member_who_left_every_team_is_erased_30_days_later_and_keeps_an_id(
    factory: async_sessionmaker[AsyncSession],
) -> None:
    async with unit_of_work(factory) as session:
        store = Store(session)
        team_id = await _team(store)
        team = await store.teams.get(team_id)
        assert team is not None
        ids = await _ids(store)
        gone, back = ids["Person 0"], ids["Person 1"]
        await store.members.save_reference(
            (await store.members.get(gone)), None, "http://s/", "a:1", {"x": "Person 0"}, NOW
        )  # type: ignore[arg-type]
        await store.outbox.enqueue("note:1", team_id, "nobody", f"member:{gone}", {}, NOW)
        switchboard = await store.members.add("t", RosterEntry("aad-s", "", "Signe", "s@x"), NOW)
        await store.members.join(
            team, switchboard, "switchboard", NOW, in_roster=False, via_code=True
        )
        await store.members.sync_roster(team, PEOPLE[2:], NOW)  # Person 0 and 1 leave
    await run_retention(factory, NOW)
    async with unit_of_work(factory) as session:
        store = Store(session)
        team = await store.teams.get(team_id)
        assert team is not None
        await store.members.sync_roster(team, PEOPLE[1:], NOW + timedelta(days=5))  # 1 is back
    await run_retention(factory, NOW + timedelta(days=29))
    async with unit_of_work(factory) as session:
        assert (await session.get(Member, gone)).name == "Person 0"  # type: ignore[union-attr]
    await run_retention(factory, NOW + timedelta(days=31))
    async with unit_of_work(factory) as session:
        erased = await session.get(Member, gone)
        assert erased is not None
        assert (erased.name, erased.email, erased.teams_user_id) == (f"#{gone}", "", "")
        assert erased.aad_object_id == f"erased:{gone}" and erased.erased_at is not None
        assert await session.get(ConversationRef, gone) is None
        assert list(await session.scalars(select(OutboxMessage))) == []
        names = {m.name for m in await session.scalars(select(Member))}
        assert {"Person 1", "Person 2", "Signe"} <= names  # returned, present, switchboard
        assert await session.scalar(
            select(AuditEntry.id).where(
                AuditEntry.action == "member_erased", AuditEntry.subject == f"member:{gone}"
            )
        )
        returned = await session.get(Member, back)
        assert returned is not None and returned.departed_at is None
    assert await run_retention(factory, NOW + timedelta(days=32)) == 0


async def test_a_case_wiped_by_retention_takes_its_outbox_copies_with_it(
    factory: async_sessionmaker[AsyncSession],
) -> None:
    async with unit_of_work(factory) as session:
        store = Store(session)
        team_id = await _team(store)
        owner = (await _ids(store))["Person 0"]
        cases = []
        for number in range(12):
            closed = NOW - timedelta(days=100) if number == 0 else None
            cases.append(
                await store.cases.create(
                    team_id,
                    NOW - timedelta(days=120),
                    call_at=NOW - timedelta(days=120),
                    owner_id=owner,
                    caller="employer",
                    topic="sick",
                    employee="Jens Jensen",
                    note="ryg",
                    closed_at=closed,
                )
            )
        old, other = cases[0], cases[10]
        for key in (f"case-card:{old.id}:{owner}:x", f"ft:{other.id}:1:x"):
            await store.outbox.enqueue(key, team_id, "case_card", f"member:{owner}", {}, NOW)
        # A key whose third part is the old case's id belongs to another case.
        await store.outbox.enqueue(
            f"case-owner:{other.id}:{old.id}:x", team_id, "case_owner", "member:1", {}, NOW
        )
    await run_retention(factory, NOW)
    async with unit_of_work(factory) as session:
        wiped = await session.get(Case, old.id)
        assert wiped is not None and wiped.anonymised and wiped.employee == ""
        keys = sorted(m.key for m in await session.scalars(select(OutboxMessage)))
        assert keys == sorted([f"ft:{other.id}:1:x", f"case-owner:{other.id}:{old.id}:x"])


async def test_an_open_case_changes_when_its_newest_audit_entry_was_written(
    factory: async_sessionmaker[AsyncSession],
) -> None:
    async with unit_of_work(factory) as session:
        store = Store(session)
        team_id = await _team(store)
        logged = NOW - timedelta(days=40)
        case = await store.cases.create(
            team_id, logged, call_at=logged, caller="employer", topic="sick"
        )
        quiet = await store.cases.create(
            team_id, logged, call_at=logged, caller="employer", topic="sick"
        )
        store.audit.record(team_id, None, "case_created", f"case:{case.id}", logged)
        store.audit.record(team_id, None, "case_owner", f"case:{case.id}", NOW - timedelta(days=3))
    async with unit_of_work(factory) as session:
        found = {
            o.case.id: o.last_change for o in await Store(session).retention.open_cases(team_id)
        }
        assert found == {case.id: NOW - timedelta(days=3), quiet.id: logged}


async def test_expired_sign_in_links_and_web_sessions_go_the_same_night(
    factory: async_sessionmaker[AsyncSession],
) -> None:
    async with unit_of_work(factory) as session:
        store = Store(session)
        team_id = await _team(store)
        person = (await _ids(store))["Person 0"]
        await store.web_sessions.new_link(person, team_id, NOW - timedelta(hours=1))
        await store.web_sessions.start(person, team_id, NOW - timedelta(hours=9))
        await store.web_sessions.start(person, team_id, NOW - timedelta(hours=1))  # still live
    await run_retention(factory, NOW)
    async with unit_of_work(factory) as session:
        links = list(await session.scalars(select(WebLink)))
        left = list(await session.scalars(select(WebSession)))
    assert links == []
    assert [s.expires_at > NOW for s in left] == [True]
