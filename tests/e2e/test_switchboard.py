"""The switchboard asks the bot while a caller waits: one step, the right answer."""

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from sqlalchemy import select, text

from bot.jobs import tick
from store.db import unit_of_work
from store.models import SwitchboardCount
from tests.e2e.flows import setup, submit_data
from tests.e2e.people import ANNE, BO, CAMILLA, LIS, SIGNE
from tests.e2e.teams import Teams, teams_session
from tests.e2e.test_announcements import holder_on

OVERRIDE = {
    "teams": {
        "Sygedagpenge": {
            "referrals": {
                "payment": {
                    "da": "Ydelseskontoret på Rådhuset",
                    "en": "The benefits office at the town hall",
                    "phone": "70 11 22 33",
                }
            }
        }
    }
}


async def switchboard_team(teams: Teams) -> None:
    await teams.at("2027-01-04 07:00")
    await setup(teams, on_rota=(ANNE, BO, CAMILLA))
    code = (await teams.say(teams.personal(LIS, "kode omstilling")))[0].text.split("**")[1]
    await teams.say(teams.personal(SIGNE, f"tilmeld {code}"))


async def guide(teams: Teams, who: str, what: str) -> str:
    card = (await teams.say(teams.personal(SIGNE, "tjek")))[0].card
    assert card is not None
    answer = await teams.say(
        teams.personal(SIGNE, "", value={**submit_data(card), "who": who, "what": what})
    )
    return " ".join(s.card_text or s.text for s in answer)


