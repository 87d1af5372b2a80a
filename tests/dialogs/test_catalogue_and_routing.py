"""The message catalogue and the routing table, checked as data."""

import re

import pytest

from dialogs.commands import GROUPS, closest, match
from dialogs.messages import MESSAGES, lang_of, t
from dialogs.routing import COMMANDS
from rules.text import fold


def test_every_message_exists_in_both_languages_with_the_same_placeholders() -> None:
    for key, (da, en) in MESSAGES.items():
        assert da.strip() and en.strip(), key
        assert set(re.findall(r"{(\w+)}", da)) == set(re.findall(r"{(\w+)}", en)), key


def test_every_command_has_a_summary_and_unique_words() -> None:
    seen: set[str] = set()
    for command in COMMANDS:
        assert f"cmd.{command.name}" in MESSAGES
        words = {fold(w) for w in (*command.da, *command.en)}
        assert not words & seen, words & seen
        seen |= words


def test_every_command_has_a_help_group_and_the_lead_group_is_exactly_the_lead_commands() -> None:
    for command in COMMANDS:
        assert command.group in GROUPS, command.name
        assert f"help_group.{command.group}" in MESSAGES
        assert (command.group == "lead") == (command.access == "lead"), command.name


@pytest.mark.parametrize(
    ("text", "name", "args"),
    [
        ("hjælp", "help", ""),
        ("HJAELP", "help", ""),
        ("Help", "help", ""),
        ("på vagtplan Anne Hansen", "on_rota", "Anne Hansen"),
        ("pa vagtplan Bo", None, None),
        ("paa vagtplan Bo", "on_rota", "Bo"),
        ("rolle Bo leder", "role", "Bo leder"),
        ("annoncér her", "announce_here", ""),
        ("announce here", "announce_here", ""),
        ("tilmeld AB12CD34", "join", "AB12CD34"),
        ("medlemmerne", None, None),
    ],
)
def test_matching(text: str, name: str | None, args: str | None) -> None:
    found = match(text, COMMANDS)
    if name is None:
        assert found is None
    else:
        assert found is not None and found[0].name == name and found[1] == args


def test_closest_suggests_in_the_users_language() -> None:
    assert closest("medlemer", COMMANDS, "da") == "medlemmer"
    assert closest("setings", COMMANDS, "en") == "settings"
    assert closest("qqqqqq", COMMANDS, "da") is None


def test_locale_picks_the_language() -> None:
    assert lang_of("en-US") == "en" and lang_of("da-DK") == "da"
    assert lang_of("de-DE") == "da" and lang_of(None) == "da"
    assert t("en", "role.lead") == "team lead"


def test_help_is_handed_the_routing_table_and_does_not_import_it_back() -> None:
    import ast
    from pathlib import Path

    import dialogs.help

    tree = ast.parse(Path(dialogs.help.__file__).read_text(encoding="utf-8"))
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert not {"dialogs.routing", "dialogs.turn"} & imported


@pytest.mark.parametrize("role", ["lead", "caseworker", "switchboard"])
@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_sentences_help_suggests_are_understood_as_commands_the_role_may_use(
    role: str, lang: str
) -> None:
    from datetime import date

    from understanding import understand

    allowed = {c.name for c in COMMANDS if c.allows(role)}
    for line in t(lang, f"help_examples.{role}").splitlines():
        sentence = line.removeprefix("- ")
        assert understand(sentence, date(2026, 12, 7)).intent in allowed, sentence
