"""Keeping text from people and from Teams inert in Markdown: messages and card TextBlocks.

Teams renders a message's text and an Adaptive Card TextBlock or FactSet as Markdown (bold,
italic, lists, links) and a message's text also as a little HTML (`<at>`). A display name,
company or note goes in as text, never as markup: `escape` makes it so. Text the bot composed
itself from escaped parts is `Markup` and is never escaped again; that is the one opt-out, and
it is meant to be grepped for.
"""

import re
from collections.abc import Iterable


class Markup(str):
    """Text that is already safe Markdown: the catalogue's own texts, `t()`'s results, and what
    the bot builds from those and from escaped values. Wrap a `str` in it only when every part
    that came from a person or from Teams went through `escape` or `t()`."""

    __slots__ = ()


# Inline markup can start anywhere: emphasis, code, links and images, strikethrough, and the
# backslash itself (so a typed `\*` cannot undo our escape).
_INLINE = re.compile(r"([\\`*_\[\]~])")
# An entity only when it looks like one, so `Hansen & Søn` stays as typed.
_ENTITY = re.compile(r"&(?=#?\w+;)")
# Block markup counts only at the start of a line: headings, quotes, list bullets, numbered
# lists (`1. ` or `1) `), and setext/rule lines. A date like `1.12` mid-line stays as it is.
_LINE_START = re.compile(r"^([ \t]*)([#+=-])", re.MULTILINE)
_NUMBERED = re.compile(r"^([ \t]*\d+)([.)])(?=\s|$)", re.MULTILINE)


def escape(value: object) -> Markup:
    """`value` as text that Teams shows literally; `Markup` passes through unchanged."""
    if isinstance(value, Markup):
        return value
    text = _ENTITY.sub("&amp;", str(value))
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    text = _INLINE.sub(r"\\\1", text)
    text = _LINE_START.sub(r"\1\\\2", text)
    text = _NUMBERED.sub(r"\1\\\2", text)
    return Markup(text)


def join(separator: str, parts: Iterable[object]) -> Markup:
    """`separator.join(parts)` with every part that is not `Markup` escaped; the separator is the
    bot's own (a comma, a newline)."""
    return Markup(separator.join(escape(part) for part in parts))


def bold(value: object) -> Markup:
    """`**value**`, with `value` escaped unless it is `Markup` already."""
    return Markup(f"**{escape(value)}**")
