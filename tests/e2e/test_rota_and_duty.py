"""Asking who is on duty, seeing the rota, and a lead's edits, through Teams."""

import itertools
from datetime import UTC, date, datetime

from sqlalchemy import select

from domain.clock import FakeClock
from store.db import unit_of_work
from store.models import AuditEntry, Duty, Member
from tests.e2e.flows import setup
from tests.e2e.people import ANNE, BO, CAMILLA, DORTE, LIS, SIGNE
from tests.e2e.teams import Teams, teams_session

MONDAY = datetime(2027, 1, 4, 9, 0, tzinfo=UTC)  # 10:00 in Copenhagen


async def holders(teams: Teams) -> dict[date, str | None]:
    async with unit_of_work(teams.services.sessions) as session:
        rows = await session.execute(
            select(Duty.day, Member.name)
            .outerjoin(Member, Member.id == Duty.member_id)
            .order_by(Duty.day)
        )
        return {day: name for day, name in rows}


async def test_the_rota_is_planned_when_people_join_it(sqlite_url: str) -> None:
    async with teams_session(sqlite_url, FakeClock(MONDAY)) as teams:
        await setup(teams, on_rota=(ANNE, BO, CAMILLA))
        rota = await holders(teams)
        assert min(rota) == date(2027, 1, 4) and max(rota) == date(2027, 3, 1)
        assert set(rota.values()) == {ANNE.name, BO.name, CAMILLA.name}
        assert date(2027, 1, 1) not in rota and date(2027, 1, 9) not in rota
        days = sorted(rota)
        assert all(rota[a] != rota[b] for a, b in itertools.pairwise(days))
        counts = [list(rota.values()).count(n) for n in (ANNE.name, BO.name, CAMILLA.name)]
        assert max(counts) - min(counts) <= 1


async def test_who_is_on_duty_in_both_languages_and_on_a_holiday(sqlite_url: str) -> None:
    async with teams_session(sqlite_url, FakeClock(MONDAY)) as teams:
        await setup(teams, on_rota=(ANNE, BO, CAMILLA))
        rota = await holders(teams)
        today = (await teams.say(teams.personal(ANNE, "vagt")))[0].text
        assert f"**Mandag 4. januar**: {rota[date(2027, 1, 4)]} har fastholdelsestelefonen" in today
        assert "70 12 34 56" in today and f"tirsdag 5. januar: {rota[date(2027, 1, 5)]}" in today
        tomorrow = (await teams.say(teams.personal(ANNE, "duty tomorrow", locale="en-US")))[0]
        assert f"**Tuesday 5 January**: {rota[date(2027, 1, 5)]} holds" in tomorrow.text
        easter = (await teams.say(teams.personal(ANNE, "vagt 26.3")))[0].text
        assert "Fredag 26. marts er ikke en arbejdsdag (Langfredag)" in easter
        weekend = (await teams.say(teams.personal(ANNE, "vagt lørdag")))[0].text
        assert "Lørdag 9. januar er ikke en arbejdsdag." in weekend
        assert f"mandag 11. januar: {rota[date(2027, 1, 11)]}" in weekend
        bad = (await teams.say(teams.personal(ANNE, "vagt 31.02")))[0].text
        assert 'Datoen "31.02" findes ikke' in bad


async def test_switchboard_staff_may_ask_who_is_on_duty_but_not_see_the_rota(
    sqlite_url: str,
) -> None:
    async with teams_session(sqlite_url, FakeClock(MONDAY)) as teams:
        await setup(teams, on_rota=(ANNE, BO))
        code = (await teams.say(teams.personal(LIS, "kode omstilling")))[0].text.split("**")[1]
        await teams.say(teams.personal(SIGNE, f"tilmeld {code}"))
        assert (
            "har fastholdelsestelefonen" in (await teams.say(teams.personal(SIGNE, "vagt")))[0].text
        )
        denied = (await teams.say(teams.personal(SIGNE, "vagtplan")))[0].text
        assert "sagsbehandlere og teamledere" in denied


