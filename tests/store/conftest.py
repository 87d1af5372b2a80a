from collections.abc import AsyncIterator

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from store.db import create_engine, sessions


@pytest.fixture
async def factory(db_url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """Sessions on a fresh database of each kind (SQLite, PostgreSQL), the app's own engine."""
    engine = create_engine(db_url)
    yield sessions(engine)
    await engine.dispose()
