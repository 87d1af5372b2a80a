"""Who may see a team's cases: its roster, never a message's sender by saying so, never an id
typed into a card. Each test here is an attack that once worked."""

from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import text

from store.db import unit_of_work
from store.members import RosterEntry
from store.models import Absence, Case, SwapRequestRow
from store.store import Store
from tests.e2e.flows import submit_data
from tests.e2e.people import ANNE, BO, LIS, SIGNE, TEAM
from tests.e2e.teams import Teams, User, teams_session
from tests.e2e.test_calendar import link
from tests.e2e.test_cases import case_row, log_case, outcome, outcome_data
from tests.e2e.test_swaps import ready

MALLORY = User("mallory", "Mallory Gæst")  # writes in the channel, never on the roster
NEW = User("nyansat", "Nina Nyansat")  # on the roster; the bot missed her member event
UNKNOWN_CARD = "Det kort virker ikke længere"
NOT_IN_TEAM = "Du er endnu ikke med i et team"
# Everything a click could change: compared before and after a refused click.
TABLES = (
    "cases",
    "swap_requests",
    "absences",
    "duties",
    "duty_handovers",
    "memberships",
    "audit_log",
)


async def snapshot(teams: Teams) -> dict[str, list[Any]]:
    async with unit_of_work(teams.services.sessions) as session:
        tables = {}
        for table in TABLES:
            rows = await session.execute(text(f"SELECT * FROM {table}"))
            tables[table] = sorted(map(repr, rows))
        return tables


async def of_member(teams: Teams, user: User, query: str) -> Any:
    """One value about a person: `query` selects from a table joined to `members` by
    `member_id`, for the person's AAD id."""
    async with unit_of_work(teams.services.sessions) as session:
        sql = f"{query} JOIN members ON members.id = member_id WHERE members.aad_object_id = :aad"
        return await session.scalar(text(sql), {"aad": user.aad_id})


async def memberships_of(teams: Teams, user: User) -> int:
    return int(await of_member(teams, user, "SELECT count(*) FROM memberships") or 0)


async def with_a_case(teams: Teams) -> Any:
    await ready(teams)
    await teams.at("2027-01-04 10:00")
    return (await log_case(teams, LIS, "2027-01-04 09:00"))[1]


async def test_someone_not_on_the_roster_who_writes_in_the_channel_sees_no_case(
    sqlite_url: str,
) -> None:
    async with teams_session(sqlite_url) as teams:
        await with_a_case(teams)
        for command in ("sag 1", "mine sager", "vagtplan"):
            reply = await teams.say(teams.channel(MALLORY, command))
            assert NOT_IN_TEAM in reply[0].text
            assert "Tømrer Hansen" not in reply[0].text + reply[0].card_text
        assert await memberships_of(teams, MALLORY) == 0
        # Not in 1:1 either, where the message carries no team.
        reply = await teams.say(teams.personal(MALLORY, "sag 1"))
        assert NOT_IN_TEAM in reply[0].text


async def test_someone_on_the_roster_whose_join_was_missed_gets_in_when_teams_says_so(
    sqlite_url: str,
) -> None:
    async with teams_session(sqlite_url) as teams:
        await with_a_case(teams)
        teams.roster(*TEAM, NEW)  # Teams has her; the bot never heard of the event
        reply = await teams.say(teams.channel(NEW, "sag 1"))
        assert "Tømrer Hansen" in reply[0].card_text
        assert await memberships_of(teams, NEW) == 1


async def test_a_message_for_a_team_the_bot_was_never_installed_in_installs_nothing(
    sqlite_url: str,
) -> None:
    async with teams_session(sqlite_url) as teams:
        await with_a_case(teams)
        activity = teams.channel(ANNE, "medlemmer")
        activity["channelData"]["team"]["id"] = "19:other-team@thread.tacv2"
        activity["channelData"]["teamsTeamId"] = "19:other-team@thread.tacv2"
        before = await snapshot(teams)
        reply = await teams.say(activity)
        assert NOT_IN_TEAM in reply[0].text
        async with unit_of_work(teams.services.sessions) as session:
            assert await session.scalar(text("SELECT count(*) FROM teams")) == 1
        assert await snapshot(teams) == before


