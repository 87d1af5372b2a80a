"""Steps several end-to-end tests share: install the bot, fill in a card."""

from typing import Any

from tests.e2e.connector import Sent
from tests.e2e.people import LIS, TEAM
from tests.e2e.teams import Teams, User

# A call as the intake card is filled in (the call's date and time are added per test).
INTAKE = {
    "caller": "employer",
    "company": "Tømrer Hansen ApS",
    "contact_name": "Per",
    "contact_phone": "70 11 22 33",
    "employee": "K.L.",
    "topic": "risk",
    "note": "Medarbejder med dårlig ryg, frygter sygemelding",
}


def submit_data(card: dict[str, Any], title: str | None = None) -> dict[str, Any]:
    """The data of the card's submit action (the one titled `title`, or the only one)."""
    actions = list(card.get("actions") or [])
    for block in card["body"]:
        actions += block.get("actions") or []
    chosen = [a for a in actions if title is None or a["title"] == title]
    assert len(chosen) == 1, [a["title"] for a in actions]
    return dict(chosen[0]["data"])


def choices(card: dict[str, Any], input_id: str) -> dict[str, str]:
    """Choice title → value for an Input.ChoiceSet."""
    for block in card["body"]:
        if block.get("id") == input_id:
            return {c["title"]: c["value"] for c in block["choices"]}
    raise AssertionError(f"no input {input_id}")


async def install(teams: Teams, installer: User = LIS, people: tuple[User, ...] = TEAM) -> Sent:
    """Install the bot in the team; the setup card it posted in the channel."""
    teams.roster(*people)
    replies = await teams.say(teams.install(installer))
    assert len(replies) == 1 and replies[0].card is not None
    return replies[0]


async def setup(
    teams: Teams, on_rota: tuple[User, ...], lead: User = LIS, people: tuple[User, ...] = TEAM
) -> list[Sent]:
    """Install, then the lead picks who is on the rota on the setup card."""
    card = await install(teams, lead, people)
    assert card.card is not None
    ids = choices(card.card, "rota")
    lead_ids = choices(card.card, "leads")
    value = {
        **submit_data(card.card),
        "phone": "70 12 34 56",
        "announce_time": "08:00",
        "rota": ",".join(ids[u.name] for u in on_rota),
        "leads": lead_ids[lead.name],
    }
    return await teams.say(teams.channel(lead, "", value=value, reply_to=card.activity_id))
