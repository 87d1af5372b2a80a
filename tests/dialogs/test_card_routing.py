"""The card routing table, checked as data: every action a card can send is in it, it holds no
action that no card sends, and who may click what is the same words as for commands."""

import ast
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import dialogs
from dialogs.card_catalogue import every_card
from dialogs.card_routing import CARD_ACTIONS, CLICKS, FLOW_STEPS, Click, FlowStep
from dialogs.commands import ACCESS_ROLES
from dialogs.turn import STATELESS

DIALOGS = Path(dialogs.__file__).parent
# The routing itself names every action; a card that sends one is somewhere else.
ROUTING = {"card_routing.py", "turn.py"}


def _submitted(node: Any) -> Iterator[str]:
    """The action of every submit button in a card."""
    if isinstance(node, dict):
        data = node.get("data")
        if node.get("type") == "Action.Submit" and isinstance(data, dict) and "action" in data:
            yield data["action"]
        for value in node.values():
            yield from _submitted(value)
    elif isinstance(node, list):
        for value in node:
            yield from _submitted(value)


def _constant(node: ast.expr | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _written(tree: ast.AST) -> Iterator[str]:
    """Actions written into a card in source: `{"action": ...}`, `flow_data(_, _, action)`,
    `choices_card(_, _, _, action, _)`, and the `(title, action)` pairs of free_text's card."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                if _constant(key) == "action" and _constant(value):
                    yield str(_constant(value))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            position = {"flow_data": 2, "choices_card": 3}.get(node.func.attr)
            if position is not None and len(node.args) > position:
                found = _constant(node.args[position])
                if found:
                    yield found
        if isinstance(node, ast.For | ast.comprehension) and isinstance(node.target, ast.Tuple):
            names = [n.id for n in node.target.elts if isinstance(n, ast.Name)]
            if "action" in names and isinstance(node.iter, ast.Tuple):
                for pair in node.iter.elts:
                    if isinstance(pair, ast.Tuple):
                        found = _constant(pair.elts[names.index("action")])
                        if found:
                            yield found


def _actions_in_cards() -> set[str]:
    built = {a for card in every_card().values() for a in _submitted(card)}
    for path in DIALOGS.glob("*.py"):
        if path.name not in ROUTING:
            built |= set(_written(ast.parse(path.read_text(encoding="utf-8"))))
    return built


def test_the_table_holds_exactly_the_actions_cards_send() -> None:
    names = [a.name for a in CARD_ACTIONS]
    assert len(names) == len(set(names))
    sent = _actions_in_cards()
    assert sent - set(names) == set(), "a card sends an action no route answers"
    assert set(names) - sent == set(), "a route no card sends"


def test_the_source_scan_sees_cards_the_catalogue_does_not_build() -> None:
    assert {"absence.cancel", "case.reassign", "free.yes", "free.send"} <= _actions_in_cards()


def test_clicks_and_flow_steps_are_told_apart() -> None:
    assert set(CLICKS) | set(FLOW_STEPS) == {a.name for a in CARD_ACTIONS}
    assert not set(CLICKS) & set(FLOW_STEPS)
    assert set(CLICKS) == STATELESS
    assert all(isinstance(a, Click | FlowStep) for a in CARD_ACTIONS)


def test_who_may_click_what_uses_the_command_words() -> None:
    assert {a.access for a in CARD_ACTIONS} <= set(ACCESS_ROLES)
    switchboard = {a.name for a in CARD_ACTIONS if a.access in ("anyone", "member")}
    assert {"guide", "guide_open", "web.open"} <= switchboard
    assert not {n for n in switchboard if n.startswith(("swap.", "case.o", "case.r", "absence"))}
    assert {a.name for a in CARD_ACTIONS if a.access == "lead"} == {"setup.save", "settings.save"}
    # A step open to anyone leads to a command that is checked again when it runs.
    assert {a.name for a in CARD_ACTIONS if a.access == "anyone"} == {
        "pick",
        "pick_team",
        "free.pick",
        "free.yes",
        "free.no",
        "free.fix",
        "free.send",
    }
