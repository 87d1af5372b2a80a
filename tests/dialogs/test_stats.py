"""The weekly report's card: the chart as an image, its text alternative, and the Tal link."""

import base64
import json

from dialogs.chart import Bar, bar_chart_png
from dialogs.stats import report_card

BARS = [Bar("52", 14, 6), Bar("1", 9, 4), Bar("2", 0, 0)]


def test_the_report_card_carries_the_chart_and_the_link_to_tal() -> None:
    card = report_card("da", BARS, "https://hotline.kommune.dk/web/tal")
    (image,) = [b for b in card["body"] if b["type"] == "Image"]
    prefix = "data:image/png;base64,"
    assert image["url"].startswith(prefix)
    assert base64.b64decode(image["url"][len(prefix) :]) == bar_chart_png(BARS)
    assert "uge 52: 14 opkald, 6 klaret i telefonen" in image["altText"]
    assert "uge 2: 0 opkald" in image["altText"]
    (link,) = card["actions"]
    assert link == {
        "type": "Action.OpenUrl",
        "title": "Se Tal",
        "url": "https://hotline.kommune.dk/web/tal",
    }
    # Teams refuses a message over about 28 KB; the report's text and card stay far below.
    assert len(json.dumps(card)) < 8000


def test_the_report_card_in_english() -> None:
    card = report_card("en", BARS, "https://x.kommune.dk/web/tal")
    assert card["actions"][0]["title"] == "Open Figures"
    assert "week 1: 9 calls, 4 settled on the phone" in card["body"][1]["altText"]
