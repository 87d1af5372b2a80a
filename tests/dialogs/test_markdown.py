"""Escaping text from people and Teams before it goes into Markdown."""

from datetime import date

from dialogs import cards
from dialogs.markdown import Markup, bold, escape, join
from dialogs.messages import capital, format_day, t

EVIL = "Bo [Nulstil adgangskode](https://evil.example/login) <at>Lise Berg</at>"


def test_a_link_and_a_mention_in_a_name_become_plain_text() -> None:
    assert escape(EVIL) == (
        r"Bo \[Nulstil adgangskode\](https://evil.example/login) &lt;at&gt;Lise Berg&lt;/at&gt;"
    )


def test_emphasis_code_and_the_backslash_itself_are_escaped() -> None:
    assert escape(r"**fed** _kursiv_ `kode` ~~streg~~ \*") == (
        r"\*\*fed\*\* \_kursiv\_ \`kode\` \~\~streg\~\~ \\\*"
    )


def test_block_markup_only_at_the_start_of_a_line() -> None:
    assert escape("# Overskrift\n- punkt\n> citat\n1. liste\n2) liste") == (
        "\\# Overskrift\n\\- punkt\n&gt; citat\n1\\. liste\n2\\) liste"
    )
    assert escape("Tømrer-Hansen #2, mødet 1.12 kl. 9.30 + 1. sal") == (
        "Tømrer-Hansen #2, mødet 1.12 kl. 9.30 + 1. sal"
    )


def test_ampersands_are_left_alone_unless_they_spell_an_entity() -> None:
    assert escape("Hansen & Søn") == "Hansen & Søn"
    assert escape("&lt;at&gt; &#60;") == "&amp;lt;at&amp;gt; &amp;#60;"


def test_markup_passes_unchanged_and_is_never_escaped_twice() -> None:
    once = escape("a_b")
    assert isinstance(once, Markup) and escape(once) == once == r"a\_b"
    assert escape(Markup("**fed**")) == "**fed**"
    assert join(", ", [Markup("**x**"), "y_z"]) == r"**x**, y\_z"
    assert bold("a*b") == r"**a\*b**"


def test_t_escapes_values_but_not_its_own_text_or_markup_values() -> None:
    text = t("da", "unknown_command", hint="[klik](https://evil.example)")
    assert text == (
        r"Den kommando kender jeg ikke. Mente du **\[klik\](https://evil.example)**? "
        "Skriv **hjælp** for at se alle kommandoerne."
    )
    assert isinstance(text, Markup)
    # A t() result passed to t() again keeps its escapes single.
    role = t("da", "role_set", name="a_b", role=t("da", "role.lead"))
    assert role.count("\\") == 1
    assert "1. december" in t("da", "history_none", day=Markup("1. december"))


def test_dates_stay_readable() -> None:
    day = format_day("da", date(2027, 1, 4))
    assert day == "mandag 4. januar" and isinstance(day, Markup)
    assert isinstance(capital(day), Markup) and capital(day) == "Mandag 4. januar"
    assert t("da", "swap_open_ok", day=day).count("\\") == 0


def test_cards_escape_what_they_show_but_not_input_values_or_choice_values() -> None:
    card = cards.card(
        [
            cards.heading(EVIL),
            cards.text("*note*"),
            cards.facts([("Firma", "A_S")]),
            cards.row(["[x](y)"]),
            cards.text_input("company", "Firma", "A_S [x](y)"),
            cards.choice_input("who", "Hvem", [("Bo_B", "a_b")], ["a_b"]),
        ]
    )
    body = card["body"]
    assert body[0]["text"] == escape(EVIL)
    assert body[1]["text"] == r"\*note\*"
    assert body[2]["facts"] == [{"title": "Firma", "value": r"A\_S"}]
    assert body[3]["columns"][0]["items"][0]["text"] == r"\[x\](y)"
    assert body[4]["value"] == "A_S [x](y)"
    assert body[5]["choices"] == [{"title": "Bo_B", "value": "a_b"}]
    assert body[5]["value"] == "a_b"
    assert cards.text(t("da", "briefing_yes"))["text"] == t("da", "briefing_yes")
