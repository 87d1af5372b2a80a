"""Absences, swaps and same-day cover, as the caseworkers arrange them in Teams."""

import asyncio
import json
from datetime import UTC, date, datetime

from sqlalchemy import select

from bot.jobs import tick
from dialogs.context import Context
from dialogs.cover import holder_at
from dialogs.messages import format_day
from store.db import unit_of_work
from store.models import AuditEntry, Member, OutboxMessage, SwapRequestRow
from store.store import Store
from tests.e2e.connector import Sent
from tests.e2e.flows import setup, submit_data
from tests.e2e.people import ANNE, BO, CAMILLA, DORTE, LIS
from tests.e2e.teams import GENERAL, Teams, User, teams_session
from tests.e2e.test_rota_and_duty import holders


def short(day: date) -> str:
    return f"{day.day}.{day.month}.{day.year}"


async def ready(teams: Teams, *people: User) -> dict[date, str | None]:
    await teams.at("2027-01-04 07:00")
    await setup(teams, on_rota=people or (ANNE, BO, CAMILLA))
    return await holders(teams)


def first_day_of(rota: dict[date, str | None], user: User, after: date = date(2027, 1, 6)) -> date:
    return next(d for d, name in sorted(rota.items()) if name == user.name and d >= after)


async def channel_card(teams: Teams) -> Sent:
    await teams.settle()
    posts = [
        s
        for s in teams.connector.sent
        if s.conversation_id.startswith(GENERAL + ";messageid=new") and s.card is not None
    ]
    assert posts, "no card in the channel"
    return posts[-1]


async def click(teams: Teams, user: User, card: Sent, title: str) -> list[Sent]:
    """Press a button on a card where it was posted (the channel, or a 1:1 chat)."""
    assert card.card is not None
    value = submit_data(card.card, title)
    if card.conversation_id.startswith(GENERAL):
        activity = teams.channel(user, "", value=value, reply_to=card.activity_id)
        activity["conversation"]["id"] = card.conversation_id
    else:
        activity = teams.personal(user, "", value=value, reply_to=card.activity_id)
    return await teams.say(activity)


async def recipients(teams: Teams, words: str) -> list[str]:
    """Who the bot's own 1:1 messages with these words were queued for (member names, one per
    message): `told` finds the messages, this says whose chat they went to."""
    await teams.settle()
    async with unit_of_work(teams.services.sessions) as session:
        rows = await session.execute(select(OutboxMessage.recipient, OutboxMessage.payload))
        names = {m.id: m.name for m in await session.scalars(select(Member))}
    found = []
    for recipient, payload in rows:
        if recipient.startswith("member:") and words in json.dumps(payload, ensure_ascii=False):
            found.append(names[int(recipient.split(":")[1])])
    return sorted(found)


async def told(teams: Teams, user: User, words: str) -> list[Sent]:
    """The messages with these words in `user`'s own 1:1 chats."""
    await teams.settle()
    chats = teams.connector.chats_with(user.teams_id, user.personal_chat)
    return [s for s in teams.connector.sent if words in s.text and s.conversation_id in chats]


async def told_anyone(teams: Teams, words: str) -> list[Sent]:
    """The 1:1 messages with these words, whoever got them (for "nobody was told twice")."""
    await teams.settle()
    return [
        s
        for s in teams.connector.sent
        if words in s.text and not s.conversation_id.startswith(GENERAL)
    ]


async def test_an_absence_on_a_duty_day_is_offered_and_a_colleague_takes_it(
    sqlite_url: str,
) -> None:
    async with teams_session(sqlite_url) as teams:
        rota = await ready(teams)
        day = first_day_of(rota, ANNE)
        reply = await teams.say(teams.personal(ANNE, f"fravær {short(day)} kursus"))
        assert reply[0].text == f"Dit fravær er registreret: {format_day('da', day)} (kursus)."
        assert "Jeg har slået vagterne op i kanalen" in reply[1].text
        card = await channel_card(teams)
        assert "**Anne Hansen** søger en, der kan tage fastholdelsestelefonen" in card.card_text
        taken = await click(teams, BO, card, "Tag vagten")
        assert [s.method for s in taken] == ["PUT", "POST"]
        assert taken[0].activity_id == card.activity_id
        assert "(Anne Hansen): taget af Bo Jensen" in taken[0].card_text
        assert "Du har nu vagten" in taken[1].text
        assert (await holders(teams))[day] == BO.name
        assert await told(teams, ANNE, "Bo Jensen tager din vagt")
        late = await click(teams, CAMILLA, card, "Tag vagten")
        assert late[0].text == "Den er allerede taget af Bo Jensen."
        assert (await holders(teams))[day] == BO.name
        history = (await teams.say(teams.personal(LIS, f"historik {short(day)}")))[0].text
        assert "Anne Hansen: bad om bytte" in history and "Bo Jensen: tog vagten" in history


