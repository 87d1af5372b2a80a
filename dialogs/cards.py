"""Building blocks for Adaptive Cards. Every card carries its flow id and version in its data.

TextBlocks and FactSets are Markdown in Teams: every text they show goes through `escape`, so a
name or a note is shown as typed; texts from `t()` are `Markup` and pass unchanged. Input values,
choice values, labels and button titles are not Markdown and are left alone.
"""

from collections.abc import Sequence
from typing import Any

from dialogs.markdown import escape

SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
VERSION = "1.5"


def card(body: list[dict[str, Any]], actions: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    result: dict[str, Any] = {
        "type": "AdaptiveCard",
        "$schema": SCHEMA,
        "version": VERSION,
        "body": body,
    }
    if actions:
        result["actions"] = actions
    return result


def heading(text: str) -> dict[str, Any]:
    return {
        "type": "TextBlock",
        "text": escape(text),
        "weight": "Bolder",
        "size": "Medium",
        "wrap": True,
    }


def subheading(text: str) -> dict[str, Any]:
    """A bold line that opens a part of a card (a group of commands)."""
    return {"type": "TextBlock", "text": escape(text), "weight": "Bolder", "wrap": True}


def text(value: str, *, subtle: bool = False) -> dict[str, Any]:
    block: dict[str, Any] = {"type": "TextBlock", "text": escape(value), "wrap": True}
    if subtle:
        block["isSubtle"] = True
    return block


def facts(pairs: list[tuple[str, str]]) -> dict[str, Any]:
    return {
        "type": "FactSet",
        "facts": [{"title": escape(k), "value": escape(v)} for k, v in pairs],
    }


def submit(title: str, data: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Action.Submit", "title": title, "data": data}


def show_card(
    title: str, body: list[dict[str, Any]], actions: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """A button that opens a sub-card under the card (closed until clicked); a submit inside
    sends the sub-card's inputs and those of the cards around it."""
    sub: dict[str, Any] = {"type": "AdaptiveCard", "body": body}
    if actions:
        sub["actions"] = actions
    return {"type": "Action.ShowCard", "title": title, "card": sub}


def required(block: dict[str, Any], error: str) -> dict[str, Any]:
    """An input the client will not submit empty: Teams marks its label and shows `error`."""
    return {**block, "isRequired": True, "errorMessage": error}


def date_input(input_id: str, label: str, value: str = "") -> dict[str, Any]:
    block: dict[str, Any] = {"type": "Input.Date", "id": input_id, "label": label}
    if value:
        block["value"] = value
    return block


def flow_data(flow_id: str, version: int, action: str, **extra: Any) -> dict[str, Any]:
    return {"flow": flow_id, "v": version, "action": action, **extra}


def text_input(input_id: str, label: str, value: str = "", **extra: Any) -> dict[str, Any]:
    return {"type": "Input.Text", "id": input_id, "label": label, "value": value, **extra}


def time_input(input_id: str, label: str, value: str) -> dict[str, Any]:
    return {"type": "Input.Time", "id": input_id, "label": label, "value": value}


def choice_input(
    input_id: str,
    label: str,
    choices: list[tuple[str, str]],
    selected: list[str],
    *,
    multi: bool = False,
    expanded: bool = False,
) -> dict[str, Any]:
    block: dict[str, Any] = {
        "type": "Input.ChoiceSet",
        "id": input_id,
        "label": label,
        "choices": [{"title": title, "value": value} for title, value in choices],
        "value": ",".join(selected),
        "isMultiSelect": multi,
    }
    if not multi:
        block["style"] = "expanded" if expanded else "compact"
    return block


def buttons(actions: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "ActionSet", "actions": actions}


def row(cells: list[str], *, bold: bool = False, accent: bool = False) -> dict[str, Any]:
    """One line of a table, as a ColumnSet (Teams renders it everywhere)."""
    columns = []
    for i, cell in enumerate(cells):
        block: dict[str, Any] = {"type": "TextBlock", "text": escape(cell), "wrap": True}
        if bold:
            block["weight"] = "Bolder"
        if accent:
            block["color"] = "Accent"
        columns.append(
            {
                "type": "Column",
                "width": "stretch" if i == len(cells) - 1 else "auto",
                "items": [block],
            }
        )
    return {"type": "ColumnSet", "columns": columns, "spacing": "Small"}


def choices_card(
    prompt: str, flow_id: str, version: int, action: str, options: list[tuple[str, dict[str, Any]]]
) -> dict[str, Any]:
    """A question with one button per answer (which person, which team)."""
    buttons_ = [
        submit(title, flow_data(flow_id, version, action, **extra)) for title, extra in options
    ]
    return card([text(prompt)], buttons_)


def done_card(title: str, lines: list[str], note: str = "") -> dict[str, Any]:
    """What a card turns into once it is handled."""
    body = [heading(title), *(text(line) for line in lines)]
    if note:
        body.append(text(note, subtle=True))
    return card(body)


def toggle(input_id: str, title: str, on: bool) -> dict[str, Any]:
    return {
        "type": "Input.Toggle",
        "id": input_id,
        "title": title,
        "value": "true" if on else "false",
        "valueOn": "true",
        "valueOff": "false",
    }


def list_card(
    title: str, rows: Sequence[tuple[str, tuple[str, dict[str, Any]] | None]]
) -> dict[str, Any]:
    """A title and lines, each with an optional button (title, data) under it."""
    body = [heading(title)]
    for line, button in rows:
        body.append(text(line))
        if button is not None:
            body.append(buttons([submit(button[0], button[1])]))
    return card(body)


def whole(values: dict[str, Any], key: str) -> int:
    """A card value that should be an id; 0 when it is missing or not a whole number (card
    values come back as whatever the client sent)."""
    raw = str(values.get(key) or "").strip()
    # ASCII digits only: str.isdigit() also takes "²" and other scripts' digits, which int()
    # refuses or reads as another number.
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 12 else 0
