"""An open case nobody touches: after 30 days its owner and the lead hear of it, once; when
its owner leaves the team, the lead hears of that."""

from datetime import date

from sqlalchemy import String, cast, literal, select

from bot.jobs import tick
from store.db import unit_of_work
from store.models import Member, OutboxMessage
from tests.e2e.people import ANNE, BO, CAMILLA, DORTE, LIS
from tests.e2e.teams import Teams, teams_session
from tests.e2e.test_announcements import holder_on
from tests.e2e.test_cases import log_case
from tests.e2e.test_swaps import ready, told


async def told_by_kind(teams: Teams, kind: str) -> list[str]:
    """Who the bot queued a message of this kind for, by name."""
    async with unit_of_work(teams.services.sessions) as session:
        rows = await session.execute(
            select(Member.name)
            .join(
                OutboxMessage,
                OutboxMessage.recipient == literal("member:") + cast(Member.id, String),
            )
            .where(OutboxMessage.kind == kind)
        )
        return sorted(name for (name,) in rows)


async def test_a_case_left_open_for_30_days_is_flagged_once_to_its_owner_and_the_lead(
    sqlite_url: str,
) -> None:
    async with teams_session(sqlite_url) as teams:
        await ready(teams)
        await teams.at("2027-01-04 10:00")
        owner = (await holder_on(teams, date(2027, 1, 4))).name
        await log_case(teams, LIS, "2027-01-04 09:40")
        await teams.at("2027-02-03 08:30")  # 29 days and 23 hours: not yet
        await tick(teams.services)
        assert await told_by_kind(teams, "case_stale") == []
        await teams.at("2027-02-04 08:30")
        await tick(teams.services)
        await teams.at("2027-02-04 08:31")
        await tick(teams.services)
        assert await told_by_kind(teams, "case_stale") == sorted([owner, LIS.name])
        owner_user = next(u for u in (ANNE, BO, CAMILLA) if u.name == owner)
        for reader in (LIS, owner_user):
            flagged = await told(teams, reader, "Sag #1")
            stale = [s for s in flagged if "har stået åben uden ændringer siden" in s.text]
            assert len(stale) == 1 and f"({owner})" in stale[0].text, reader

        # The owner leaves the Teams team: the lead is told the case needs a new owner.
        leaving = next(u for u in (ANNE, BO, CAMILLA) if u.name == owner)
        stay = tuple(u for u in (LIS, ANNE, BO, CAMILLA, DORTE) if u != leaving)
        teams.roster(*stay)
        await teams.post(teams.members_changed(LIS, removed=(leaving,)))
        await teams.at("2027-02-05 08:30")
        await tick(teams.services)
        await tick(teams.services)
        assert await told_by_kind(teams, "case_orphan") == [LIS.name]
        orphaned = await told(teams, LIS, "er ikke længere med i teamet")
        assert len(orphaned) == 1 and f"Sag #1 er stadig åben, men {owner}" in orphaned[0].text
