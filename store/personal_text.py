"""Column types for text people write: a CPR number is refused on every write.

The check sits in the columns' bind processing, so it holds for ORM flushes and Core
statements alike, for chat, cards, the CLI and jobs: a new way in cannot forget it. SQLAlchemy
wraps the refusal in `StatementError` (its `.orig` is the `CprInText`); the transaction then
rolls back and nothing is stored. Text that Teams supplies (display and team names) is
redacted before it gets here (rules.cpr.redact_cpr), so a roster sync never fails on it.
"""

from typing import Any

from sqlalchemy import JSON, String, Text
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from rules.cpr import CprInText, any_cpr, contains_cpr, redact_cpr


class PersonalText(TypeDecorator[str]):
    """A VARCHAR that refuses a CPR number (names, company, phone, places)."""

    impl = String
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        if value is not None and contains_cpr(value):
            raise CprInText
        return value


class PersonalNote(PersonalText):
    """A TEXT column that refuses a CPR number (free-text notes)."""

    impl = Text
    cache_ok = True


class PersonalJSON(TypeDecorator[Any]):
    """JSON holding values people typed (a card flow's pending text, audited settings): no
    string in it, nor any key, may hold a CPR number. Not for JSON the bot composes around
    its own ids (outbox payloads carry card data with random flow ids, which can look like
    one)."""

    impl = JSON
    cache_ok = True
    # As JSON itself: None is stored as JSON null on every path (an ORM bulk insert too).
    should_evaluate_none = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if any_cpr(value):
            raise CprInText
        return value


class TeamsJSON(TypeDecorator[Any]):
    """JSON as Teams sent it (a conversation reference). Its ids must stay exactly as they
    are, even where they look like a CPR number; a display name in it is Teams' text, stored
    with the CPR-shaped part blanked, as in the members table."""

    impl = JSON
    cache_ok = True
    should_evaluate_none = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        return _names_redacted(value)


def _names_redacted(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            k: redact_cpr(v) if k == "name" and isinstance(v, str) else _names_redacted(v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_names_redacted(v) for v in value]
    return value
