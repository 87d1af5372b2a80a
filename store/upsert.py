"""Core writes for both backends: INSERT ... ON CONFLICT DO NOTHING, and the ORM object of a
row a Core statement wrote. (A case's number is counted in store/cases.py.)"""

from functools import cache
from typing import Any, TypeVar

from sqlalchemy import Executable, Table
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import DeclarativeBase, make_transient_to_detached

M = TypeVar("M", bound=DeclarativeBase)


async def insert_ignore(
    session: AsyncSession, model: type[DeclarativeBase], keys: list[str], values: dict[str, Any]
) -> bool:
    """Insert a row unless one with the same unique keys exists; True if this call inserted it.
    A Core statement on the table, built once per table and backend (#17: building it and
    the ORM's bulk-insert path cost more than the INSERT); the columns' types still process
    every value (a personal text column refuses a CPR number)."""
    stmt = _ignoring(_table(model), tuple(keys), session.get_bind().dialect.name)
    result = await session.execute(stmt, values)
    return bool(result.rowcount)  # type: ignore[attr-defined]


@cache
def _ignoring(table: Table, keys: tuple[str, ...], dialect: str) -> Executable:
    # Each dialect's module is imported by the engine that uses it: on SQLite, PostgreSQL's
    # (about 0.04 s and 2 MB) is never needed.
    if dialect == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(table).on_conflict_do_nothing(index_elements=list(keys))
    from sqlalchemy.dialects import sqlite

    return sqlite.insert(table).on_conflict_do_nothing(index_elements=list(keys))


def _table(model: type[DeclarativeBase]) -> Table:
    return model.metadata.tables[model.__tablename__]


def as_written(model: type[M], values: dict[str, Any], session: AsyncSession | None = None) -> M:
    """The object of a row a Core INSERT wrote, with `values` (every column) as its loaded
    state, the way a query builds one: no attribute events (the ORM constructor fires one
    per column, about 250 calls for a case). With a session, it joins the session as a
    stored row (nothing to flush; a later change is saved as usual)."""
    row: M = model.__mapper__.class_manager.new_instance()
    row.__dict__.update(values)
    if session is not None:
        make_transient_to_detached(row)
        session.add(row)
    return row
