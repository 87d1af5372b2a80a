"""The edge's nesting check on a parsed body (bot/activities.py)."""

from typing import Any

import pytest

from bot.activities import deeper_than


def lists(depth: int, inner: Any = "x") -> Any:
    value = inner
    for _ in range(depth):
        value = [value]
    return value


def objects(depth: int, inner: Any = "x") -> Any:
    value = inner
    for n in range(depth):
        value = {"k": value, "s": f"{n}", "n": n, "b": None}
    return value


@pytest.mark.parametrize("build", [lists, objects])
def test_a_body_is_too_deep_only_past_the_limit(build: Any) -> None:
    assert not deeper_than(build(4), 4)
    assert deeper_than(build(5), 4)
    assert not deeper_than(build(4, inner=[]), 5)
    assert deeper_than(build(5, inner={}), 5)


def test_scalars_and_siblings_do_not_count_as_depth() -> None:
    assert not deeper_than("text", 0)
    assert not deeper_than(7, 0)
    wide = {"a": [1, 2, {"b": "c"}], "d": {"e": [None, True]}, "f": "g"}
    assert not deeper_than(wide, 3)
    assert deeper_than(wide, 2)
    assert deeper_than([1, "x", wide], 3)
