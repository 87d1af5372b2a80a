import io
import logging

from bot.logs import log_handler


def logged(*args: object, **kwargs: object) -> list[str]:
    output = io.StringIO()
    logger = logging.getLogger("tests.logs")
    handler = log_handler("text", output)
    logger.addHandler(handler)
    try:
        logger.warning(*args, **kwargs)  # type: ignore[arg-type]
    finally:
        logger.removeHandler(handler)
    return output.getvalue().splitlines()


def test_every_value_and_the_message_stay_on_one_line() -> None:
    lines = logged("team %s\nforged %s", "a\r\nb\x1b[31m\u2028c\x85d\te", "/ical/secret.ics")
    assert len(lines) == 1
    assert lines[0].endswith("team a\\r\\nb\\x1b[31m\\u2028c\\x85d\\te\\nforged /ical/[redacted]")


def test_a_traceback_follows_on_marked_lines() -> None:
    try:
        raise ValueError("bad\n2027-01-04 09:00:00,000 INFO x [-] forged\u2028too")
    except ValueError:
        lines = logged("failed", exc_info=True)
    assert lines[0].endswith("failed")
    assert all(line.startswith("  | ") for line in lines[1:])
    assert lines[1] == "  | Traceback (most recent call last):"
    assert "  | 2027-01-04 09:00:00,000 INFO x [-] forged" in lines
    assert lines[-1] == "  | too"


def test_json_lines_are_one_line_already() -> None:
    output = io.StringIO()
    logger = logging.getLogger("tests.logs.json")
    handler = log_handler("json", output)
    logger.addHandler(handler)
    try:
        logger.warning("a %s", "b\nc")
    finally:
        logger.removeHandler(handler)
    assert len(output.getvalue().splitlines()) == 1
