"""Cases through Teams: intake, ownership at the call time, outcomes, overflow, deadlines."""

import asyncio
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select, text

from bot.jobs import purge_old, tick
from dialogs import case_lists
from dialogs.messages import t
from store.db import unit_of_work
from store.models import CardFlow, Case, Member
from tests.e2e.flows import INTAKE, setup, submit_data
from tests.e2e.people import ANNE, BO, CAMILLA, LIS, SIGNE
from tests.e2e.teams import Teams, User, teams_session
from tests.e2e.test_announcements import holder_on
from tests.e2e.test_swaps import CREW, ready, recipients, told, told_anyone


async def log_case(teams: Teams, user: User, call: str, **fields: Any) -> list[Any]:
    """`ny sag`, then fill in the card with the call at `call` (local 'YYYY-MM-DD HH:MM')."""
    card = (await teams.say(teams.personal(user, "ny sag")))[0]
    day, clock = call.split()
    value = {**submit_data(card.card), **INTAKE, "call_date": day, "call_time": clock, **fields}
    return await teams.say(teams.personal(user, "", value=value, reply_to=card.activity_id))


def show_cards(card: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Title → sub-card of every Action.ShowCard in the card, however deep."""
    found: dict[str, dict[str, Any]] = {}
    actions = list(card.get("actions") or [])
    for block in card.get("body") or []:
        actions += block.get("actions") or []
    for action in actions:
        if action.get("type") == "Action.ShowCard":
            found[action["title"]] = action["card"]
            found.update(show_cards(action["card"]))
    return found


def outcome_data(card: dict[str, Any], chosen: str) -> dict[str, Any]:
    """The data of the save button in the form of the outcome `chosen` (under Registrér udfald)."""
    for sub in show_cards(card).values():
        for action in sub.get("actions") or []:
            if action.get("type") == "Action.Submit" and action["data"].get("outcome") == chosen:
                return dict(action["data"])
    raise AssertionError(f"no form for {chosen}")


def current(teams: Teams, card: Any) -> Any:
    """The card as it stands now in the chat: the last update of that message, if any."""
    updates = [s for s in teams.connector.sent if s.method == "PUT"]
    return next((s for s in reversed(updates) if s.activity_id == card.activity_id), card)


async def outcome(teams: Teams, card: Any, **fields: Any) -> list[Any]:
    """The lead opens Registrér udfald on the case card as it now stands, picks the outcome and
    fills in its form."""
    shown = current(teams, card)
    value = {**outcome_data(shown.card, fields["outcome"]), **fields}
    return await teams.say(teams.personal(LIS, "", value=value, reply_to=shown.activity_id))


async def case_row(teams: Teams, number: int) -> Case:
    async with unit_of_work(teams.services.sessions) as session:
        case = await session.scalar(select(Case).where(Case.number == number))
    assert case is not None
    return case


async def name_of(teams: Teams, member_id: int | None) -> str:
    async with unit_of_work(teams.services.sessions) as session:
        member = await session.get(Member, member_id)
    return member.name if member else ""


async def test_the_holder_logs_a_call_and_owns_it(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await ready(teams)
        await teams.at("2027-01-04 10:00")
        holder = (await holder_on(teams, date(2027, 1, 4))).name
        user = next(u for u in (ANNE, BO, CAMILLA) if u.name == holder)
        replies = await log_case(teams, user, "2027-01-04 09:40")
        assert f"Sag #1 er oprettet. Den tilhører {holder}" in replies[0].card_text
        assert "Sag #1" in replies[1].card_text and "Tømrer Hansen ApS" in replies[1].card_text
        assert await name_of(teams, (await case_row(teams, 1)).owner_id) == holder


async def test_a_call_from_yesterday_logged_today_by_someone_else_belongs_to_yesterdays_holder(
    sqlite_url: str,
) -> None:
    async with teams_session(sqlite_url) as teams:
        await ready(teams)
        await teams.at("2027-01-05 09:00")
        yesterday = (await holder_on(teams, date(2027, 1, 4))).name
        await log_case(teams, LIS, "2027-01-04 14:10")
        assert await name_of(teams, (await case_row(teams, 1)).owner_id) == yesterday


async def test_a_call_after_an_1100_handover_belongs_to_the_cover(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        rota = await ready(teams)
        await teams.at("2027-01-05 11:00")
        first = next(u for u in (ANNE, BO, CAMILLA) if u.name == rota[date(2027, 1, 5)])
        card = (await teams.say(teams.personal(first, "jeg er syg")))[0]
        cover = card.card["body"][2]["value"]
        await teams.say(teams.personal(first, "", value={**submit_data(card.card), "cover": cover}))
        await teams.at("2027-01-05 12:00")
        await log_case(teams, LIS, "2027-01-05 10:30")
        await log_case(teams, LIS, "2027-01-05 11:30")
        assert await name_of(teams, (await case_row(teams, 1)).owner_id) == first.name
        assert (await case_row(teams, 2)).owner_id == int(cover)


async def test_outcomes_deadlines_and_a_round_table_too_far_out(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await ready(teams)
        await teams.at("2027-01-04 10:00")
        replies = await log_case(teams, LIS, "2027-01-04 09:00", topic="fast_track")
        card = replies[1]
        far = await outcome(teams, card, outcome="round_table", meeting_day="2027-01-13")
        assert "9 dage efter opkaldet" in far[0].text and "begrundelse" in far[0].text
        assert (await case_row(teams, 1)).outcome is None
        ok = await outcome(
            teams,
            card,
            outcome="round_table",
            meeting_day="2027-01-13",
            meeting_reason="Arbejdsgiveren er på ferie",
        )
        assert ok[0].method == "PUT" and "Rundbordssamtale aftalt" in ok[1].text
        fast = await outcome(
            teams, card, outcome="fast_track", request_date="2027-01-04", first_absence="2026-12-28"
        )
        assert (
            "Første samtale (Fast track) senest mandag 18. januar: 14 dage tilbage"
            in fast[0].card_text
        )
        assert (
            "Arbejdsgiveren skal anmode om Fast track senest søndag 31. januar: overholdt"
            in fast[0].card_text
        )
        mine = (await teams.say(teams.personal(LIS, "sag 1")))[0].card_text
        assert "satte udfald" in mine and "oprettede sagen" in mine


async def test_fast_track_reminders_then_overdue_every_working_day_copying_the_leads(
    sqlite_url: str,
) -> None:
    async with teams_session(sqlite_url) as teams:
        await ready(teams)
        await teams.at("2027-01-04 10:00")
        card = (await log_case(teams, LIS, "2027-01-04 09:00"))[1]
        await outcome(teams, card, outcome="fast_track", request_date="2027-01-04")
        owner = await name_of(teams, (await case_row(teams, 1)).owner_id)
        for day in (
            "2027-01-12",
            "2027-01-13",
            "2027-01-13",
            "2027-01-18",
            "2027-01-19",
            "2027-01-20",
        ):
            await teams.at(f"{day} 09:00")
            await tick(teams.services)
        owner_u = await owner_user(teams, 1)
        soon = await told(
            teams, owner_u, "Fast track i sag #1: første samtale senest mandag 18. januar"
        )
        assert len(soon) == 1
        overdue = "Fristen for første samtale i sag #1"
        assert len(await told(teams, LIS, overdue)) == 2  # 19th and 20th
        assert len(await told(teams, owner_u, overdue)) == 2  # the lead may be the owner
        assert len(await told_anyone(teams, overdue)) == 2 * (2 if owner != LIS.name else 1)
    async with teams_session(sqlite_url, teams.clock) as again:  # a restart sends no duplicate
        await tick(again.services)
        await again.settle()
        assert not await told_anyone(again, "Fast track i sag #1")


async def test_overflow_is_passed_on_with_history_and_the_new_owner_told(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await ready(teams)
        await teams.at("2027-01-04 10:00")
        await log_case(teams, LIS, "2027-01-04 09:00")
        owner_id = (await case_row(teams, 1)).owner_id
        owner_name = await name_of(teams, owner_id)
        owner = next(u for u in (ANNE, BO, CAMILLA) if u.name == owner_name)
        other = next(u for u in (ANNE, BO, CAMILLA) if u != owner)
        today = (await teams.say(teams.personal(owner, "sager i dag")))[0].text
        assert "#1" in today and "Mindst belastet" in today
        denied = await teams.say(teams.personal(other, f"overdrag 1 til {owner.name}"))
        assert "Kun sagens ejer" in denied[0].text
        moved = await teams.say(teams.personal(owner, f"overdrag 1 til {other.name}"))
        assert f"Sag #1 er givet videre til {other.name}" in moved[0].text
        assert await told(teams, other, f"Du har fået sag #1 fra {owner.name}")
        assert (await case_row(teams, 1)).owner_id != owner_id
        await teams.say(teams.personal(LIS, f"fravær {owner.name} 4.1.2027 syg"))
        absent = await teams.say(teams.personal(LIS, f"overdrag 1 til {owner.name}"))
        assert "fraværende i dag" in absent[0].card_text
        await teams.say(teams.personal(LIS, "", value=submit_data(absent[0].card)))
        history = (await teams.say(teams.personal(LIS, "sag 1")))[0].card_text
        assert history.count("gav sagen videre") == 2


async def test_case_numbers_are_unique_under_concurrent_intake(db_url: str) -> None:
    async with teams_session(db_url) as teams:
        await teams.at("2027-01-04 07:00")
        await setup(teams, on_rota=CREW, people=(LIS, *CREW))
        await teams.at("2027-01-04 10:00")
        cards = [(await teams.say(teams.personal(u, "ny sag")))[0] for u in CREW[:20]]
        answers = await asyncio.gather(
            *(
                teams.say(
                    teams.personal(
                        u,
                        "",
                        value={
                            **submit_data(c.card),
                            **INTAKE,
                            "call_date": "2027-01-04",
                            "call_time": "09:00",
                        },
                    )
                )
                for u, c in zip(CREW, cards, strict=False)
            )
        )
        texts = [a[0].text or a[0].card_text for a in answers]
        assert all("er oprettet" in text for text in texts), texts
        async with unit_of_work(teams.services.sessions) as session:
            numbers = sorted(await session.scalars(select(Case.number)))
        assert numbers == list(range(1, 21))


async def test_one_intake_card_saved_twice_at_once_opens_one_case(db_url: str) -> None:
    """The card's claim and the case are one write (#17): of two saves at once one opens the
    case, the other is told the card is outdated, and no number is used up by it."""
    async with teams_session(db_url) as teams:
        await teams.at("2027-01-04 07:00")
        await setup(teams, on_rota=CREW, people=(LIS, *CREW))
        await teams.at("2027-01-04 10:00")
        card = (await teams.say(teams.personal(CREW[0], "ny sag")))[0]
        value = {
            **submit_data(card.card),
            **INTAKE,
            "call_date": "2027-01-04",
            "call_time": "09:00",
        }
        answers = await asyncio.gather(
            *(teams.say(teams.personal(CREW[0], "", value=value)) for _ in range(2))
        )
        texts = sorted(a[0].text or a[0].card_text for a in answers)
        assert sum("er oprettet" in text for text in texts) == 1, texts
        assert sum("er oprettet" not in text for text in texts) == 1, texts
        # named when the first save had ended before the second read the card, else "someone"
        outdated = {t("da", "card_outdated", name=n) for n in (CREW[0].name, t("da", "someone"))}
        [loser] = [text for text in texts if "er oprettet" not in text]
        assert loser in outdated
        later = await teams.say(teams.personal(CREW[0], "ny sag"))
        again = {**submit_data(later[0].card), **INTAKE, "call_date": "2027-01-04"}
        await teams.say(teams.personal(CREW[0], "", value={**again, "call_time": "09:30"}))
        async with unit_of_work(teams.services.sessions) as session:
            numbers = sorted(await session.scalars(select(Case.number)))
            flows = list(await session.scalars(select(CardFlow.done)))
        assert numbers == [1, 2]
        assert flows and all(flows)  # every intake card there is was claimed


async def test_cpr_in_a_card_field_is_refused_and_stored_nowhere(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await ready(teams)
        await teams.at("2027-01-04 10:00")
        refused = await log_case(teams, LIS, "2027-01-04 09:00", employee="010190-1234")
        assert "CPR-nummer" in refused[0].text
        async with unit_of_work(teams.services.sessions) as session:
            rows = list(await session.execute(text("SELECT * FROM cases")))
        assert rows == []


async def test_only_the_teams_caseworkers_and_leads_see_its_cases(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await ready(teams)
        await teams.at("2027-01-04 10:00")
        await log_case(teams, LIS, "2027-01-04 09:00")
        code = (await teams.say(teams.personal(LIS, "kode omstilling")))[0].text.split("**")[1]
        await teams.say(teams.personal(SIGNE, f"tilmeld {code}"))
        for command in ("sag 1", "mine sager", "sager i dag", "overdrag 1 til Bo", "ny sag"):
            assert "Det er kun" in (await teams.say(teams.personal(SIGNE, command)))[0].text
        for command, expected in (("sag 99", "Sag #99 findes ikke"), ("sag x", "sag 12")):
            assert expected in (await teams.say(teams.personal(LIS, command)))[0].text


async def test_closed_cases_are_anonymised_after_retention(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await ready(teams)
        await teams.at("2027-01-04 10:00")
        card = (await log_case(teams, LIS, "2027-01-04 09:00"))[1]
        await outcome(teams, card, outcome="settled")
        changed = await outcome(teams, card, outcome="round_table", meeting_day="2027-01-06")
        assert "Rundbordssamtale aftalt" in changed[1].text  # changeable: opened again
        assert (await case_row(teams, 1)).closed_at is None
        await outcome(teams, card, outcome="settled")
        await teams.at("2027-04-10 10:00")
        await purge_old(teams.services)
        case = await case_row(teams, 1)
        assert case.anonymised and case.company == "" and case.note == "" and case.employee == ""
        assert case.outcome == "settled"  # the figures stay


async def test_weekly_report_and_stats_count_misroutes(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await ready(teams)
        await teams.at("2027-01-04 10:00")
        first = (await log_case(teams, LIS, "2027-01-04 09:00"))[1]
        await outcome(teams, first, outcome="settled")
        second = (await log_case(teams, LIS, "2027-01-04 09:30"))[1]
        await outcome(teams, second, outcome="referred", not_hotline="payment")
        await teams.at("2027-01-08 14:00")
        await tick(teams.services)
        await teams.settle()
        report = [s for s in teams.connector.sent if "Ugens tal" in s.text]
        assert len(report) == 1
        assert "uge 1 | 2 | 1 | 0 | 0 | 1 | 0 | 0" in report[0].text
        assert "Udbetaling/refusion 1" in report[0].text
        stats = (await teams.say(teams.personal(BO, "stats month", locale="en-US")))[0].text
        assert "Payment/refund 1" in stats


async def test_another_teams_member_cannot_see_or_change_a_case(sqlite_url: str) -> None:
    outsider = User("olga", "Olga Other")
    async with teams_session(sqlite_url) as teams:
        await ready(teams)
        await teams.at("2027-01-04 10:00")
        card = (await log_case(teams, LIS, "2027-01-04 09:00"))[1]
        teams.roster(outsider, team="19:other@thread.tacv2")
        await teams.say(teams.install(outsider, team="19:other@thread.tacv2", name="Nord"))
        assert "Sag #1 findes ikke" in (await teams.say(teams.personal(outsider, "sag 1")))[0].text
        changed = await teams.say(
            teams.personal(outsider, "", value=outcome_data(card.card, "closed"))
        )
        assert "Det kort virker ikke længere" in changed[0].text
        assert (await case_row(teams, 1)).outcome is None


async def owner_user(teams: Teams, number: int) -> User:
    name = await name_of(teams, (await case_row(teams, number)).owner_id)
    return next(u for u in (ANNE, BO, CAMILLA, LIS) if u.name == name)


async def test_a_case_logged_after_its_reminder_day_still_gets_the_reminder_once(
    sqlite_url: str,
) -> None:
    async with teams_session(sqlite_url) as teams:
        await ready(teams)
        await teams.at("2027-01-14 10:00")  # the reminder day for Monday 18th was the 13th
        card = (await log_case(teams, LIS, "2027-01-14 09:00", topic="fast_track"))[1]
        await outcome(teams, card, outcome="fast_track", request_date="2027-01-04")
        for moment in ("2027-01-14 10:00", "2027-01-14 15:00", "2027-01-15 09:00"):
            await teams.at(moment)
            await tick(teams.services)
        owner = await owner_user(teams, 1)
        soon = await told(teams, owner, "Fast track i sag #1: første samtale senest mandag 18.")
        assert len(soon) == 1
        assert await recipients(teams, "Fast track i sag #1: første samtale") == [owner.name]
    async with teams_session(sqlite_url, teams.clock) as again:  # a restart sends no duplicate
        await again.at("2027-01-18 08:30")
        await tick(again.services)
        assert not await told_anyone(again, "Fast track i sag #1: første samtale")


async def test_the_week_8_first_talk_is_reminded_like_fast_track(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await ready(teams)
        await teams.at("2027-01-04 10:00")
        card = (await log_case(teams, LIS, "2027-01-04 09:00", topic="ongoing"))[1]
        # absence from Monday 23 November: week 8 ends Sunday 17 January, act by Friday 15th
        saved = await outcome(
            teams,
            card,
            outcome="round_table",
            meeting_day="2027-01-07",
            first_absence="2026-11-23",
        )
        assert (
            "Første samtale (uge 8) senest søndag 17. januar (sidste arbejdsdag fredag 15. januar)"
            ": 13 dage tilbage" in saved[0].card_text
        )
        owner = await name_of(teams, (await case_row(teams, 1)).owner_id)
        owner_u = await owner_user(teams, 1)
        reminder = (
            "Sag #1: første opfølgningssamtale (uge 8) senest søndag 17. januar. "
            "Sidste arbejdsdag inden da er fredag 15. januar."
        )
        sent = []
        for day in ("2027-01-11", "2027-01-12", "2027-01-13", "2027-01-18"):
            await teams.at(f"{day} 09:00")
            await tick(teams.services)
            sent.append(len(await told(teams, owner_u, reminder)))
        assert sent == [0, 1, 1, 1]  # on Tuesday 12th: three working days before Friday 15th
        overdue = "Fristen for første samtale (uge 8) i sag #1"
        assert len(await told(teams, owner_u, overdue)) == 1
        assert len(await told(teams, LIS, overdue)) == 1
        assert len(await told_anyone(teams, overdue)) == (2 if owner != LIS.name else 1)
        assert await recipients(teams, reminder) == [owner]
        assert await recipients(teams, "Fristen for første samtale (uge 8) i sag #1") == sorted(
            {owner, LIS.name}
        )


async def test_a_round_table_on_a_weekend_needs_a_reason(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await ready(teams)
        await teams.at("2027-01-04 10:00")
        card = (await log_case(teams, LIS, "2027-01-04 09:00"))[1]
        saturday = await outcome(teams, card, outcome="round_table", meeting_day="2027-01-09")
        assert "lørdag 9. januar, som ikke er en arbejdsdag" in saturday[0].text
        assert "begrundelse" in saturday[0].text
        assert (await case_row(teams, 1)).outcome is None
        ok = await outcome(
            teams,
            card,
            outcome="round_table",
            meeting_day="2027-01-09",
            meeting_reason="Virksomheden holder kun åbent lørdag",
        )
        assert "Rundbordssamtale aftalt" in ok[1].text
        assert (await case_row(teams, 1)).meeting_day == date(2027, 1, 9)


async def test_a_fast_track_request_before_the_absence_is_refused(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await ready(teams)
        await teams.at("2027-01-04 10:00")
        card = (await log_case(teams, LIS, "2027-01-04 09:00", topic="fast_track"))[1]
        assert "Anmodning om Fast track modtaget den" in card.card_text
        refused = await outcome(
            teams, card, outcome="fast_track", request_date="2027-01-03", first_absence="2027-01-04"
        )
        assert (
            "Anmodningen om Fast track kan ikke være modtaget søndag 3. januar, før fraværet "
            "begyndte mandag 4. januar" in refused[0].text
        )
        row = await case_row(teams, 1)
        assert row.outcome is None and row.request_date is None


async def test_case_lists_show_company_initials_and_the_next_deadline(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await ready(teams)
        await teams.at("2027-01-04 10:00")
        first = (await log_case(teams, LIS, "2027-01-04 09:00"))[1]
        await outcome(teams, first, outcome="fast_track", request_date="2027-01-04")
        await log_case(
            teams, LIS, "2027-01-04 09:30", company="Bageriet Ø", employee="Mette Sø Holm"
        )
        owner = await owner_user(teams, 1)
        mine = (await teams.say(teams.personal(owner, "mine sager")))[0].text
        assert (
            "#1 Tømrer Hansen ApS, KL: Risiko for sygemelding (opkald 4/1 09:00) — "
            "Første samtale (Fast track) senest mandag 18. januar: 14 dage tilbage" in mine
        )
        assert "#2 Bageriet Ø, MSH: Risiko for sygemelding (opkald 4/1 09:30)" in mine
        today = (await teams.say(teams.personal(owner, "sager i dag")))[0].text
        assert "#1 Tømrer Hansen ApS, KL: Risiko for sygemelding" in today
        assert "senest mandag 18. januar: 14 dage tilbage" in today
        await teams.at("2027-01-17 10:00")
        assert (
            "18 January: 1 day left"
            in (await teams.say(teams.personal(owner, "my cases", locale="en-US")))[0].text
        )
        assert (
            "18. januar: 1 dag tilbage"
            in (await teams.say(teams.personal(owner, "mine sager")))[0].text
        )


async def test_a_late_fast_track_request_keeps_the_week_8_deadline_as_next(
    sqlite_url: str,
) -> None:
    async with teams_session(sqlite_url) as teams:
        await ready(teams)
        await teams.at("2027-05-10 10:00")  # day 50 of an absence from 22 March
        card = (await log_case(teams, LIS, "2027-05-10 09:00", topic="fast_track"))[1]
        saved = await outcome(
            teams, card, outcome="fast_track", request_date="2027-05-10", first_absence="2027-03-22"
        )
        text = saved[0].card_text
        assert "Første samtale (Fast track) senest mandag 24. maj: 14 dage tilbage" in text
        assert (
            "Næste frist: Første samtale (uge 8) senest søndag 16. maj "
            "(sidste arbejdsdag fredag 14. maj): 6 dage tilbage" in text
        )
        owner = await owner_user(teams, 1)
        mine = (await teams.say(teams.personal(owner, "mine sager")))[0].text
        assert "— Første samtale (uge 8) senest søndag 16. maj" in mine


async def _listed(teams: Teams, user: User, command: str, lang: str) -> tuple[list[str], list[str]]:
    """A case list's lines, and its cases as `#number company`."""
    locale = "en-US" if lang == "en" else "da-DK"
    text = (await teams.say(teams.personal(user, command, locale=locale)))[0].text
    lines = text.splitlines()
    return lines, [line[2:].split(",")[0] for line in lines if line.startswith("- #")]


async def test_my_cases_show_the_next_deadline_first_and_count_the_rest(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with teams_session(sqlite_url) as teams:
        await ready(teams)
        await teams.at("2027-01-04 12:00")
        cards = [
            (await log_case(teams, LIS, f"2027-01-04 {call}", company=company))[1]
            for call, company in (
                ("08:00", "Firma A"),
                ("08:30", "Firma B"),
                ("09:00", "Firma C"),
                ("09:30", "Firma D"),
                ("10:00", "Firma E"),
                ("10:30", "Firma F"),
                ("11:00", "Firma G"),
            )
        ]
        # Fast-track talks due 18 January (#2), 16 January (#3 and #7: a tie, by number) and
        # 28 December, overdue (#5). #6's talk was held, so it has none open; nor have #1, #4.
        for card, request, talk in (
            (cards[1], "2027-01-04", None),
            (cards[2], "2027-01-02", None),
            (cards[4], "2026-12-14", None),
            (cards[5], "2027-01-03", "2027-01-04"),
            (cards[6], "2027-01-02", None),
        ):
            held = {"first_talk": talk} if talk else {}
            await outcome(teams, card, outcome="fast_track", request_date=request, **held)
        assert (await case_row(teams, 6)).first_talk == date(2027, 1, 4)
        owner = await owner_user(teams, 1)
        ordered = ["#5 Firma E", "#3 Firma C", "#7 Firma G", "#2 Firma B", "#1 Firma A"]
        ordered += ["#4 Firma D", "#6 Firma F"]
        for listed, key in ((7, None), (6, "my_cases_later.one"), (4, "my_cases_later")):
            monkeypatch.setattr(case_lists, "LISTED", listed)
            for command, lang in (("mine sager", "da"), ("my cases", "en")):
                lines, cases = await _listed(teams, owner, command, lang)
                assert cases == ordered[:listed]
                if key is None:
                    assert lines[-1].startswith("- #6 Firma F")
                else:
                    assert lines[-1] == t(lang, key, n=7 - listed)


async def test_a_busy_periods_list_shows_the_last_cases_and_counts_the_earlier(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with teams_session(sqlite_url) as teams:
        await ready(teams)
        await teams.at("2027-01-04 12:00")
        # Logged out of call order; #2 and #4 were called in the same minute.
        for call, company in (
            ("09:30", "Firma B"),
            ("09:00", "Firma A"),
            ("11:00", "Firma E"),
            ("09:00", "Firma D"),
            ("10:00", "Firma C"),
        ):
            await log_case(teams, LIS, f"2027-01-04 {call}", company=company)
        owner = await owner_user(teams, 1)
        for listed, key, shown in (
            (3, "cases_earlier", ["#1 Firma B", "#5 Firma C", "#3 Firma E"]),
            (4, "cases_earlier.one", ["#4 Firma D", "#1 Firma B", "#5 Firma C", "#3 Firma E"]),
        ):
            monkeypatch.setattr(case_lists, "LISTED", listed)
            for command, lang in (("sager i dag", "da"), ("cases week", "en")):
                lines, cases = await _listed(teams, owner, command, lang)
                assert lines[2] == t(lang, key, n=5 - listed)
                assert cases == shown
