"""The benchmark's connector stand-in counts what the bot sends, and among it the turns the bot
answered with its error apology: a turn that failed inside still gets an answer, so a count of
replies alone would not show it."""

import pytest

from bench.connector import ChannelThrottled
from dialogs.messages import t
from tests.e2e.connector import Sent


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_error_apology_is_counted_and_an_answer_is_not(lang: str) -> None:
    connector = ChannelThrottled()
    connector._record(Sent("a:1", {"text": t(lang, "error_apology", ref="0f3a")}))
    connector._record(Sent("a:1", {"text": t(lang, "no_phone")}))
    assert (connector.received, connector.apologies, connector.sent) == (2, 1, [])
