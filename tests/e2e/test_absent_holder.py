"""A planned holder who is away is never named as having the phone, in any answer or post,
until a colleague takes the day."""

from datetime import date

from icalendar import Calendar

from bot.jobs import tick
from tests.e2e.connector import Sent
from tests.e2e.flows import submit_data
from tests.e2e.people import ANNE, BO, CAMILLA, LIS, SIGNE
from tests.e2e.teams import GENERAL, Teams
from tests.e2e.teams import teams_session as session
from tests.e2e.test_calendar import link
from tests.e2e.test_rota_and_duty import holders
from tests.e2e.test_swaps import click, first_day_of, ready, recipients, short

AWAY = "Anne Hansen har ferie – vagten er ikke taget endnu"
AWAY_TO_SWITCHBOARD = "Anne Hansen er fraværende – vagten er ikke taget endnu"


async def join_switchboard(teams: Teams) -> None:
    code = (await teams.say(teams.personal(LIS, "kode omstilling")))[0].text.split("**")[1]
    await teams.say(teams.personal(SIGNE, f"tilmeld {code}"))


def text_of(replies: list[Sent]) -> str:
    return " ".join(s.text or s.card_text for s in replies)


async def told(teams: Teams, words: str) -> list[Sent]:
    """What the bot sent 1:1 (not in the channel) that has these words."""
    await teams.settle()
    return [
        s
        for s in teams.connector.sent
        if words in (s.text or s.card_text) and not s.conversation_id.startswith(GENERAL)
    ]


