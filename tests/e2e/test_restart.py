"""A restart between two turns loses nothing: teams, members, settings, references, card flows."""

from sqlalchemy import select

from domain.clock import FakeClock
from store.db import unit_of_work
from store.models import ConversationRef, Member, Team
from tests.e2e.flows import setup, submit_data
from tests.e2e.people import ANNE, BO, CAMILLA, LIS
from tests.e2e.teams import teams_session


async def test_state_survives_a_restart(db_url: str) -> None:
    clock = FakeClock()
    async with teams_session(db_url, clock) as teams:
        await setup(teams, on_rota=(ANNE, BO, CAMILLA))
        await teams.say(teams.personal(ANNE, "sprog engelsk"))
        settings_card = (await teams.say(teams.personal(LIS, "indstillinger")))[0]
    async with teams_session(db_url, clock) as teams:
        # The settings card from before the restart still works.
        value = {
            **submit_data(settings_card.card),
            "phone": "+45 33 44 55 66",
            "announce_time": "07:45",
            "post_language": "da",
            "closed_days": "24.12, 31.12",
        }
        saved = await teams.say(
            teams.personal(LIS, "", value=value, reply_to=settings_card.activity_id)
        )
        assert "Gemt af Lis Berg" in saved[0].card_text
        listing = await teams.say(teams.personal(ANNE, "members"))
        assert "Anne Hansen: caseworker, on the rota" in listing[0].text
        assert "Dorte Lund: caseworker, not on the rota" in listing[0].text
        async with unit_of_work(teams.services.sessions) as session:
            team = await session.scalar(select(Team))
            refs = list(await session.scalars(select(ConversationRef)))
            members = list(await session.scalars(select(Member)))
        assert team is not None and team.settings["phone"] == "33 44 55 66"
        assert team.settings["closed_days"] == ["12-24", "12-31"]
        assert team.announce_channel_id == "19:team-general@thread.tacv2"
        assert {r.conversation_id for r in refs} >= {ANNE.personal_chat, LIS.personal_chat}
        assert len(members) == 5
    async with teams_session(db_url, clock) as teams:
        again = await teams.say(teams.personal(ANNE, "hjælp"))
        assert "What I can help with" in again[0].card_text  # the language choice was kept
