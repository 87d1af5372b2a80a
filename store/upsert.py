"""INSERT ... ON CONFLICT DO NOTHING for both backends."""

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import DeclarativeBase


async def insert_ignore(
    session: AsyncSession, model: type[DeclarativeBase], keys: list[str], values: dict[str, Any]
) -> bool:
    """Insert a row unless one with the same unique keys exists; True if this call inserted it."""
    dialect = session.bind.dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    stmt = module.insert(model).values(**values).on_conflict_do_nothing(index_elements=keys)
    result = await session.execute(stmt)
    return bool(result.rowcount)  # type: ignore[attr-defined]