async def test_a_direct_swap_is_declined_then_accepted_with_a_day_back(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        rota = await ready(teams)
        day = first_day_of(rota, ANNE)
        asked = await teams.say(teams.personal(ANNE, f"byt {short(day)} med Camilla"))
        assert "Jeg har bedt Camilla Nielsen om at tage din vagt" in asked[0].text
        await teams.settle()
        card = [s for s in teams.connector.sent if "spørger, om du vil tage" in s.card_text][-1]
        no = await click(teams, CAMILLA, card, "Nej tak")
        assert "Camilla Nielsen sagde nej" in no[0].card_text
        assert await told(teams, ANNE, "Camilla Nielsen kan ikke tage din vagt")
        assert (await holders(teams))[day] == ANNE.name
        back = first_day_of(rota, BO, day)
        await teams.say(
            teams.personal(
                ANNE, f"swap {day.isoformat()} with Bo for {back.isoformat()}", locale="en-US"
            )
        )
        await teams.settle()
        card = [s for s in teams.connector.sent if "i bytte for din vagt" in s.card_text][-1]
        assert "Bo Jensen" not in card.card_text  # the card goes to Bo, naming Anne
        yes = await click(teams, BO, card, "Ja, jeg tager den")
        assert "Taget af Bo Jensen" in yes[0].card_text
        rota = await holders(teams)
        assert rota[day] == BO.name and rota[back] == ANNE.name
        stranger = await click(teams, CAMILLA, card, "Ja, jeg tager den")
        assert "allerede taget" in stranger[0].text


async def test_rules_for_who_may_swap_and_take(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        rota = await ready(teams, ANNE, BO, CAMILLA, DORTE)
        await teams.say(teams.personal(LIS, "arbejdsdage Dorte man-ons"))
        rota = await holders(teams)
        thursday = next(
            d
            for d, n in sorted(rota.items())
            if n == ANNE.name and d.weekday() == 3 and d > date(2027, 1, 6)
        )
        for command, expected in (
            ("byt 1.12.2026", "Den dag er allerede gået"),
            ("byt 9.1.2027", "ikke en arbejdsdag"),
            (f"byt {short(first_day_of(rota, BO))}", "Du har ikke vagten"),
            ("byt 31.02", 'Datoen "31.02" findes ikke'),
            (f"byt {short(thursday)} med Zorro", 'hedder "Zorro"'),
        ):
            assert expected in (await teams.say(teams.personal(ANNE, command)))[0].text, command
        await teams.say(teams.personal(ANNE, f"byt {short(thursday)}"))
        again = await teams.say(teams.personal(ANNE, f"byt {short(thursday)}"))
        assert "allerede et åbent ønske" in again[0].text
        card = await channel_card(teams)
        assert await click(teams, ANNE, card, "Tag vagten") == []  # answered 1:1 instead
        await teams.settle()
        assert any(
            "dit eget" in s.card_text
            for s in teams.connector.sent
            if not s.conversation_id.startswith(GENERAL)
        )
        assert "arbejder ikke den ugedag" in (await click(teams, DORTE, card, "Tag vagten"))[0].text
        await teams.say(teams.personal(CAMILLA, f"fravær {short(thursday)} fri"))
        assert "fraværende" in (await click(teams, CAMILLA, card, "Tag vagten"))[0].text
        assert (await holders(teams))[thursday] == ANNE.name
        listing = (await teams.say(teams.personal(BO, "bytter")))[0]
        assert "Anne Hansen" in listing.card_text and "Tag vagten" in listing.card_text


async def test_open_requests_remind_escalate_and_expire(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        rota = await ready(teams)
        day = first_day_of(rota, ANNE, date(2027, 1, 14))  # at least eight working days away
        await teams.say(teams.personal(ANNE, f"byt {short(day)}"))
        sent_days = []
        for current in sorted({d for d in rota if date(2027, 1, 4) <= d <= day}):
            await teams.at(f"{current.isoformat()} 08:30")
            before = len(await told(teams, BO, "mangler stadig"))
            await tick(teams.services)
            if len(await told(teams, BO, "mangler stadig")) > before:
                sent_days.append(current)
        calendar_days = sorted(d for d in rota if d < day)
        assert sent_days == [calendar_days[-7], calendar_days[-3], calendar_days[-1]]
        escalations = await told(teams, LIS, "Ingen har taget vagten i morgen")
        assert len(escalations) == 1
        await teams.at(f"{day.isoformat()} 08:00")
        await tick(teams.services)
        await teams.settle()
        posts = [s.text for s in teams.connector.sent if "God morgen" in s.text]
        assert "<at>Anne Hansen</at>" in posts[-1]  # not absent: she still holds it
        await teams.at("2027-03-01 09:00")
        await tick(teams.services)
        async with unit_of_work(teams.services.sessions) as session:
            actions = [a.action for a in await session.scalars(select(AuditEntry))]
        assert actions.count("swap_expired") == 1 and actions.count("swap_escalated") == 1
        assert "ingen åbne" in (await teams.say(teams.personal(BO, "bytter")))[0].text


CREW = tuple(User(f"crew{n:02d}", f"Kollega {n:02d}") for n in range(21))


async def test_twenty_colleagues_take_the_same_request_at_once(db_url: str) -> None:
    async with teams_session(db_url) as teams:
        await teams.at("2027-01-04 07:00")
        await setup(teams, on_rota=CREW, people=(LIS, *CREW))
        rota = await holders(teams)
        day, name = next((d, n) for d, n in sorted(rota.items()) if d >= date(2027, 1, 6))
        requester = next(u for u in CREW if u.name == name)
        await teams.say(teams.personal(requester, f"byt {short(day)}"))
        card = await channel_card(teams)
        takers = [u for u in CREW if u != requester]
        results = await asyncio.gather(*(click(teams, u, card, "Tag vagten") for u in takers))
        texts = [" ".join(s.text or s.card_text for s in r) for r in results]
        won = [u.name for u, text in zip(takers, texts, strict=True) if "Du har nu vagten" in text]
        assert len(won) == 1, texts
        assert sum("Den er allerede taget af" in t for t in texts) == len(takers) - 1
        assert (await holders(teams))[day] == won[0]
        async with unit_of_work(teams.services.sessions) as session:
            row = await session.scalar(select(SwapRequestRow))
            taker = await session.get(Member, row.taken_by) if row else None
            actions = [a.action for a in await session.scalars(select(AuditEntry))]
        assert taker is not None and taker.name == won[0]
        assert actions.count("swap_taken") == 1
        # The requester is told once, by the winner's write (#17).
        assert len(await told(teams, requester, f"{won[0]} tager din vagt")) == 1


async def test_same_day_cover_hands_over_from_that_moment(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        rota = await ready(teams)
        today = date(2027, 1, 5)
        first = next(u for u in (ANNE, BO, CAMILLA) if u.name == rota[today])
        await teams.at("2027-01-05 11:00")
        card = (await teams.say(teams.personal(first, "jeg er syg")))[0]
        assert f"{first.name} er syg" in card.card_text and "Forslag:" in card.card_text
        suggested = card.card["body"][2]["value"]
        done = await teams.say(
            teams.personal(
                first,
                "",
                value={**submit_data(card.card), "cover": suggested},
                reply_to=card.activity_id,
            )
        )
        assert "fra kl. 11:00" in done[0].card_text
        async with unit_of_work(teams.services.sessions) as session:
            ctx = Context(Store(session), teams.clock, teams.services.settings)
            team = (await ctx.store.teams.all_active())[0]
            at_1030 = await holder_at(ctx, team, datetime(2027, 1, 5, 9, 30, tzinfo=UTC))
            at_1130 = await holder_at(ctx, team, datetime(2027, 1, 5, 10, 30, tzinfo=UTC))
            first_member = await ctx.store.members.by_aad("tenant-1", first.aad_id)
            cover = await ctx.store.members.get(int(suggested))
        assert first_member is not None and at_1030 == first_member.id
        assert at_1130 == int(suggested)
        await teams.settle()
        corrections = [s for s in teams.connector.sent if s.text.startswith("Rettelse:")]
        assert len(corrections) == 1 and corrections[0].activity["entities"][0]["mentioned"]["id"]
        assert cover is not None
        cover_user = next(u for u in (ANNE, BO, CAMILLA, DORTE, LIS) if u.name == cover.name)
        assert (
            len(await told(teams, cover_user, "Du har fastholdelsestelefonen fra kl. 11:00")) == 1
        )
        assert not await told(teams, first, "Du har fastholdelsestelefonen fra kl. 11:00")
        now = (await teams.say(teams.personal(LIS, "vagt")))[0].text
        assert first.name not in now.split(".")[0]


async def test_bad_absences_and_ambiguous_names_change_nothing(sqlite_url: str) -> None:
    anne_larsen = User("anne2", "Anne Larsen")
    async with teams_session(sqlite_url) as teams:
        await teams.at("2027-01-04 07:00")
        await setup(teams, on_rota=(ANNE, BO, CAMILLA))
        for command, expected in (
            ("fravær 5.1-2.1.2027", "Slutdatoen ligger før"),
            ("fravær 5.1.2027-5.3.2028", "højst vare et år"),
            ("fravær 1.12.2026 ferie", "allerede overstået"),
            ("fravær", "Skriv fx"),
            ("fravær Bo 5.1 ferie", "teamledere"),
        ):
            assert expected in (await teams.say(teams.personal(ANNE, command)))[0].text, command
        async with unit_of_work(teams.services.sessions) as session:
            assert await Store(session).rota.absences(1, date(2026, 1, 1), date(2029, 1, 1)) == []
        teams.roster(LIS, ANNE, anne_larsen, BO, CAMILLA)
        await teams.say(teams.members_changed(LIS, added=(anne_larsen,)))
        ask = await teams.say(teams.personal(LIS, "fravær anne 12.1 kursus"))
        assert "Flere i teamet passer på" in ask[0].card_text
        # The button re-runs the whole command for the one chosen: the day and kind are kept.
        picked = await teams.say(
            teams.personal(
                LIS, "", value=submit_data(ask[0].card, "Anne Larsen (anne2@kommune.dk)")
            )
        )
        assert "Fraværet for Anne Larsen er registreret" in picked[0].text, picked
        async with unit_of_work(teams.services.sessions) as session:
            kept = await Store(session).rota.absences(1, date(2027, 1, 12), date(2027, 1, 12))
            names = {m.id: m.name for m in await session.scalars(select(Member))}
        assert [(names[a.member_id], a.first_day, a.last_day) for a in kept] == [
            ("Anne Larsen", date(2027, 1, 12), date(2027, 1, 12))
        ]
        mine = await teams.say(teams.personal(LIS, "fravær Bo 12.1-13.1 ferie"))
        assert "Fraværet for Bo Jensen er registreret" in mine[0].text


async def test_my_absences_lists_and_cancels(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await ready(teams)
        await teams.say(teams.personal(BO, "away 2027-02-01..2027-02-05 vacation", locale="en-US"))
        listing = (await teams.say(teams.personal(BO, "mit fravær")))[0]
        assert "mandag 1. februar – fredag 5. februar: ferie" in listing.card_text
        cancelled = await teams.say(
            teams.personal(BO, "", value=submit_data(listing.card, "Fortryd"))
        )
        assert "Fraværet mandag 1. februar – fredag 5. februar er slettet." in cancelled[0].text
        assert "intet fravær" in (await teams.say(teams.personal(BO, "mit fravær")))[0].text
        again = await teams.say(teams.personal(BO, "", value=submit_data(listing.card, "Fortryd")))
        assert "Det kort virker ikke længere" in again[0].text


async def test_a_one_day_absence_names_its_day_once(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await ready(teams)
        told = await teams.say(teams.personal(BO, "fravær 9.2 fri"))
        assert told[0].text == "Dit fravær er registreret: tirsdag 9. februar (fri)."
        listing = (await teams.say(teams.personal(BO, "mit fravær")))[0]
        assert "tirsdag 9. februar: fri" in listing.card_text
        assert "–" not in listing.card_text
        cancelled = await teams.say(
            teams.personal(BO, "", value=submit_data(listing.card, "Fortryd"))
        )
        assert cancelled[0].text == "Fraværet tirsdag 9. februar er slettet."
        english = await teams.say(teams.personal(LIS, "away Bo 2027-02-10 course", locale="en-US"))
        assert (
            english[0].text == "Bo Jensen's absence is registered: Wednesday 10 February (course)."
        )


async def require_approval(teams: Teams) -> None:
    """The lead turns on lead approval of swaps in the settings card."""
    form = (await teams.say(teams.personal(LIS, "indstillinger")))[0]
    await teams.say(
        teams.personal(LIS, "", value={**submit_data(form.card), "swap_approval": "true"})
    )


async def test_with_lead_approval_a_take_waits_for_a_lead(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        rota = await ready(teams)
        await require_approval(teams)
        day = first_day_of(rota, ANNE)
        await teams.say(teams.personal(ANNE, f"byt {short(day)}"))
        card = await channel_card(teams)
        waiting = await click(teams, BO, card, "Tag vagten")
        assert "En teamleder skal godkende" in waiting[1].text
        assert (await holders(teams))[day] == ANNE.name
        await teams.settle()
        ask = [s for s in teams.connector.sent if "Godkender du byttet?" in s.card_text][-1]
        refused = await click(teams, BO, ask, "Godkend")
        assert "teamledere" in refused[0].text
        rejected = await click(teams, LIS, ask, "Afvis")
        assert "Afvist af Lis Berg" in rejected[0].card_text
        assert await told(teams, BO, "har afvist, at du tager vagten")
        assert (await holders(teams))[day] == ANNE.name
        again = await channel_card(teams)
        await click(teams, CAMILLA, again, "Tag vagten")
        await teams.settle()
        ask = [s for s in teams.connector.sent if "Godkender du byttet?" in s.card_text][-1]
        approved = await click(teams, LIS, ask, "Godkend")
        assert "Godkendt af Lis Berg" in approved[0].card_text
        assert (await holders(teams))[day] == CAMILLA.name
        assert await told(teams, ANNE, "er godkendt: Camilla Nielsen har vagten")
        twice = await click(teams, LIS, ask, "Godkend")
        assert "allerede taget" in twice[0].text


async def test_the_requester_can_withdraw_an_open_request(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        rota = await ready(teams)
        day = first_day_of(rota, ANNE)
        await teams.say(teams.personal(ANNE, f"byt {short(day)}"))
        card = await channel_card(teams)
        listing = (await teams.say(teams.personal(ANNE, "bytter")))[0]
        withdrawn = await teams.say(
            teams.personal(ANNE, "", value=submit_data(listing.card, "Fortryd"))
        )
        assert "trukket tilbage" in withdrawn[0].text
        late = await click(teams, BO, card, "Tag vagten")
        assert late[0].text == "Den er allerede trukket tilbage."
        assert (await holders(teams))[day] == ANNE.name
        assert "ingen åbne" in (await teams.say(teams.personal(BO, "bytter")))[0].text


async def test_a_second_taker_is_told_the_day_waits_for_a_leads_approval(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        rota = await ready(teams)
        await require_approval(teams)
        day = first_day_of(rota, ANNE)
        await teams.say(teams.personal(ANNE, f"byt {short(day)}"))
        card = await channel_card(teams)
        await click(teams, BO, card, "Tag vagten")
        late = await click(teams, CAMILLA, card, "Tag vagten")
        assert late[0].text == (
            "Den er allerede taget af Bo Jensen og venter på en teamleders godkendelse."
        )
        listing = (await teams.say(teams.personal(CAMILLA, "bytter")))[0]
        assert "venter på en teamleders godkendelse" in listing.text + listing.card_text


async def test_a_cover_post_in_the_channel_is_all_in_the_teams_language(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        rota = await ready(teams)
        async with unit_of_work(teams.services.sessions) as session:
            team = (await Store(session).teams.all_active())[0]
            team.settings = {**team.settings, "phone": ""}
        today = date(2027, 1, 5)
        first = next(u for u in (ANNE, BO, CAMILLA) if u.name == rota[today])
        await teams.say(teams.personal(first, "sprog engelsk"))
        await teams.at("2027-01-05 11:00")
        card = (await teams.say(teams.personal(first, "I'm sick", locale="en-US")))[0]
        assert card.card is not None
        value = {**submit_data(card.card), "cover": card.card["body"][2]["value"]}
        await teams.say(teams.personal(first, "", value=value, reply_to=card.activity_id))
        await teams.settle()
        [post] = [s for s in teams.connector.sent if s.text.startswith("Rettelse:")]
        assert "nummeret er ikke indstillet" in post.text
        assert "the number is not set" not in post.text