async def test_a_leaver_loses_cases_cards_and_calendar_the_moment_the_roster_changes(
    sqlite_url: str,
) -> None:
    async with teams_session(sqlite_url) as teams:
        card = await with_a_case(teams)
        url = await link(teams, ANNE, "teamkalender")
        own = await link(teams, ANNE, "min kalender")
        ask = await teams.say(teams.personal(ANNE, "sag 1"))
        assert "Tømrer Hansen" in ask[0].card_text
        # Anne kept the case card she was shown; Lis removes her from the Teams team.
        anne_card = ask[0]
        teams.roster(*(u for u in TEAM if u is not ANNE))
        await teams.say(teams.members_changed(LIS, removed=(ANNE,)))

        assert NOT_IN_TEAM in (await teams.say(teams.personal(ANNE, "sag 1")))[0].text
        assert NOT_IN_TEAM in (await teams.say(teams.channel(ANNE, "sag 1")))[0].text
        before = await snapshot(teams)
        value = outcome_data(anne_card.card, "settled")
        reply = await teams.say(teams.personal(ANNE, "", value=value, reply_to=card.activity_id))
        assert NOT_IN_TEAM in reply[0].text
        assert await snapshot(teams) == before
        for feed in (url, own):
            async with teams.http.get(feed) as response:
                assert response.status == 404


async def test_a_leaver_found_by_the_nightly_sync_loses_access_too(sqlite_url: str) -> None:
    from bot.jobs import sync_rosters

    async with teams_session(sqlite_url) as teams:
        await with_a_case(teams)
        assert "Tømrer Hansen" in (await teams.say(teams.personal(BO, "sag 1")))[0].card_text
        teams.roster(*(u for u in TEAM if u is not BO))
        await sync_rosters(teams.services)
        assert NOT_IN_TEAM in (await teams.say(teams.personal(BO, "sag 1")))[0].text


