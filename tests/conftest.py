import asyncio
from collections.abc import AsyncIterator

import pytest
from hypothesis import settings

from tests.databases import drop_template, fresh_database


@pytest.fixture(params=["sqlite", "postgres"])
async def db_url(request: pytest.FixtureRequest, tmp_path) -> AsyncIterator[str]:  # type: ignore[no-untyped-def]
    async with fresh_database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
async def sqlite_url(tmp_path) -> AsyncIterator[str]:  # type: ignore[no-untyped-def]
    async with fresh_database("sqlite", tmp_path) as url:
        yield url


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    asyncio.run(drop_template())


@pytest.fixture
async def pg_url(tmp_path) -> AsyncIterator[str]:  # type: ignore[no-untyped-def]
    async with fresh_database("postgres", tmp_path) as url:
        yield url


# Property tests explore new examples on every run, CI included; no deadline (a loaded CI
# machine is slow, not wrong).
settings.register_profile("default", deadline=None)
settings.load_profile("default")
