"""A refusal from the domain layer, said to the person in their language."""

from datetime import date

from dialogs.messages import format_day, t
from dialogs.plain import Reply
from domain.errors import Refused, Term, Value


def said(lang: str, refused: Refused) -> Reply:
    return Reply(t(lang, refused.key, **{k: _word(lang, v) for k, v in refused.values.items()}))


def _word(lang: str, value: Value) -> str | int:
    if isinstance(value, Term):
        return t(lang, value.key, **{k: _word(lang, v) for k, v in value.values})
    if isinstance(value, date):
        return format_day(lang, value)
    return value
