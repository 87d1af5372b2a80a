"""Thousands of generated activities, malformed and odd: never a 5xx, the server keeps serving,
and nothing answered with a 4xx changes a row."""

import json
import random
from typing import Any

from sqlalchemy import text

from store.db import unit_of_work
from tests.e2e.flows import setup
from tests.e2e.people import ANNE, BO, CAMILLA, LIS
from tests.e2e.teams import Teams, teams_session

ODD_TEXT = [
    "",
    " ",
    "\u0000",
    "💥" * 50,
    "ø" * 5000,
    "<at>Hotline</at>",
    "vagt 31.02",
    "byt 99.99",
    "sag -1",
    "overdrag 1 til",
    "fravær 1.1-31.12.2099 ferie",
    "tjek " + "x" * 3000,
    "sæt vagt 29.2 Anne",
    "\u202e\u200b\ufeff",
    "%s%n{0}",
    "hjælp\n\n\n",
    "rolle Anne kaptajn",
    "Robert'); DROP TABLE members;--",
]
ODD_VALUES: list[Any] = [None, 0, -1, 10**30, 3.5, "x", [], {}, [1, 2], True, "💥" * 200]
KEYS = [
    "type",
    "text",
    "from",
    "recipient",
    "conversation",
    "serviceUrl",
    "value",
    "locale",
    "entities",
    "channelData",
    "replyToId",
    "membersAdded",
    "id",
    "timestamp",
]


def mutate(rng: random.Random, base: dict[str, Any]) -> dict[str, Any] | str:
    activity = json.loads(json.dumps(base))
    choice = rng.randrange(10)
    if choice == 0:
        return rng.choice(["{", "[]", "null", '"x"', '{"type":', "\u0000", "1e999"])
    if choice == 1:
        activity.pop(rng.choice(KEYS), None)
    elif choice == 2:
        activity[rng.choice(KEYS)] = rng.choice(ODD_VALUES)
    elif choice == 3:
        activity["type"] = rng.choice(
            [
                "event",
                "invoke",
                "typing",
                "messageReaction",
                "🤖",
                "installationUpdate",
                "conversationUpdate",
            ]
        )
    elif choice == 4:
        activity["text"] = rng.choice(ODD_TEXT)
    elif choice == 5:
        activity["value"] = {
            "flow": rng.choice(["x", "", None, 1]),
            "v": rng.choice(ODD_VALUES),
            "action": rng.choice(["setup.save", "pick", "case.new", "cover", "nope"]),
        }
    elif choice == 6:
        activity["value"] = {
            "action": rng.choice(
                [
                    "swap.take",
                    "swap.decline",
                    "case.outcome",
                    "case.reassign",
                    "absence.cancel",
                    "guide",
                    "swap.approve",
                ]
            ),
            "swap": rng.choice(ODD_VALUES),
            "case": rng.choice(ODD_VALUES),
            "absence": rng.choice(ODD_VALUES),
            "who": rng.choice(ODD_VALUES),
            "what": rng.choice(ODD_VALUES),
            "member": rng.choice(ODD_VALUES),
            "outcome": rng.choice(["round_table", "x", None]),
            "meeting_day": rng.choice(["2027-02-31", "", "x"]),
        }
    elif choice == 7:
        activity["entities"] = rng.choice(
            [
                [{"type": "mention"}],
                [{"type": "mention", "mentioned": "x", "text": 5}],
                [1, "x", None],
            ]
        )
    elif choice == 8:
        activity["channelData"] = rng.choice(
            [{"team": "x"}, {"tenant": None}, {"team": {}}, {"channel": {"id": None}}]
        )
    else:
        activity["conversation"] = rng.choice(
            [{"id": ""}, {"id": "x" * 2000}, {"id": "a", "conversationType": "🤖"}]
        )
    return activity


async def snapshot(teams: Teams) -> str:
    async with unit_of_work(teams.services.sessions) as session:
        parts = []
        for table in (
            "teams",
            "members",
            "memberships",
            "duties",
            "cases",
            "swap_requests",
            "absences",
            "audit_log",
            "join_codes",
            "switchboard_counts",
        ):
            rows = await session.execute(text(f"SELECT * FROM {table} ORDER BY 1"))
            parts.append(repr(list(rows)))
        return "\n".join(parts)


async def test_two_thousand_generated_activities_never_give_a_5xx(sqlite_url: str) -> None:
    rng = random.Random(20261130)
    async with teams_session(sqlite_url, rate_limit_messages=10**6) as teams:
        await teams.at("2027-01-04 09:00")
        await setup(teams, on_rota=(ANNE, BO, CAMILLA))
        bases = [
            teams.personal(ANNE, "vagt"),
            teams.channel(LIS, "hjælp"),
            teams.personal(LIS, "", value={"action": "guide"}),
        ]
        statuses: dict[int, int] = {}
        for _ in range(2000):
            activity = mutate(rng, rng.choice(bases))
            if isinstance(activity, str):
                status = await teams.post(activity)
            else:
                before = await snapshot(teams) if rng.random() < 0.05 else None
                status = await teams.post(activity)
                if before is not None and 400 <= status < 500:
                    assert await snapshot(teams) == before, activity
            statuses[status] = statuses.get(status, 0) + 1
            assert status < 500, (status, json.dumps(activity, ensure_ascii=False)[:1500])
        assert sum(statuses.values()) == 2000 and statuses.get(400, 0) > 100
        async with teams.http.get(teams.bot_url + "/healthz") as response:
            assert response.status == 200
        assert (await teams.say(teams.personal(ANNE, "hjælp")))[0].card
