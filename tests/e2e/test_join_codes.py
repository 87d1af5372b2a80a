"""Join codes: only in a 1:1 chat, only within the tenant, and guessing locks you out."""

from tests.e2e.flows import install
from tests.e2e.people import LIS, SIGNE
from tests.e2e.teams import Teams, User, teams_session

OUTSIDER = User("outsider", "Otto Udefra")


async def code_from_lis(teams: Teams) -> str:
    return (await teams.say(teams.personal(LIS, "kode omstilling")))[0].text.split("**")[1]


async def test_the_code_is_refused_in_a_channel(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await install(teams)
        replies = await teams.say(teams.channel(LIS, "kode omstilling"))
        assert "privat chat" in replies[0].text
        assert "**" not in replies[0].text  # no code posted for everyone


async def test_a_code_from_another_tenant_is_refused(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await install(teams)
        code = await code_from_lis(teams)
        foreign = teams.personal(OUTSIDER, f"tilmeld {code}")
        foreign["conversation"]["tenantId"] = "tenant-2"
        foreign["channelData"] = {"tenant": {"id": "tenant-2"}}
        assert "virker ikke" in (await teams.say(foreign))[0].text
        # The code is still good in its own tenant.
        joined = await teams.say(teams.personal(SIGNE, f"tilmeld {code}"))
        assert "tilmeldt Sygedagpenge som omstilling" in joined[0].text


async def test_five_wrong_codes_lock_out_and_the_lead_is_told(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await install(teams)
        await teams.at("2027-01-04 10:00")
        code = await code_from_lis(teams)
        for _ in range(4):
            assert (
                "virker ikke"
                in (await teams.say(teams.personal(SIGNE, "tilmeld AAAA2222")))[0].text
            )
        fifth = await teams.say(teams.personal(SIGNE, "tilmeld BBBB3333"))
        assert "for mange forkerte koder" in fifth[0].text and "10:15" in fifth[0].text
        # Locked: even the right code is refused, and nothing is counted or told again.
        locked = await teams.say(teams.personal(SIGNE, f"tilmeld {code}"))
        assert "for mange forkerte koder" in locked[0].text
        await teams.settle()
        told = [s.text for s in teams.connector.to(LIS.personal_chat)]
        notices = [text for text in told if "Signe Omstilling har skrevet 5 forkerte" in text]
        assert len(notices) == 1 and "10:15" in notices[0]
        # After 15 minutes the right code works.
        await teams.at("2027-01-04 10:16")
        joined = await teams.say(teams.personal(SIGNE, f"tilmeld {code}"))
        assert "tilmeldt Sygedagpenge som omstilling" in joined[0].text
