"""On PostgreSQL, the turns the bot always lets in at once are served by connections it keeps
open: a connection beyond the pool's is closed when handed back, and opening one again costs
a handshake, the statements prepared again and a new server process (#17)."""

import asyncio

from sqlalchemy import event

from bot.admission import FLOOR
from tests.e2e.flows import setup
from tests.e2e.people import ANNE, BO, CAMILLA
from tests.e2e.teams import teams_session


async def test_a_second_burst_of_turns_opens_no_connection(pg_url: str) -> None:
    async with teams_session(pg_url, rate_limit_messages=1_000_000) as teams:
        await teams.at("2027-01-04 09:00")
        await setup(teams, on_rota=(ANNE, BO, CAMILLA))
        opened = 0

        def counted(*_: object) -> None:
            nonlocal opened
            opened += 1

        event.listen(teams.services.engine.sync_engine.pool, "connect", counted)
        people = (ANNE, BO, CAMILLA)

        async def one_burst() -> list[int]:
            turns = [teams.personal(people[n % 3], "vagt") for n in range(FLOOR)]
            return list(await asyncio.gather(*(teams.post(turn) for turn in turns)))

        assert set(await one_burst()) <= {200, 201}
        assert opened > 1, "the first burst ran its turns one after the other"
        opened = 0
        assert set(await one_burst()) <= {200, 201}
        assert opened == 0


async def test_the_connections_kept_are_all_there_are(pg_url: str) -> None:
    """A burst wider than the setting waits for connections instead of opening more: every
    replica's must fit the server's max_connections."""
    async with teams_session(
        pg_url, rate_limit_messages=1_000_000, database_connections=3
    ) as teams:
        await teams.at("2027-01-04 09:00")
        await setup(teams, on_rota=(ANNE, BO, CAMILLA))
        pool = teams.services.engine.sync_engine.pool
        widest = 0

        def checked_out(*_: object) -> None:
            nonlocal widest
            widest = max(widest, pool.checkedout())  # type: ignore[attr-defined]

        event.listen(pool, "checkout", checked_out)
        people = (ANNE, BO, CAMILLA)
        turns = [teams.personal(people[n % 3], "vagt") for n in range(FLOOR)]
        assert set(await asyncio.gather(*(teams.post(turn) for turn in turns))) <= {200, 201}
        assert widest == 3
