"""Cases show what was saved: the outcome's details, what is coming for a new owner, an
outcome form opened on request with only the chosen outcome's fields, and cards that go stale
safely."""

from datetime import date, time
from typing import Any

from sqlalchemy import func, select

from store.db import unit_of_work
from store.models import AuditEntry
from tests.e2e.people import ANNE, BO, CAMILLA, LIS
from tests.e2e.teams import Teams, teams_session
from tests.e2e.test_cases import (
    case_row,
    current,
    log_case,
    outcome,
    outcome_data,
    owner_user,
    show_cards,
)
from tests.e2e.test_swaps import ready, told


def facts(card: dict[str, Any]) -> dict[str, str]:
    """Title → value of the card's FactSet."""
    block = next(b for b in card["body"] if b["type"] == "FactSet")
    return {f["title"]: f["value"] for f in block["facts"]}


def inputs(card: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Id → input, for the inputs directly in a card's body."""
    return {b["id"]: b for b in card["body"] if b["type"].startswith("Input.")}


async def history_count(teams: Teams) -> int:
    async with unit_of_work(teams.services.sessions) as session:
        return int(await session.scalar(select(func.count()).select_from(AuditEntry)) or 0)


async def test_the_reply_and_the_card_show_the_round_tables_day_time_and_place(
    sqlite_url: str,
) -> None:
    async with teams_session(sqlite_url) as teams:
        await ready(teams)
        await teams.at("2027-01-04 10:00")
        card = (await log_case(teams, LIS, "2027-01-04 09:00"))[1]
        saved = await outcome(
            teams,
            card,
            outcome="round_table",
            **{
                "round_table.meeting_day": "2027-01-07",
                "round_table.meeting_time": "10:00",
                "round_table.meeting_place": "Jobcentret, lokale 2",
            },
        )
        details = "Rundbordssamtale aftalt: torsdag 7. januar kl. 10:00, Jobcentret, lokale 2"
        assert f"Sag #1: {details}." in saved[1].text
        assert saved[0].method == "PUT" and facts(saved[0].card)["Udfald"] == details
        row = await case_row(teams, 1)
        assert row.meeting_time == time(10, 0) and row.meeting_place == "Jobcentret, lokale 2"
        shown = (await teams.say(teams.personal(LIS, "sag 1")))[0]
        assert facts(shown.card)["Udfald"] == details


async def test_fast_track_shows_its_dates_and_deadline_and_a_referral_where(
    sqlite_url: str,
) -> None:
    async with teams_session(sqlite_url) as teams:
        await ready(teams)
        await teams.at("2027-01-04 10:00")
        card = (await log_case(teams, LIS, "2027-01-04 09:00", topic="fast_track"))[1]
        fast = await outcome(
            teams,
            card,
            outcome="fast_track",
            **{"fast_track.request_date": "2027-01-04", "fast_track.first_absence": "2026-12-28"},
        )
        summary = (
            "Fast track anmodet: anmodning modtaget mandag 4. januar; Første samtale (Fast "
            "track) senest mandag 18. januar: 14 dage tilbage"
        )
        assert summary in fast[1].text
        assert facts(fast[0].card)["Udfald"] == summary
        assert facts(fast[0].card)["Første fraværsdag"] == "mandag 28. december"
        other = (await log_case(teams, LIS, "2027-01-04 09:30"))[1]
        referred = await outcome(
            teams, other, outcome="referred", **{"referred.referred_to": "Ydelseskontoret"}
        )
        assert "Sag #2: Henvist videre: til Ydelseskontoret." in referred[1].text
        assert facts(referred[0].card)["Udfald"] == "Henvist videre: til Ydelseskontoret"


async def test_the_new_owner_is_told_of_the_coming_meeting_and_the_next_deadline(
    sqlite_url: str,
) -> None:
    async with teams_session(sqlite_url) as teams:
        await ready(teams)
        await teams.at("2027-01-04 10:00")
        card = (await log_case(teams, LIS, "2027-01-04 09:00", topic="ongoing"))[1]
        await outcome(
            teams,
            card,
            outcome="round_table",
            **{
                "round_table.meeting_day": "2027-01-07",
                "round_table.meeting_time": "10:00",
                "round_table.meeting_place": "Jobcentret",
                "round_table.first_absence": "2026-11-23",
            },
        )
        owner = await owner_user(teams, 1)
        other = next(u for u in (ANNE, BO, CAMILLA) if u != owner)
        await teams.say(teams.personal(LIS, f"overdrag 1 til {other.name}"))
        message = await told(teams, other, "Du har fået sag #1 fra Lis")
        assert len(message) == 1
        assert (
            "Rundbordssamtale torsdag 7. januar kl. 10:00, Jobcentret (om 3 dage)."
            in message[0].text
        )
        assert (
            "Næste frist: Første samtale (uge 8) senest søndag 17. januar (sidste arbejdsdag "
            "fredag 15. januar): 13 dage tilbage." in message[0].text
        )


async def test_the_outcome_form_opens_on_request_with_only_the_chosen_outcomes_fields(
    sqlite_url: str,
) -> None:
    async with teams_session(sqlite_url) as teams:
        await ready(teams)
        await teams.at("2027-01-04 10:00")
        card = (await log_case(teams, LIS, "2027-01-04 09:00"))[1].card
        assert not inputs(card)  # nothing to fill in until asked
        assert [a["title"] for a in card["actions"]] == ["Registrér udfald"]
        forms = show_cards(card)
        assert set(forms) >= {"Registrér udfald", "Rundbordssamtale aftalt", "Fast track anmodet"}
        round_table = inputs(forms["Rundbordssamtale aftalt"])
        assert {"round_table.meeting_day", "round_table.meeting_time"} <= set(round_table)
        assert not [i for i in round_table if "request_date" in i or "referred_to" in i]
        assert round_table["round_table.meeting_day"]["isRequired"] is True
        assert round_table["round_table.meeting_day"]["errorMessage"] == "Skriv mødedatoen."
        assert set(inputs(forms["Klaret i telefonen"])) == {"settled.advice"}
        assert outcome_data(card, "round_table")["outcome"] == "round_table"


async def test_the_intake_card_marks_required_fields_and_asks_for_the_first_absence(
    sqlite_url: str,
) -> None:
    async with teams_session(sqlite_url) as teams:
        await ready(teams)
        await teams.at("2027-01-04 10:00")
        intake = (await teams.say(teams.personal(LIS, "ny sag")))[0].card
        fields = inputs(intake)
        for required in ("caller", "topic"):
            assert fields[required]["isRequired"] is True and fields[required]["errorMessage"]
        assert not fields["company"].get("isRequired")
        assert fields["first_absence"]["type"] == "Input.Date"
        await log_case(teams, LIS, "2027-01-04 09:00", first_absence="2026-12-28")
        assert (await case_row(teams, 1)).first_absence == date(2026, 12, 28)


async def test_a_card_made_stale_by_a_handover_is_refreshed_and_adds_no_history(
    sqlite_url: str,
) -> None:
    async with teams_session(sqlite_url) as teams:
        await ready(teams)
        await teams.at("2027-01-04 10:00")
        card = (await log_case(teams, LIS, "2027-01-04 09:00"))[1]
        owner = await owner_user(teams, 1)
        other = next(u for u in (ANNE, BO, CAMILLA) if u != owner)
        await teams.say(teams.personal(LIS, f"overdrag 1 til {other.name}"))
        before = await history_count(teams)
        stale = current(teams, card)  # the card in Lis's chat still shows the old owner
        value = outcome_data(stale.card, "settled")
        replies = await teams.say(teams.personal(LIS, "", value=value, reply_to=stale.activity_id))
        assert "Sag #1 er ændret, siden kortet blev vist" in replies[1].text
        assert replies[0].method == "PUT" and replies[0].activity_id == card.activity_id
        assert facts(replies[0].card)["Ejer"] == other.name
        assert await history_count(teams) == before
        assert (await case_row(teams, 1)).outcome is None
        # The refreshed card works.
        saved = await outcome(teams, card, outcome="settled")
        assert "Sag #1: Klaret i telefonen." in saved[1].text


async def test_a_second_click_on_a_card_changed_since_is_refused(sqlite_url: str) -> None:
    async with teams_session(sqlite_url) as teams:
        await ready(teams)
        await teams.at("2027-01-04 10:00")
        card = (await log_case(teams, LIS, "2027-01-04 09:00"))[1]
        shown = (await teams.say(teams.personal(LIS, "sag 1")))[0]  # a second copy
        await outcome(teams, card, outcome="settled")
        before = await history_count(teams)
        old = outcome_data(shown.card, "closed")
        replies = await teams.say(teams.personal(LIS, "", value=old, reply_to=shown.activity_id))
        assert "er ændret" in replies[1].text and replies[0].activity_id == shown.activity_id
        assert (await case_row(teams, 1)).outcome == "settled"
        assert await history_count(teams) == before


async def test_the_case_card_has_short_labels_and_keeps_name_and_phone_apart(
    sqlite_url: str,
) -> None:
    async with teams_session(sqlite_url) as teams:
        await ready(teams)
        await teams.at("2027-01-04 10:00")
        card = (await log_case(teams, LIS, "2027-01-04 09:00"))[1].card
        shown = facts(card)
        assert shown["Medarbejder"] == "K.L."
        assert shown["Kontakt"] == "Per" and shown["Telefon"] == "70 11 22 33"
        assert shown["Opkald fra"] == "Arbejdsgiver"
        assert not [title for title in shown if "CPR" in title or "?" in title]
        english = (await teams.say(teams.personal(LIS, "case 1", locale="en-US")))[0].card
        assert facts(english)["Employee"] == "K.L."
