"""Fair rotas over time, through Teams: a range planned again after the first plan, and days
covered for a sick colleague, count as duties held (issue #12, "Fair rotas")."""

from collections import Counter
from datetime import date, timedelta

from tests.e2e.flows import choices, setup, submit_data
from tests.e2e.people import ANNE, TEAM
from tests.e2e.teams import Teams, User, teams_session
from tests.e2e.test_rota_and_duty import holders

WINDOW = timedelta(weeks=12)  # the carry-over window (domain.rota.HISTORY)


def counts(rota: dict[date, str | None], first: date, last: date) -> Counter[str]:
    held = Counter(name for day, name in rota.items() if first <= day <= last and name)
    return Counter({u.name: held[u.name] for u in TEAM})


async def test_a_range_planned_two_months_after_the_first_plan_is_fair(sqlite_url: str) -> None:
    """Five on the rota, nobody away: the first plan at join runs to 1 March; six weeks later a
    lead plans 17 February to 19 March again. Within that range, and over the carry-over window
    up to its end, everyone holds within one duty of everyone else."""
    async with teams_session(sqlite_url) as teams:
        await teams.at("2027-01-04 07:00")
        await setup(teams, on_rota=TEAM)
        await teams.at("2027-02-15 09:00")
        reply = (await teams.say(teams.personal(TEAM[0], "lav vagtplan 17.2 19.3")))[0].text
        assert "er lagt forfra" in reply
        rota = await holders(teams)
    first, last = date(2027, 2, 17), date(2027, 3, 19)
    in_range = counts(rota, first, last)
    window = counts(rota, first - WINDOW, last)
    assert max(in_range.values()) - min(in_range.values()) <= 1, in_range
    assert max(window.values()) - min(window.values()) <= 1, window


async def cover(teams: Teams, day: date, sick: User, by: User) -> None:
    """`sick` holds `day` and reports sick at 11:00; `by` takes over from then."""
    await teams.at(f"{day.isoformat()} 11:00")
    card = (await teams.say(teams.personal(sick, "jeg er syg")))[0]
    assert card.card is not None, card.text
    value = {**submit_data(card.card), "cover": choices(card.card, "cover")[by.name]}
    done = await teams.say(teams.personal(sick, "", value=value, reply_to=card.activity_id))
    assert "fra kl. 11:00" in done[0].card_text


async def test_a_colleague_who_covered_three_sick_days_is_not_owed_them_again(
    sqlite_url: str,
) -> None:
    """Anne covers three days for sick colleagues in the first week. Planned again from the
    next Monday, she gets about three duties fewer than the others, so that over the window
    she holds no more than one duty above anyone (the covers counted as hers, not theirs)."""
    async with teams_session(sqlite_url) as teams:
        await teams.at("2027-01-04 07:00")
        await setup(teams, on_rota=TEAM)
        rota = await holders(teams)
        sick_days = [d for d in sorted(rota) if rota[d] != ANNE.name][:3]
        for day in sick_days:
            sick = next(u for u in TEAM if u.name == rota[day])
            await cover(teams, day, sick, ANNE)
        await teams.at(f"{sick_days[-1].isoformat()} 15:00")
        reply = (await teams.say(teams.personal(TEAM[0], "lav vagtplan 11.1 26.2")))[0].text
        assert "er lagt forfra" in reply
        rota = await holders(teams)
    assert all(rota[d] == ANNE.name for d in sick_days)
    in_range = counts(rota, date(2027, 1, 11), date(2027, 2, 26))
    window = counts(rota, date(2027, 1, 4), date(2027, 2, 26))
    others = [n for u, n in in_range.items() if u != ANNE.name]
    assert in_range[ANNE.name] <= min(others) - 2, in_range
    assert window[ANNE.name] <= min(n for u, n in window.items() if u != ANNE.name) + 1, window
