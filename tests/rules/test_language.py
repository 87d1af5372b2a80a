"""The one rule for the language of an answer."""

from collections.abc import Callable

import pytest

from rules.language import choose, choose_asking, detect


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("vagt", "da"),
        ("hvem har vagten i dag?", "da"),
        ("hjaelp", "da"),
        ("ny sag", "da"),
        ("kan du lige bytte min vagt om to uger", "da"),
        ("jeg er syg", "da"),
        ("duty", "en"),
        ("who has the phone today?", "en"),
        ("I'm sick", "en"),
        ("new case", "en"),
        ("help", "en"),
        ("my duties", "en"),
    ],
)
def test_a_clearly_written_message_is_recognised(text: str, expected: str) -> None:
    assert detect(text) == expected


@pytest.mark.parametrize("text", ["", "12", "Anne Hansen", "status", "team 5.1", "👍"])
def test_a_message_in_neither_language_is_not_guessed(text: str) -> None:
    assert detect(text) is None


def test_the_persons_own_choice_always_wins() -> None:
    assert choose("da", detect("who has the phone?"), "en", "en") == "da"
    assert choose("en", detect("hvem har vagten?"), "da", "da") == "en"


def test_then_the_message_then_the_team_then_the_locale() -> None:
    assert choose(None, detect("hvem har vagten?"), "en", "en") == "da"
    assert choose(None, detect("12"), "en", "da") == "en"
    assert choose(None, detect("12"), None, "da") == "da"


def test_a_source_is_asked_only_when_those_before_it_say_nothing() -> None:
    asked: list[str] = []

    def source(name: str, says: str | None) -> Callable[[], str | None]:
        return lambda: asked.append(name) or says

    assert choose_asking("en", source("written", "da"), source("team", "da"), "da") == "en"
    assert asked == []
    assert choose_asking(None, source("written", "da"), source("team", "en"), "en") == "da"
    assert asked == ["written"]
    assert choose_asking(None, source("written", None), source("team", "en"), "da") == "en"
    assert asked == ["written", "written", "team"]
