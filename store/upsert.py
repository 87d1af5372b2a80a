"""INSERT ... ON CONFLICT DO NOTHING for both backends."""

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import DeclarativeBase


async def insert_ignore(
    session: AsyncSession, model: type[DeclarativeBase], keys: list[str], values: dict[str, Any]
) -> bool:
    """Insert a row unless one with the same unique keys exists; True if this call inserted it."""
    stmt = _insert(session, model).values(**values).on_conflict_do_nothing(index_elements=keys)
    result = await session.execute(stmt)
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def count_up(
    session: AsyncSession, model: type[DeclarativeBase], keys: dict[str, Any], column: str
) -> int:
    """Add one to a counter row (starting it at 1 if it is new) and return the new value: a
    single atomic statement, so concurrent callers never get the same number."""
    counter = getattr(model, column)
    stmt = (
        _insert(session, model)
        .values(**keys, **{column: 1})
        .on_conflict_do_update(index_elements=list(keys), set_={column: counter + 1})
        .returning(counter)
    )
    return int((await session.execute(stmt)).scalar_one())


def _insert(session: AsyncSession, model: type[DeclarativeBase]) -> Any:
    # Each dialect's module is imported by the engine that uses it: on SQLite, PostgreSQL's
    # (about 0.04 s and 2 MB) is never needed.
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(model)
    from sqlalchemy.dialects import sqlite

    return sqlite.insert(model)