async def test_every_answer_that_names_a_holder_says_the_holder_is_away(sqlite_url: str) -> None:
    async with session(sqlite_url) as teams:
        rota = await ready(teams)
        await join_switchboard(teams)
        day = first_day_of(rota, ANNE)
        before = max(d for d in rota if d < day)  # the working day before
        reply = text_of(await teams.say(teams.personal(ANNE, f"fravær {short(day)} ferie")))
        assert "Jeg har slået vagterne op i kanalen" in reply

        # vagt DATE: a colleague is told who to call and gets the open request one click away
        answer = await teams.say(teams.personal(BO, f"vagt {short(day)}"))
        assert AWAY in answer[0].text and "Ring i stedet til" in answer[0].text
        assert "Anne Hansen har fastholdelsestelefonen" not in answer[0].text
        assert answer[1].card is not None and submit_data(answer[1].card, "Tag vagten")
        # ... the switchboard is told too, without the reason and without a button
        asked = await teams.say(teams.personal(SIGNE, f"vagt {short(day)}"))
        assert len(asked) == 1 and AWAY_TO_SWITCHBOARD in asked[0].text
        assert "ferie" not in asked[0].text
        # ... and the day before names her in passing as away, not as the next holder
        previous = (await teams.say(teams.personal(CAMILLA, f"vagt {short(before)}")))[0].text
        assert previous.endswith(": ingen (Anne Hansen har ferie).")

        # vagtplan marks her day; mine vagter tells her own day is not taken
        card = (await teams.say(teams.personal(ANNE, f"vagtplan {short(day)}")))[0]
        assert "Anne Hansen har ferie – ikke taget endnu (dig)" in card.card_text
        mine = (await teams.say(teams.personal(ANNE, "mine vagter")))[0].text
        assert "du har ferie – vagten er ikke taget endnu" in mine

        # the team calendar feed
        url = await link(teams, BO, "teamkalender")
        async with teams.http.get(url) as response:
            feed = Calendar.from_ical(await response.read())
        summaries = {e.decoded("dtstart"): str(e["summary"]) for e in feed.walk("VEVENT")}
        assert summaries[day] == f"Fastholdelsestelefonen: {AWAY}."

        # the heads-up the afternoon before goes to the leads, not to Anne
        eve = date.fromordinal(day.toordinal() - 1)
        await teams.at(f"{eve.isoformat()} 15:00")
        await tick(teams.services)
        [note] = await told(teams, f"I morgen, {format_short(day)}: {AWAY}")
        assert "sæt vagt" in note.text
        assert await recipients(teams, f"I morgen, {format_short(day)}") == [LIS.name]
        assert not await told(teams, "Husk: du har fastholdelsestelefonen")

        # the morning post and the switchboard's briefing on the day
        await teams.at(f"{day.isoformat()} 08:00")
        await tick(teams.services)
        await teams.settle()
        post = [
            s
            for s in teams.connector.sent
            if s.conversation_id.startswith(GENERAL + ";messageid=new") and "God morgen" in s.text
        ][-1]
        assert AWAY in post.text and "<at>" not in post.text
        assert post.card is not None and submit_data(post.card, "Tag vagten")
        [briefing] = await told(teams, "Omstillingen i dag")
        assert await recipients(teams, "Omstillingen i dag") == [SIGNE.name]
        assert AWAY_TO_SWITCHBOARD in briefing.card_text and "ferie" not in briefing.card_text
        assert briefing.card is not None and "Tag vagten" not in str(briefing.card)

        # vagt (today), omstilling, the guide and a free-text check, while open
        await teams.at(f"{day.isoformat()} 10:00")
        now = (await teams.say(teams.personal(CAMILLA, "vagt")))[0].text
        assert AWAY in now
        on_demand = (await teams.say(teams.personal(SIGNE, "omstilling")))[0].card_text
        assert AWAY_TO_SWITCHBOARD in on_demand
        guide = (await teams.say(teams.personal(SIGNE, "tjek")))[0]
        assert guide.card is not None
        verdict = text_of(
            await teams.say(
                teams.personal(
                    SIGNE, "", value={**submit_data(guide.card), "who": "employer", "what": "risk"}
                )
            )
        )
        assert AWAY_TO_SWITCHBOARD in verdict and "Ring i stedet til" in verdict
        assert "Lige nu har" not in verdict and "Stil om til fastholdelsestelefonen" not in verdict
        said = "tjek arbejdsgiver ringer om medarbejder med stress, frygter sygemelding"
        free = text_of(await teams.say(teams.personal(SIGNE, said)))
        assert AWAY_TO_SWITCHBOARD in free and "Lige nu har" not in free

        # the day is covered the moment a colleague takes it
        answer = await teams.say(teams.personal(BO, "vagt"))
        taken = await click(teams, BO, answer[1], "Tag vagten")
        assert "Du har nu vagten" in text_of(taken)
        assert (await holders(teams))[day] == BO.name
        after = (await teams.say(teams.personal(CAMILLA, "vagt")))[0].text
        assert "Bo Jensen har fastholdelsestelefonen" in after and "ferie" not in after
        verdict = text_of(
            await teams.say(
                teams.personal(
                    SIGNE, "", value={**submit_data(guide.card), "who": "employer", "what": "risk"}
                )
            )
        )
        assert "Lige nu har Bo Jensen fastholdelsestelefonen" in verdict


def format_short(day: date) -> str:
    """'tirsdag 5. januar' as the bot writes a day."""
    names = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]
    months = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august"]
    months += ["september", "oktober", "november", "december"]
    return f"{names[day.weekday()]} {day.day}. {months[day.month - 1]}"


async def test_a_sick_holder_is_not_named_until_the_cover_is_confirmed(sqlite_url: str) -> None:
    async with session(sqlite_url) as teams:
        rota = await ready(teams)
        await join_switchboard(teams)
        today = date(2027, 1, 5)
        first = next(u for u in (ANNE, BO, CAMILLA) if u.name == rota[today])
        other = next(u for u in (ANNE, BO, CAMILLA) if u != first)
        await teams.at("2027-01-05 11:00")
        card = (await teams.say(teams.personal(first, "jeg er syg")))[0]
        assert card.card is not None
        before = (await teams.say(teams.personal(other, "vagt")))[0].text
        assert f"{first.name} er fraværende – vagten er ikke taget endnu" in before
        assert "syg" not in before and f"{first.name} har fastholdelsestelefonen" not in before
        suggested = card.card["body"][2]["value"]
        await teams.say(
            teams.personal(
                first,
                "",
                value={**submit_data(card.card), "cover": suggested},
                reply_to=card.activity_id,
            )
        )
        after = (await teams.say(teams.personal(other, "vagt")))[0].text
        assert "har fastholdelsestelefonen" in after and "fraværende" not in after
        assert first.name not in after.split(".")[0]
