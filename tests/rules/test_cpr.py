import pytest

from rules.cpr import (
    CprInText,
    any_cpr,
    contains_cpr,
    fold,
    mask_cpr,
    redact_cpr,
    refuse_cpr,
)

# Every way a CPR number reaches the bot: typed, pasted from Word or Outlook (en dash),
# from a PDF (non-breaking hyphen and spaces), from a phone keyboard (full-width digits).
MUST_DETECT = [
    "010190-1234",
    "0101901234",
    "010190 1234",
    "cpr: 311299-0001",
    "substitut 610190-1234",
    "910190-1234 er et erstatningsnummer",
    "(150675-4321)",
    "010190\u20131234",  # en dash: Word and Outlook
    "010190\u20141234",  # em dash
    "010190\u20111234",  # non-breaking hyphen
    "010190\u20101234",  # hyphen
    "010190\u22121234",  # minus sign
    "010190\ufe631234",  # small hyphen-minus
    "010190\u00ad1234",  # soft hyphen (invisible)
    "010190\u200b1234",  # zero-width space
    "010190\u00a01234",  # no-break space
    "010190\u202f1234",  # narrow no-break space
    "010190\u20091234",  # thin space
    "010190\t1234",
    "010190\n1234",
    "010190  1234",
    "01 01 90 1234",
    "01.01.90-1234",
    "01.01.90 1234",
    "01-01-90-1234",
    "01/01/90-1234",
    "010190 - 1234",
    "010190 \u2013 1234",
    "010190/1234",
    "\uff10\uff11\uff10\uff11\uff19\uff10\uff0d\uff11\uff12\uff13\uff14",  # full-width
    "\u0660\u0661\u0660\u0661\u0669\u0660-\u0661\u0662\u0663\u0664",  # Arabic-Indic digits
    "\u0966\u0967\u0966\u0967\u096f\u0966-\u0967\u0968\u0969\u096a",  # Devanagari digits
    "cpr:0101901234",
    "cpr0101901234",
    "nr0101901234abc",
    "ab010190-1234-4abc-8def-0123456789ab",  # a UUID holds one: callers skip their own ids
    "311299-0001",
    "310190-1234",
    "011290-1234",
]

# What a caseworker writes every day and must never be refused.
MUST_PASS = [
    "70123456",
    "70 12 34 56",
    "12 34 56 78",
    "1234 5678",
    "12345678",
    "+45 12345678",
    "+45 70123456",
    "+45 12 34 56 78",
    "0045 12 34 56 78",
    "0045 12345678",
    "004512345678",
    "ring 70 12 34 56 eller 70123456",
    "ring 12 34 56 78 eller 87 65 43 21",
    "tlf. 31 12 90 12 og 31 12 90 13",
    "CVR 12345678",
    "CVR-nr. 12345678",
    "01.01.2027",
    "1/1-2027 kl. 10",
    "01-01-2027",
    "2027-01-05",
    "2027-01-05 1200",
    "mødet 05.01.2027 kl. 10.00-11.30",
    "kl. 08.30-09.00",
    "sag #12",
    "320190-1234",  # day 32
    "001290-1234",  # day 00
    "600190-1234",  # substitute day 60 (day 00)
    "920190-1234",  # substitute day 92
    "011390-1234",  # month 13
    "010090-1234",  # month 00
    "01019012345",
    "1010190-1234",
    "010190-123",
    "010190 12 34",
    "01 01 90 12 34",
    "",
    "Anne Hansen",
]


@pytest.mark.parametrize("text", MUST_DETECT)
def test_finds_cpr_numbers_however_they_are_written(text: str) -> None:
    assert contains_cpr(text)
    assert "XXXXXX-XXXX" in mask_cpr(text)
    assert not contains_cpr(mask_cpr(text))
    assert not contains_cpr(redact_cpr(text))
    with pytest.raises(CprInText):
        refuse_cpr(text)


@pytest.mark.parametrize("text", MUST_PASS)
def test_leaves_phone_numbers_cvr_numbers_and_dates_alone(text: str) -> None:
    assert not contains_cpr(text)
    assert mask_cpr(text) == text == redact_cpr(text)
    refuse_cpr(text)


def test_folding_turns_pasted_text_into_plain_ascii() -> None:
    assert fold("01\u00a001\u202f90\u20131234") == "01 01 90-1234"
    assert fold("\uff10\uff19 \u0661") == "09 1"
    assert fold("a \t\n b") == "a b"
    assert fold("Søren Æblø") == "Søren Æblø"


def test_redaction_keeps_the_rest_of_a_name_as_written() -> None:
    assert (
        redact_cpr("Anne\u00a0Hansen 010190\u20131234 (vikar)") == "Anne\u00a0Hansen [CPR] (vikar)"
    )
    assert redact_cpr("\uff10\uff11\uff10\uff11\uff19\uff10\uff11\uff12\uff13\uff14x") == "[CPR]x"
    assert redact_cpr("a 010190-1234 b 020290 5678") == "a [CPR] b [CPR]"
    assert mask_cpr("note: 01.01.90-1234.") == "note: XXXXXX-XXXX."


def test_the_refusal_never_repeats_the_text() -> None:
    with pytest.raises(CprInText) as refused:
        refuse_cpr("ok", {"note": "010190-1234"})
    assert "1234" not in str(refused.value) and "010190" not in str(refused.value)


def test_searches_nested_card_values() -> None:
    assert any_cpr({"a": ["x", {"note": "010190-1234"}]})
    assert any_cpr({"a": ("x", "010190\u20131234")})
    assert any_cpr({"010190-1234": 1})
    assert not any_cpr({"a": ["x", {"note": "ok"}], "n": 5})
    assert not any_cpr([1234567890, None, True])
