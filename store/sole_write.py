"""The mark of a unit's only write, in a statement's text (a comment SQLAlchemy renders with
`prefix_with`): the unit writes nothing else, before or after it. On PostgreSQL such a
statement runs without BEGIN and COMMIT (store/pg_lazy_begin.py); elsewhere it is a comment.
Here, not in pg_lazy_begin, so that marking a statement does not import the PostgreSQL dialect."""

from sqlalchemy.ext.asyncio import AsyncSession

from store.audit import PENDING

SOLE_WRITE = "/* sole write */"


def nothing_pending(session: AsyncSession) -> bool:
    """Nothing waits to be written with the session's unit (no history entries, no new or
    changed rows): a write now may be its sole write, if nothing is written after it."""
    sync = session.sync_session
    return not (sync.info.get(PENDING) or sync.new or sync.dirty or sync.deleted)
