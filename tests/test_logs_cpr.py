"""Log lines, plain or JSON, never carry a CPR number: not in a message, not in a traceback."""

import json
import logging
import sys

from bot.logs import JsonFormatter, TextFormatter

PASTED = "010190\u20131234"


def _record() -> logging.LogRecord:
    try:
        raise ValueError(f"bad value {PASTED}")
    except ValueError:
        exc_info = sys.exc_info()
    return logging.LogRecord(
        "t",
        logging.ERROR,
        __file__,
        1,
        "turn failed on %s at 2027-01-04 09:30:15",
        ("0101901234",),
        exc_info,
    )


def test_the_text_log_masks_cpr_numbers_in_messages_and_tracebacks() -> None:
    line = TextFormatter("%(asctime)s %(levelname)s %(message)s").format(_record())
    assert "1234" not in line and line.count("XXXXXX-XXXX") == 2
    assert "Traceback" in line and "2027-01-04 09:30:15" in line


def test_the_json_log_masks_cpr_numbers_in_messages_and_tracebacks() -> None:
    entry = json.loads(JsonFormatter().format(_record()))
    assert "1234" not in entry["message"] + entry["exception"]
    assert "XXXXXX-XXXX" in entry["message"] and "XXXXXX-XXXX" in entry["exception"]