async def test_an_empty_roster_from_teams_takes_nobody_out_but_the_people_it_names(
    sqlite_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Teams lists every team with its owner: an empty roster (the nightly sync's or a member
    event's) is a fault, and taken at its word it would demote every lead and empty the rota,
    which the next good roster would not give back. Whom a member event names as removed
    leaves all the same."""
    from bot.jobs import sync_rosters

    async with teams_session(sqlite_url) as teams:
        await with_a_case(teams)
        before = await snapshot(teams)
        teams.roster()
        assert await sync_rosters(teams.services) == 1
        assert await snapshot(teams) == before
        await teams.say(teams.members_changed(LIS, removed=(ANNE,)))
        ignored = [r for r in caplog.records if "gave a roster with nobody on it" in r.message]
        assert len(ignored) == 2
        assert NOT_IN_TEAM in (await teams.say(teams.personal(ANNE, "sag 1")))[0].text
        assert "Tømrer Hansen" in (await teams.say(teams.personal(BO, "sag 1")))[0].card_text
        after = await snapshot(teams)
        assert after["cases"] == before["cases"] and after["duties"] == before["duties"]
        changed = set(after["memberships"]) ^ set(before["memberships"])
        assert len(changed) == 2  # Anne's membership, before and after
        assert await of_member(teams, ANNE, "SELECT in_roster FROM memberships") in (0, False)


async def test_someone_named_as_removed_leaves_though_the_roster_read_after_still_lists_them(
    sqlite_url: str,
) -> None:
    async with teams_session(sqlite_url) as teams:
        await with_a_case(teams)
        teams.roster(*TEAM)  # Teams' roster has not caught up yet
        await teams.say(teams.members_changed(LIS, removed=(BO,)))
        assert NOT_IN_TEAM in (await teams.say(teams.personal(BO, "sag 1")))[0].text
        assert "Tømrer Hansen" in (await teams.say(teams.personal(ANNE, "sag 1")))[0].card_text


async def _another_team(teams: Teams) -> dict[str, int]:
    """A second team with a member, a case, a swap request and an absence, straight into the
    database: the ids an attacker in the first team would type into a card."""
    now = datetime(2027, 1, 4, 9, tzinfo=UTC)
    async with unit_of_work(teams.services.sessions) as session:
        store = Store(session)
        team, _ = await store.teams.install(
            "tenant-1", "19:team-two@thread.tacv2", "Team to", teams.connector.url, "19:c2", now
        )
        stranger = await store.members.add("tenant-1", RosterEntry("aad-x", "29:x", "X"), now)
        await store.members.join(team, stranger, "caseworker", now)
        case = Case(
            team_id=team.id,
            number=1,
            owner_id=stranger.id,
            caller="employer",
            company="Fremmed A/S",
            employee="Z.Z.",
            topic="risk",
            call_at=now,
            logged_at=now,
        )
        swap = SwapRequestRow(
            team_id=team.id, day=date(2027, 1, 12), requester_id=stranger.id, created_at=now
        )
        absence = Absence(
            team_id=team.id,
            member_id=stranger.id,
            first_day=date(2027, 1, 11),
            last_day=date(2027, 1, 12),
            kind="vacation",
            created_at=now,
        )
        session.add_all([case, swap, absence])
        await session.flush()
        return {
            "case": case.id,
            "swap": swap.id,
            "absence": absence.id,
            "member": stranger.id,
            "cover": stranger.id,
        }


# Every card action that takes an id, with the keys it reads.
ID_ACTIONS = {
    "swap.take": ("swap",),
    "swap.decline": ("swap",),
    "swap.cancel": ("swap",),
    "swap.approve": ("swap",),
    "swap.reject": ("swap",),
    "absence.cancel": ("absence",),
    "case.outcome": ("case",),
    "case.reassign": ("case", "member"),
}


async def test_every_id_in_every_card_action_is_checked_against_the_callers_team(
    sqlite_url: str,
) -> None:
    async with teams_session(sqlite_url) as teams:
        await with_a_case(teams)
        own_case = (await case_row(teams, 1)).id
        foreign = await _another_team(teams)
        from dialogs.turn import STATELESS

        assert set(ID_ACTIONS) <= STATELESS
        # Every click action that names a row or a person is in the list (a new one must be).
        assert set(ID_ACTIONS) == STATELESS - {"guide", "guide_open", "web.open"}
        for action, keys in ID_ACTIONS.items():
            for edited in keys:
                # The other keys name the caller's own team's rows: only `edited` is foreign.
                value: dict[str, Any] = {"action": action, "outcome": "settled"}
                for key in keys:
                    value[key] = foreign[key] if key == edited else own_case
                if "member" in keys and edited != "member":
                    value["member"] = await _id_of(teams, BO)
                before = await snapshot(teams)
                reply = await teams.say(teams.personal(LIS, "", value=value))
                assert UNKNOWN_CARD in reply[0].text, (action, edited, reply[0].text)
                assert await snapshot(teams) == before, (action, edited)
                assert not [s for s in teams.connector.sent if "Fremmed" in s.card_text]


async def test_a_case_cannot_be_handed_to_someone_outside_the_team(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await with_a_case(teams)
        foreign = await _another_team(teams)
        case = await case_row(teams, 1)
        value = {"action": "case.reassign", "case": case.id, "member": foreign["member"]}
        reply = await teams.say(teams.personal(LIS, "", value=value))
        assert UNKNOWN_CARD in reply[0].text
        assert (await case_row(teams, 1)).owner_id == case.owner_id


async def test_a_same_day_cover_card_cannot_name_someone_outside_the_team(
    sqlite_url: str,
) -> None:
    async with teams_session(sqlite_url) as teams:
        rota = await ready(teams)
        await teams.at("2027-01-04 10:00")
        holder = next(u for u in TEAM if u.name == rota[date(2027, 1, 4)])
        card = (await teams.say(teams.personal(holder, "jeg er syg")))[0]
        assert card.card is not None
        foreign = await _another_team(teams)
        value = {**submit_data(card.card), "cover": str(foreign["cover"])}
        before = await snapshot(teams)
        reply = await teams.say(teams.personal(holder, "", value=value, reply_to=card.activity_id))
        assert UNKNOWN_CARD in reply[0].text
        assert await snapshot(teams) == before


async def test_a_stored_1to1_chat_is_not_moved_by_an_activity_naming_another(
    sqlite_url: str,
) -> None:
    async with teams_session(sqlite_url) as teams:
        await with_a_case(teams)
        await teams.say(teams.personal(ANNE, "hjælp"))
        forged = teams.personal(ANNE, "hjælp")
        forged["conversation"]["id"] = "a:attackers-own-chat"
        await teams.post(forged)
        stored = await of_member(teams, ANNE, "SELECT conversation_id FROM conversation_refs")
        assert stored == ANNE.personal_chat


async def _id_of(teams: Teams, user: User) -> int:
    async with unit_of_work(teams.services.sessions) as session:
        member = await Store(session).members.by_aad("tenant-1", user.aad_id)
    assert member is not None
    return member.id


async def _switchboard(teams: Teams, user: User) -> None:
    """A lead gives a join code; `user` joins the team's switchboard with it 1:1."""
    code = (await teams.say(teams.personal(LIS, "kode omstilling")))[0].text.split("**")[1]
    await teams.say(teams.personal(user, f"tilmeld {code}"))


async def test_a_case_is_never_handed_to_the_switchboard(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await with_a_case(teams)
        await _switchboard(teams, SIGNE)
        owner = (await case_row(teams, 1)).owner_id
        typed = await teams.say(teams.personal(LIS, "overdrag 1 til Signe Omstilling"))
        assert "kan ikke overtage sager" in typed[0].text
        value = {
            "action": "case.reassign",
            "case": (await case_row(teams, 1)).id,
            "member": await _id_of(teams, SIGNE),
        }
        clicked = await teams.say(teams.personal(LIS, "", value=value))
        assert "kan ikke overtage sager" in clicked[0].text
        assert (await case_row(teams, 1)).owner_id == owner
        await teams.settle()
        assert not [s for s in teams.connector.to(SIGNE.personal_chat) if "Tømrer" in s.card_text]


async def test_an_at_mention_never_picks_someone_who_left(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await with_a_case(teams)
        teams.roster(*(u for u in TEAM if u is not ANNE))
        await teams.say(teams.members_changed(LIS, removed=(ANNE,)))
        owner = (await case_row(teams, 1)).owner_id
        reply = await teams.say(teams.channel(LIS, "overdrag 1 til @Anne Hansen", mentions=(ANNE,)))
        assert "Sag #1 er givet videre" not in reply[0].text
        assert (await case_row(teams, 1)).owner_id == owner
        for command in ("syg @Anne Hansen", "rolle @Anne Hansen leder"):
            reply = await teams.say(teams.channel(LIS, command, mentions=(ANNE,)))
            assert 'Der er ingen i teamet, der hedder "Anne Hansen"' in reply[0].text
        assert NOT_IN_TEAM in (await teams.say(teams.personal(ANNE, "vagt")))[0].text


async def test_a_roster_member_made_switchboard_loses_access_on_leaving(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await with_a_case(teams)
        await teams.say(teams.personal(LIS, "rolle Bo omstilling"))
        assert NOT_IN_TEAM not in (await teams.say(teams.personal(BO, "vagt")))[0].text
        assert "har fastholdelsestelefonen" in (await teams.say(teams.personal(BO, "vagt")))[0].text
        listed = (await teams.say(teams.personal(LIS, "medlemmer")))[0].text
        assert "Bo Jensen" in listed and "omstilling" in listed.lower()
        teams.roster(*(u for u in TEAM if u is not BO))
        await teams.say(teams.members_changed(LIS, removed=(BO,)))
        assert NOT_IN_TEAM in (await teams.say(teams.personal(BO, "vagt")))[0].text


async def _meeting_reminders(teams: Teams, leaves: bool) -> list[Any]:
    """A round table tomorrow; the owner leaves the team (or not); the next day's tick."""
    from bot.jobs import tick

    card = await with_a_case(teams)
    await outcome(teams, card, outcome="round_table", meeting_day="2027-01-06")
    owner_id = (await case_row(teams, 1)).owner_id
    ids = {u.key: await _id_of(teams, u) for u in TEAM}
    owner = next(u for u in TEAM if ids[u.key] == owner_id)
    if leaves:
        teams.roster(*(u for u in TEAM if u is not owner))
        await teams.say(teams.members_changed(LIS, removed=(owner,)))
    await teams.at("2027-01-05 09:00")
    await tick(teams.services)
    await teams.settle()
    return [s for s in teams.connector.sent if "rundbordssamtale i sag #1" in s.text]


async def test_an_owner_on_the_team_is_reminded_of_the_meeting(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        assert len(await _meeting_reminders(teams, leaves=False)) == 1


async def test_an_owner_who_left_gets_no_more_reminders_about_the_case(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        assert await _meeting_reminders(teams, leaves=True) == []
