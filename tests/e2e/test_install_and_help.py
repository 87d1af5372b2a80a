"""Installing the bot, setting it up, and asking it for help, as a team would in Teams."""

from sqlalchemy import select

from store.db import unit_of_work
from store.models import Member, Membership, OutboxMessage
from tests.e2e.flows import install, setup
from tests.e2e.people import ANNE, BO, CAMILLA, LIS, SIGNE, TEAM
from tests.e2e.teams import Teams, teams_session


async def memberships(teams: Teams) -> dict[str, Membership]:
    async with unit_of_work(teams.services.sessions) as session:
        rows = await session.execute(
            select(Member.name, Membership).join(Membership, Membership.member_id == Member.id)
        )
        return {name: ms for name, ms in rows}


async def test_install_posts_setup_card_and_stores_the_roster(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        card = await install(teams)
        assert "Opsætning af fastholdelsestelefonen" in card.card_text
        assert {c["title"] for c in card.card["body"][4]["choices"]} == {u.name for u in TEAM}
        people = await memberships(teams)
        assert set(people) == {u.name for u in TEAM}
        assert not any(ms.on_rota for ms in people.values())
        assert people[LIS.name].role == "lead"
        assert {ms.role for n, ms in people.items() if n != LIS.name} == {"caseworker"}
        # The installer also gets the card 1:1, through the outbox, in a new chat.
        await teams.connector.wait_for(lambda: bool(teams.connector.created))
        created = teams.connector.created[0]
        assert created["members"][0]["id"] == LIS.teams_id
        assert not created["isGroup"]
        await teams.connector.wait_for(lambda: len(teams.connector.sent) >= 2)
        personal = [s for s in teams.connector.sent if s.conversation_id.startswith("a:personal")]
        assert personal and "Opsætning" in personal[0].card_text


async def test_lead_puts_three_people_on_the_rota_and_the_card_updates_in_place(
    sqlite_url: str,
) -> None:
    async with teams_session(sqlite_url) as teams:
        replies = await setup(teams, on_rota=(ANNE, BO, CAMILLA))
        updated = [s for s in replies if s.method == "PUT"]
        assert len(updated) == 1
        assert "Gemt af Lis Berg" in updated[0].card_text
        assert "Anne Hansen, Bo Jensen, Camilla Nielsen" in updated[0].card_text
        people = await memberships(teams)
        assert {n for n, ms in people.items() if ms.on_rota} == {ANNE.name, BO.name, CAMILLA.name}


async def test_an_outdated_setup_card_is_answered_not_obeyed(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        card = await install(teams)
        from tests.e2e.flows import submit_data

        value = {**submit_data(card.card), "rota": "", "leads": ""}
        first = await teams.say(
            teams.channel(
                LIS, "", value={**value, "leads": _id(card, LIS)}, reply_to=card.activity_id
            )
        )
        assert any(s.method == "PUT" for s in first)
        again = await teams.say(
            teams.channel(
                LIS,
                "",
                value={**value, "leads": _id(card, LIS), "rota": _id(card, ANNE)},
                reply_to=card.activity_id,
            )
        )
        assert len(again) == 1 and "allerede behandlet af Lis Berg" in again[0].text
        people = await memberships(teams)
        assert not people[ANNE.name].on_rota


def _id(card, user) -> str:  # type: ignore[no-untyped-def]
    from tests.e2e.flows import choices

    return choices(card.card, "leads")[user.name]


async def test_help_in_the_channel_and_one_to_one_in_both_languages(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await setup(teams, on_rota=(ANNE, BO, CAMILLA))
        in_channel = await teams.say(teams.channel(ANNE, "hjælp"))
        assert "Det kan jeg hjælpe med" in in_channel[0].card_text
        assert "medlemmer" in in_channel[0].card_text
        assert "rolle Anne omstilling" not in in_channel[0].card_text  # leads only
        lead_help = await teams.say(teams.personal(LIS, "HJAELP"))
        assert "rolle Anne omstilling" in lead_help[0].card_text
        english = await teams.say(teams.personal(BO, "help", locale="en-US"))
        assert "What I can help with" in english[0].card_text
        assert "role Anne switchboard" not in english[0].card_text


async def test_an_unknown_command_gets_the_closest_one(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await install(teams)
        replies = await teams.say(teams.personal(ANNE, "medlemer"))
        assert "Mente du **medlemmer**" in replies[0].text
        nothing = await teams.say(teams.personal(ANNE, "xyzzy"))
        assert "kender jeg ikke" in nothing[0].text
        # Teams in English is not enough in a Danish team (the locale counts only for someone
        # in no team); her own choice is.
        await teams.say(teams.personal(ANNE, "sprog engelsk", locale="en-US"))
        english = await teams.say(teams.personal(ANNE, "membres", locale="en-US"))
        assert "Did you mean **members**" in english[0].text


async def test_a_switchboard_person_joins_with_a_code(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await install(teams)
        outsider = await teams.say(teams.personal(SIGNE, "medlemmer"))
        assert "ikke med i et team" in outsider[0].text
        reply = await teams.say(teams.personal(LIS, "kode omstilling"))
        code = reply[0].text.split("**")[1]
        denied = await teams.say(teams.personal(ANNE, "kode omstilling"))
        assert "teamledere" in denied[0].text
        joined = await teams.say(teams.personal(SIGNE, f"tilmeld {code.lower()}"))
        assert "tilmeldt Sygedagpenge som omstilling" in joined[0].text
        people = await memberships(teams)
        assert people[SIGNE.name].role == "switchboard"
        again = await teams.say(teams.personal(SIGNE, f"tilmeld {code}"))
        assert "virker ikke" in again[0].text
        # Switchboard staff may not list the team's members.
        listing = await teams.say(teams.personal(SIGNE, "medlemmer"))
        assert "sagsbehandlere og teamledere" in listing[0].text


async def test_setup_card_one_to_one_goes_through_the_outbox_once(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await install(teams)
        await teams.say(teams.install(LIS))  # Teams may send the event twice
        await teams.connector.wait_for(lambda: bool(teams.connector.created))
        async with unit_of_work(teams.services.sessions) as session:
            rows = list(await session.scalars(select(OutboxMessage)))
        assert [r.kind for r in rows] == ["setup"]


def _groups(card: dict) -> list[str]:  # type: ignore[type-arg]
    """The group titles of a help card, in order (the bold blocks after the intro)."""
    return [b["text"] for b in card["body"][2:] if b.get("weight") == "Bolder"]


async def test_help_is_grouped_by_what_people_do_and_the_lead_group_is_for_leads_in_a_chat(
    sqlite_url: str,
) -> None:
    async with teams_session(sqlite_url) as teams:
        await setup(teams, on_rota=(ANNE, BO, CAMILLA))
        lead = (await teams.say(teams.personal(LIS, "hjælp")))[0]
        assert _groups(lead.card) == ["Vagter", "Sager", "Omstilling", "Teamleder", "Dig og teamet"]
        assert "lav vagtplan 4.1 29.1" in lead.card_text
        caseworker = (await teams.say(teams.personal(ANNE, "hjælp")))[0]
        assert "Teamleder" not in _groups(caseworker.card)
        assert "vagtplan næste uge" in caseworker.card_text
        # The channel is read by everyone: even a lead sees only what all may use there.
        channel = (await teams.say(teams.channel(LIS, "hjælp")))[0]
        assert "Teamleder" not in _groups(channel.card)
        assert "indstillinger" not in channel.card_text
        assert "min kalender" not in channel.card_text  # works only 1:1
        assert "privat chat" in channel.card_text
        english = (await teams.say(teams.personal(LIS, "help", locale="en-US")))[0]
        assert _groups(english.card)[:4] == ["Duties", "Cases", "Switchboard", "Team lead"]


async def test_switchboard_staff_are_addressed_as_switchboard_and_not_sent_to_a_channel(
    sqlite_url: str,
) -> None:
    async with teams_session(sqlite_url) as teams:
        await install(teams)
        code = (await teams.say(teams.personal(LIS, "kode omstilling")))[0].text.split("**")[1]
        await teams.say(teams.personal(SIGNE, f"tilmeld {code}"))
        reply = (await teams.say(teams.personal(SIGNE, "hjælp")))[0]
        assert "Du er tilmeldt som omstilling for Sygedagpenge" in reply.card_text
        assert "kanal" not in reply.card_text
        assert _groups(reply.card) == ["Vagter", "Omstilling", "Dig og teamet"]
        assert "tjek arbejdsgiver ringer om stress" in reply.card_text


async def test_the_setup_summary_says_when_the_morning_post_comes_and_what_to_do_next(
    sqlite_url: str,
) -> None:
    async with teams_session(sqlite_url) as teams:
        replies = await setup(teams, on_rota=(ANNE, BO, CAMILLA))
        summary = next(s for s in replies if s.method == "PUT").card_text
        assert "nummeret 70 12 34 56 kommer kl. 08:00 hver arbejdsdag" in summary
        assert "Næste skridt: se vagtplanen med **vagtplan**" in summary
        assert "**kode omstilling**" in summary
        # No referral numbers are given by default: the lead is told where to add them.
        from dialogs.switchboard_rules import build, phone_fields

        places = len(phone_fields(build({})))
        assert places > 5
        assert f"mangler stadig telefonnummer til {places} steder" in summary


async def test_the_setup_summary_asks_for_the_rota_first_when_nobody_is_on_it(
    sqlite_url: str,
) -> None:
    async with teams_session(sqlite_url) as teams:
        replies = await setup(teams, on_rota=())
        summary = next(s for s in replies if s.method == "PUT").card_text
        assert "Næste skridt: vælg, hvem der er på vagtplanen" in summary


def _buttons(card: dict) -> dict[str, dict]:  # type: ignore[type-arg]
    """A help card's command buttons: title → the Teams messageBack they send."""
    sets = [b for b in card["body"] if b["type"] == "ActionSet"]
    return {a["title"]: a["data"]["msteams"] for s in sets for a in s["actions"]}


async def test_help_shows_the_roles_main_actions_as_buttons_and_sentences_to_write(
    sqlite_url: str,
) -> None:
    async with teams_session(sqlite_url) as teams:
        await setup(teams, on_rota=(ANNE, BO, CAMILLA))
        lead = (await teams.say(teams.personal(LIS, "hjælp")))[0]
        assert list(_buttons(lead.card)) == [
            "vagt", "vagtplan", "mine sager", "ny sag", "indstillinger"
        ]  # fmt: skip
        assert "sæt Anne på vagt fredag" in lead.card_text
        caseworker = (await teams.say(teams.personal(ANNE, "hjælp")))[0]
        assert "indstillinger" not in _buttons(caseworker.card)
        assert "jeg holder ferie 21.12-2.1" in caseworker.card_text
        assert "kan nogen tage min vagt den 5.?" in caseworker.card_text
        english = (await teams.say(teams.personal(BO, "help", locale="en-US")))[0]
        assert list(_buttons(english.card))[:3] == ["duty", "my duties", "my cases"]
        assert "which cases do I have?" in english.card_text
        # In the channel a lead gets only what everyone may use there, and everyone's examples.
        channel = (await teams.say(teams.channel(LIS, "hjælp")))[0]
        assert "indstillinger" not in _buttons(channel.card)
        assert "sæt Anne på vagt fredag" not in channel.card_text
        # A button sends its command as a message (Teams' messageBack): it runs as if typed.
        button = _buttons(caseworker.card)["vagt"]
        assert button == {"type": "messageBack", "text": "vagt", "displayText": "vagt"}
        pressed = await teams.say(teams.personal(ANNE, button["text"], value={}))
        assert "har fastholdelsestelefonen" in pressed[0].text


async def test_switchboard_help_has_the_guide_button_and_a_question_in_its_own_words(
    sqlite_url: str,
) -> None:
    async with teams_session(sqlite_url) as teams:
        await install(teams)
        # Someone in no team yet gets no buttons or examples, only the commands they may use.
        outsider = (await teams.say(teams.personal(SIGNE, "hjælp")))[0]
        assert _buttons(outsider.card) == {} and "egne ord" not in outsider.card_text
        code = (await teams.say(teams.personal(LIS, "kode omstilling")))[0].text.split("**")[1]
        await teams.say(teams.personal(SIGNE, f"tilmeld {code}"))
        reply = (await teams.say(teams.personal(SIGNE, "hjælp")))[0]
        assert list(_buttons(reply.card)) == ["vagt", "omstilling"]
        assert "skal jeg stille en arbejdsgiver om stress videre til jer?" in reply.card_text