async def test_the_rota_card_marks_today_and_your_own_days(sqlite_url: str) -> None:
    async with teams_session(sqlite_url, FakeClock(MONDAY)) as teams:
        await setup(teams, on_rota=(ANNE, BO, CAMILLA))
        rota = await holders(teams)
        card = (await teams.say(teams.personal(ANNE, "vagtplan")))[0]
        rows = [b for b in card.card["body"] if b["type"] == "ColumnSet"]
        assert len(rows) == 10  # this week and next
        texts = [" ".join(c["items"][0]["text"] for c in r["columns"]) for r in rows]
        assert texts[0].startswith("4/1 man") and "← i dag" in texts[0]
        mine = [
            t for t, (d, n) in zip(texts, sorted(rota.items())[:10], strict=True) if n == ANNE.name
        ]
        assert mine and all("(dig)" in t for t in mine)
        week = (await teams.say(teams.personal(ANNE, "rota week 2", locale="en-US")))[0]
        assert "Rota Monday 11 January – Friday 15 January" in week.card_text
        month = (await teams.say(teams.personal(ANNE, "vagtplan måned")))[0]
        assert len([b for b in month.card["body"] if b["type"] == "ColumnSet"]) == 20
        assert (
            "Skriv fx **vagtplan"
            in (await teams.say(teams.personal(ANNE, "vagtplan snart")))[0].text
        )
        mine_text = (await teams.say(teams.personal(ANNE, "mine vagter")))[0].text
        assert mine_text.count("\n- ") == list(rota.values()).count(ANNE.name)


async def test_a_lead_sets_a_duty_and_plans_a_range_again(sqlite_url: str) -> None:
    async with teams_session(sqlite_url, FakeClock(MONDAY)) as teams:
        await setup(teams, on_rota=(ANNE, BO, CAMILLA))
        day = date(2027, 1, 12)
        reply = (await teams.say(teams.personal(LIS, "sæt vagt 12.1 dorte")))[0].text
        assert "ikke på vagtplanen" in reply
        await teams.say(teams.personal(LIS, "på vagtplan Dorte"))
        reply = (await teams.say(teams.personal(LIS, "sæt vagt 12.1 dorte")))[0].text
        assert "Tirsdag 12. januar: Dorte Lund har nu fastholdelsestelefonen" in reply
        replanned = (await teams.say(teams.personal(LIS, "lav vagtplan 11.1 29.1")))[0].text
        assert "Vagtplanen fra mandag 11. januar til fredag 29. januar er lagt forfra" in replanned
        assert (await holders(teams))[day] == DORTE.name  # kept by hand
        async with unit_of_work(teams.services.sessions) as session:
            audit = list(
                await session.scalars(
                    select(AuditEntry).where(AuditEntry.subject == f"day:{day.isoformat()}")
                )
            )
        assert audit and audit[0].actor_id is not None
        for command, expected in (
            ("lav vagtplan 29.1 11.1", "Slutdatoen ligger før startdatoen"),
            ("lav vagtplan 1.2.2027 1.3.2029", "højst planlægge to år"),
            ("lav vagtplan 1.12.2026 2.12.2026", "Dage, der er gået"),
            ("sæt vagt 9.1 Anne", "ikke en arbejdsdag"),
            ("sæt vagt 12.1 Zorro", 'hedder "Zorro"'),
            ("sæt vagt 31.02 Anne", "findes ikke"),
        ):
            assert expected in (await teams.say(teams.personal(LIS, command)))[0].text, command
        denied = (await teams.say(teams.personal(ANNE, "sæt vagt 12.1 Anne")))[0].text
        assert "teamledere" in denied
        assert (await holders(teams))[day] == DORTE.name


async def test_people_added_one_by_one_share_the_days_not_yet_announced(sqlite_url: str) -> None:
    async with teams_session(sqlite_url, FakeClock(MONDAY)) as teams:
        await setup(teams, on_rota=(ANNE,))
        for user in (BO, CAMILLA):
            await teams.say(teams.personal(LIS, f"på vagtplan {user.name}"))
        rota = await holders(teams)
        days = sorted(rota)
        assert all(rota[a] != rota[b] for a, b in itertools.pairwise(days))
        assert rota[date(2027, 1, 4)] != rota[date(2027, 1, 5)]


async def test_an_announced_day_keeps_its_holder_when_the_rota_changes(sqlite_url: str) -> None:
    from bot.jobs import tick

    async with teams_session(sqlite_url) as teams:
        await teams.at("2027-01-04 07:00")
        await setup(teams, on_rota=(ANNE, BO))
        await teams.at("2027-01-04 08:00")
        await tick(teams.services)  # today is announced
        today = (await holders(teams))[date(2027, 1, 4)]
        await teams.at("2027-01-04 15:00")
        await tick(teams.services)  # tomorrow's holder is told
        tomorrow = (await holders(teams))[date(2027, 1, 5)]
        await teams.say(teams.personal(LIS, "på vagtplan Camilla"))
        await teams.say(teams.personal(LIS, f"af vagtplan {today}"))
        rota = await holders(teams)
        assert rota[date(2027, 1, 4)] == today and rota[date(2027, 1, 5)] == tomorrow
        assert today not in [rota[d] for d in sorted(rota)[2:]]
