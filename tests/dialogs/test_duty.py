"""The rota card escapes a person's name once, also inside an away holder's mark."""

from datetime import date

from dialogs.duty import rota_card
from dialogs.holder import Holder, away
from dialogs.messages import t
from store.models import Member

MONDAY = date(2027, 1, 4)


def cell(card: dict[str, object], row: int) -> str:
    rows = [b for b in card["body"] if b["type"] == "ColumnSet"]  # type: ignore[attr-defined,index]
    return str(rows[row]["columns"][2]["items"][0]["text"])


def test_names_are_escaped_once_and_the_week_number_is_shown() -> None:
    odd = Member(id=1, name="Anne *S*")
    marked = t("da", "rota_away", away=away("da", Holder(MONDAY, odd, "vacation")))
    lines = [(MONDAY, "Bo_B", False), (date(2027, 1, 5), marked, True)]
    card = rota_card("da", MONDAY, date(2027, 1, 5), lines, MONDAY)
    assert cell(card, 0) == "Bo\\_B ← i dag"
    assert cell(card, 1) == "Anne \\*S\\* har ferie – ikke taget endnu (dig)"
    assert card["body"][1]["text"] == "**Uge 1**"
