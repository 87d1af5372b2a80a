"""An absence's duty days in the channel: one post with a button per day, which keeps who asked
and who took each day, and presses on your own days answered to you alone."""

from datetime import date
from typing import Any

from sqlalchemy import select

from bot.jobs import tick
from store.db import unit_of_work
from store.models import SwapRequestRow
from tests.e2e.connector import Sent
from tests.e2e.flows import submit_data
from tests.e2e.people import ANNE, BO, CAMILLA, LIS
from tests.e2e.teams import GENERAL, Teams, User
from tests.e2e.teams import teams_session as session_of
from tests.e2e.test_rota_and_duty import holders
from tests.e2e.test_swaps import ready, short, told

DANISH_MONTHS = ("januar", "februar", "marts")
WEEKDAYS = ("Mandag", "Tirsdag", "Onsdag", "Torsdag", "Fredag")


def said(day: date) -> str:
    """How a day appears on a card: `11. januar`."""
    return f"{day.day}. {DANISH_MONTHS[day.month - 1]}"


def posts(teams: Teams) -> list[Sent]:
    """New threads the bot started in the channel with a card."""
    return [
        s
        for s in teams.connector.sent
        if s.conversation_id.startswith(GENERAL + ";messageid=new")
        and s.method == "POST"
        and s.card is not None
    ]