async def test_the_guide_card_gives_a_verdict_in_one_step(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await switchboard_team(teams)
        await teams.at("2027-01-04 10:00")
        holder = (await holder_on(teams, date(2027, 1, 4))).name
        following = (await holder_on(teams, date(2027, 1, 5))).name
        yes = await guide(teams, "employer", "risk")
        assert "Stil om til fastholdelsestelefonen" in yes
        assert (
            f"Lige nu har {holder} fastholdelsestelefonen: **70 12 34 56**. "
            f"Næste arbejdsdag: {following}." in yes
        )
        no = await guide(teams, "employee", "payment")
        assert "Ikke til fastholdelsestelefonen" in no and "Ydelseskontoret" in no
        assert "A-kassen" in await guide(teams, "unemployed", "fast_track")
        assert "arbejdsgiver eller ansat" in await guide(teams, "other", "risk")
        assert "Vælg både" in await guide(teams, "", "risk")


async def test_on_a_holiday_and_after_closing_it_says_when_the_hotline_opens(
    sqlite_url: str,
) -> None:
    async with teams_session(sqlite_url) as teams:
        await switchboard_team(teams)
        await teams.at("2027-01-08 13:30")  # Friday, closed at 13:00
        monday = (await holder_on(teams, date(2027, 1, 11))).name
        after = await guide(teams, "employer", "ongoing")
        assert "Hører til fastholdelsestelefonen – lukket nu" in after and "Stil om" not in after
        assert (
            "Bed den, der ringer, om at ringe igen mandag 11. januar fra kl. 08:00 "
            f"på **70 12 34 56**. "
            f"Så har {monday} fastholdelsestelefonen." in after
        )
        await teams.at("2027-01-04 07:30")
        early = await guide(teams, "employee", "fast_track")
        assert "om at ringe igen i dag fra kl. 08:00" in early
        await teams.at("2027-02-15 07:00")
        from bot.jobs import extend_rotas

        await extend_rotas(teams.services)
        await teams.at("2027-03-26 10:00")  # Good Friday
        tuesday = (await holder_on(teams, date(2027, 3, 30))).name
        holiday = await guide(teams, "employer", "risk")
        assert (
            f"ringe igen tirsdag 30. marts fra kl. 08:00 på **70 12 34 56**. Så har {tuesday}"
            in holiday
        )


async def test_free_text_is_judged_with_reasons_and_never_stored(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await switchboard_team(teams)
        await teams.at("2027-01-04 10:00")
        said = "tjek arbejdsgiver ringer om medarbejder med stress, frygter sygemelding"
        yes = (await teams.say(teams.personal(SIGNE, said)))[0].card_text
        assert "Stil om til fastholdelsestelefonen" in yes
        assert "arbejdsgiver, medarbejder, stress, frygter, sygemelding" in yes
        no = (
            await teams.say(
                teams.personal(SIGNE, "tjek borger spørger hvornår pengene bliver udbetalt")
            )
        )[0]
        assert "Ikke til fastholdelsestelefonen" in no.card_text and "udbetalt" in no.card_text
        unsure = await teams.say(teams.personal(SIGNE, "tjek hej jeg har et spørgsmål"))
        assert "kan jeg ikke afgøre" in unsure[0].text and "Hvem ringer?" in unsure[1].card_text
        async with unit_of_work(teams.services.sessions) as session:
            counts = {
                (c.verdict, c.category): c.count
                for c in await session.scalars(select(SwitchboardCount))
            }
            dump = ""
            for table in ("card_flows", "audit_log", "outbox", "switchboard_counts", "members"):
                dump += " ".join(
                    str(r) for r in await session.execute(text(f"SELECT * FROM {table}"))
                )
        assert counts == {("yes", "health"): 1, ("no", "payment"): 1, ("unsure", "unclear"): 1}
        assert "frygter" not in dump and "udbetalt" not in dump


async def test_a_team_override_changes_where_a_call_goes(sqlite_url: str) -> None:
    async with teams_session(sqlite_url, switchboard=OVERRIDE) as teams:
        await switchboard_team(teams)
        await teams.at("2027-01-04 10:00")
        answer = await guide(teams, "employer", "payment")
        assert "Ydelseskontoret på Rådhuset**, 70 11 22 33" in answer


async def test_the_switchboard_gets_a_morning_briefing_and_can_ask_for_it(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await switchboard_team(teams)
        await teams.at("2027-01-04 08:00")
        await tick(teams.services)
        await teams.settle()
        holder = (await holder_on(teams, date(2027, 1, 4))).name
        briefings = [s for s in teams.connector.sent if "Omstillingen i dag" in s.card_text]
        assert len(briefings) == 1
        assert (
            f"I dag har {holder} fastholdelsestelefonen: **70 12 34 56**. "
            "Den er åben kl. 08:00–15:00" in briefings[0].card_text
        )
        assert "Ydelseskontoret" in briefings[0].card_text
        await tick(teams.services)
        await teams.settle()
        assert len([s for s in teams.connector.sent if "Omstillingen i dag" in s.card_text]) == 1
        on_demand = (await teams.say(teams.personal(SIGNE, "omstilling")))[0].card_text
        assert "Fast track: hvad det er" in on_demand


async def test_switchboard_staff_see_the_guide_not_the_teams_business(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await switchboard_team(teams)
        for command in ("vagtplan", "medlemmer", "sæt vagt 5.1 Anne", "mine vagter"):
            reply = (await teams.say(teams.personal(SIGNE, command)))[0].text
            assert "Det er kun" in reply, command
        help_card = (await teams.say(teams.personal(SIGNE, "hjælp")))[0].card_text
        assert "tjek" in help_card and "vagtplan" not in help_card


def test_a_bad_switchboard_config_stops_start_up_naming_the_line(tmp_path: Path) -> None:
    config = tmp_path / "hotline.toml"
    config.write_text(
        'phone = "70 12 34 56"\n\n[switchboard.signals.payment]\n'
        'verdict = "maybe"\nphrases = ["udbetal*"]\n'
    )
    env = {
        **os.environ,
        "HOTLINE_CONFIG": str(config),
        "HOTLINE_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/x.sqlite3",
    }
    result = subprocess.run(
        [str(Path(sys.executable).parent / "hotline-bot"), "serve"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert (
        "switchboard: line 3: payment needs verdict = strong, context, yes or no" in result.stderr
    )


async def test_the_lead_gives_the_referral_numbers_and_the_verdict_names_them(
    sqlite_url: str,
) -> None:
    async with teams_session(sqlite_url) as teams:
        await switchboard_team(teams)
        await teams.at("2027-01-04 10:00")
        card = (await teams.say(teams.personal(LIS, "indstillinger")))[0]
        inputs = {
            b["id"]: b["label"]
            for b in card.card["body"]
            if b.get("id", "").startswith("referral_")
        }
        # One number per place: payment and sick pay share the benefits office.
        assert inputs["referral_payment"].startswith("Ydelseskontoret (udbetaling")
        assert "referral_sick_pay" not in inputs
        assert "referral_complaint" in inputs
        base = submit_data(card.card)
        bad = await teams.say(teams.personal(LIS, "", value={**base, "referral_payment": "12"}))
        assert "Nummeret til Ydelseskontoret (udbetaling" in bad[0].text
        value = {**base, "referral_payment": "7011 2233", "referral_complaint": ""}
        saved = await teams.say(teams.personal(LIS, "", value=value, reply_to=card.activity_id))
        assert "Indstillingerne er gemt" in saved[1].text
        answer = await guide(teams, "employer", "payment")
        assert "Ydelseskontoret (udbetaling og refusion af sygedagpenge)**, 70 11 22 33" in answer
        typed = await teams.say(teams.personal(SIGNE, "tjek har ikke fået udbetalt sygedagpenge"))
        assert "70 11 22 33" in typed[0].card_text
        # The setup card shows the saved number, and the lead can take it away again.
        setup_card = (await teams.say(teams.personal(LIS, "opsætning")))[0].card
        field = next(b for b in setup_card["body"] if b.get("id") == "referral_payment")
        assert field["value"] == "70 11 22 33"


async def test_a_team_override_from_the_config_file_is_not_asked_for_again(
    sqlite_url: str,
) -> None:
    async with teams_session(sqlite_url, switchboard=OVERRIDE) as teams:
        await switchboard_team(teams)
        card = (await teams.say(teams.personal(LIS, "indstillinger")))[0].card
        ids = {b.get("id") for b in card["body"]}
        assert "referral_payment" not in ids and "referral_sick_pay" in ids
