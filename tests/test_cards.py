"""Every card the bot can send passes Microsoft's Adaptive Cards validation, in both languages."""

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

from dialogs.card_catalogue import CARDS, every_card
from tests.node_tools import node_modules

SCRIPT = Path(__file__).with_name("validate_cards.js")


def validate(cards: dict[str, Any]) -> dict[str, list[str]]:
    node = shutil.which("node")
    assert node, "node is needed for the card tests"
    done = subprocess.run(
        [node, str(SCRIPT), str(node_modules())],
        input=json.dumps(cards),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    result: dict[str, list[str]] = json.loads(done.stdout)
    return result


def test_every_card_validates_in_both_languages() -> None:
    cards = every_card()
    assert len(cards) == 2 * len(CARDS)
    assert validate(cards) == {name: [] for name in cards}


def test_a_broken_card_is_caught() -> None:
    broken = {
        "unknown_element": {
            "type": "AdaptiveCard",
            "version": "1.5",
            "body": [{"type": "Carousel3D"}],
        },
        "empty_choices": {
            "type": "AdaptiveCard",
            "version": "1.5",
            "body": [{"type": "Input.ChoiceSet", "id": "x", "choices": []}],
        },
        "duplicate_ids": {
            "type": "AdaptiveCard",
            "version": "1.5",
            "body": [{"type": "Input.Text", "id": "a"}, {"type": "Input.Text", "id": "a"}],
        },
    }
    result = validate(broken)
    assert all(result[name] for name in broken), result