def day_buttons(card: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The text above each button of a post → that button's data."""
    found: dict[str, dict[str, Any]] = {}
    above = ""
    for block in card["body"]:
        if block["type"] == "TextBlock":
            above = block["text"]
        for action in block.get("actions") or []:
            found[above] = dict(action["data"])
    return found


def button_for(card: Sent, day: date) -> dict[str, Any]:
    assert card.card is not None
    [data] = [d for text, d in day_buttons(card.card).items() if said(day) in text]
    return data


async def press(teams: Teams, user: User, post: Sent, value: dict[str, Any]) -> list[Sent]:
    """A press on a button of a channel post (the click replies to the post's activity)."""
    activity = teams.channel(user, "", value=value, reply_to=post.activity_id)
    activity["conversation"]["id"] = post.conversation_id
    return await teams.say(activity)


async def in_chat(teams: Teams, user: User) -> list[Sent]:
    await teams.settle()
    return teams.connector.to(user.personal_chat)


async def vacation(teams: Teams) -> tuple[Sent, list[date]]:
    """Anne goes on two weeks' vacation; her duty days in them, and the one channel post."""
    rota = await ready(teams)
    first, last = date(2027, 1, 11), date(2027, 1, 22)
    days = [d for d, name in sorted(rota.items()) if name == ANNE.name and first <= d <= last]
    assert len(days) >= 3
    before = len(posts(teams))
    reply = await teams.say(teams.personal(ANNE, f"fravær {short(first)}-{short(last)} ferie"))
    assert "Jeg har slået vagterne op i kanalen" in reply[1].text
    await teams.settle()
    new = posts(teams)[before:]
    assert len(new) == 1, [p.card_text for p in new]
    return new[0], days


async def test_a_vacation_is_one_post_with_a_button_per_duty_day(sqlite_url: str) -> None:
    async with session_of(sqlite_url) as teams:
        post, days = await vacation(teams)
        assert "**Anne Hansen** søger en, der kan tage fastholdelsestelefonen" in post.card_text
        assert post.card is not None
        buttons = day_buttons(post.card)
        assert len(buttons) == len(days)
        for day in days:
            assert button_for(post, day)["action"] == "swap.take"
        async with unit_of_work(teams.services.sessions) as session:
            rows = list(await session.scalars(select(SwapRequestRow).order_by(SwapRequestRow.day)))
        assert [r.day for r in rows] == days  # still one request per day
        assert sorted(b["swap"] for b in buttons.values()) == sorted(r.id for r in rows)


async def test_a_taken_day_keeps_its_context_and_the_other_days_stay_open(
    sqlite_url: str,
) -> None:
    async with session_of(sqlite_url) as teams:
        post, days = await vacation(teams)
        taken = await press(teams, BO, post, button_for(post, days[0]))
        assert [s.method for s in taken] == ["PUT", "POST"]
        assert taken[0].activity_id == post.activity_id  # the one post, changed in place
        assert "Du har nu vagten" in taken[1].text
        line = f"{WEEKDAYS[days[0].weekday()]} {said(days[0])} (Anne Hansen): taget af Bo Jensen"
        assert line in taken[0].card_text
        assert taken[0].card_text.count("Tag vagten") == len(days) - 1
        # Camilla takes another day from the post as it now stands.
        again = await press(teams, CAMILLA, taken[0], button_for(taken[0], days[1]))
        assert again[0].activity_id == post.activity_id
        assert line in again[0].card_text
        assert f"{said(days[1])} (Anne Hansen): taget af Camilla Nielsen" in again[0].card_text
        assert again[0].card_text.count("Tag vagten") == len(days) - 2
        rota = await holders(teams)
        assert rota[days[0]] == BO.name and rota[days[1]] == CAMILLA.name
        assert all(rota[d] == ANNE.name for d in days[2:])
        # A late press on the old post is still answered: one winner per day.
        late = await press(teams, CAMILLA, post, button_for(post, days[0]))
        assert late[0].text == "Den er allerede taget af Bo Jensen."


async def test_pressing_your_own_day_is_answered_to_you_alone(sqlite_url: str) -> None:
    async with session_of(sqlite_url) as teams:
        post, days = await vacation(teams)
        sent = len(teams.connector.sent)
        assert await press(teams, ANNE, post, button_for(post, days[0])) == []
        chat = await in_chat(teams, ANNE)
        assert not [s for s in teams.connector.sent[sent:] if s.conversation_id.startswith(GENERAL)]
        [answer] = [s for s in chat if "dit eget ønske om at bytte" in s.card_text]
        assert said(days[0]) in answer.card_text
        # Pressed again: answered again.
        assert await press(teams, ANNE, post, button_for(post, days[0])) == []
        chat = await in_chat(teams, ANNE)
        assert len([s for s in chat if "dit eget ønske om at bytte" in s.card_text]) == 2
        assert answer.card is not None
        withdrawn = await teams.say(
            teams.personal(ANNE, "", value=submit_data(answer.card, "Træk ønsket tilbage"))
        )
        assert "trukket tilbage" in withdrawn[0].text
        late = await press(teams, BO, post, button_for(post, days[0]))
        assert late[0].text == "Den er allerede trukket tilbage."
        assert (await holders(teams))[days[0]] == ANNE.name


async def test_pressing_a_day_you_took_already_is_answered_to_you_alone(sqlite_url: str) -> None:
    async with session_of(sqlite_url) as teams:
        post, days = await vacation(teams)
        await teams.say(teams.personal(BO, "bytter"))  # Bo has a 1:1 chat with the bot
        await press(teams, BO, post, button_for(post, days[0]))
        sent = len(teams.connector.sent)
        assert await press(teams, BO, post, button_for(post, days[0])) == []
        chat = await in_chat(teams, BO)
        assert not [s for s in teams.connector.sent[sent:] if s.conversation_id.startswith(GENERAL)]
        assert any(
            "Du har allerede taget vagten" in s.text and said(days[0]) in s.text for s in chat
        )
        assert (await holders(teams))[days[0]] == BO.name


async def test_each_day_of_an_absence_is_escalated_on_its_own(sqlite_url: str) -> None:
    async with session_of(sqlite_url) as teams:
        post, days = await vacation(teams)
        await press(teams, BO, post, button_for(post, days[1]))
        rota = await holders(teams)
        for day in days:
            before = max(d for d in rota if d < day and d.weekday() < 5)
            await teams.at(f"{before.isoformat()} 08:30")
            await tick(teams.services)
        escalated = [s.text for s in await told(teams, LIS, "Ingen har taget vagten i morgen")]
        expected = [d for d in days if d != days[1]]
        assert len(escalated) == len(expected)
        for day, text in zip(expected, escalated, strict=True):
            assert said(day) in text
