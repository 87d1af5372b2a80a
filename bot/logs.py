"""Logging: plain or JSON lines, with the turn's correlation id. Message texts are never logged."""

import contextvars
import json
import logging
import re
import sys
import uuid
from typing import TextIO

from aiohttp.abc import AbstractAccessLogger as AccessLogger
from aiohttp.web import BaseRequest, StreamResponse

from rules.cpr import mask_cpr

correlation_id: contextvars.ContextVar[str] = contextvars.ContextVar("correlation_id", default="-")

# Calendar secrets and tokens must not reach the access log through the URL.
_SECRET_PATH = re.compile(r"(/ical/|/web/login/)[^/\s?]+")


def new_correlation_id() -> str:
    value = uuid.uuid4().hex[:10]
    correlation_id.set(value)
    return value


def redact(text: str) -> str:
    """A log line without calendar secrets, and with any CPR-shaped number masked (a value in
    an exception's message or a traceback must not carry one into the log)."""
    return mask_cpr(_SECRET_PATH.sub(r"\1[redacted]", text))


class _Context(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.correlation_id = correlation_id.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record),
            "level": record.levelname,
            "logger": record.name,
            "correlation_id": getattr(record, "correlation_id", "-"),
            "message": redact(record.getMessage()),
        }
        if record.exc_info:
            entry["exception"] = redact(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)


# Line breaks and other control characters, as Unicode counts them, in text from outside.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(correlation_id)s] %(message)s"


def escape(text: str) -> str:
    """One line whatever a value holds: a control character becomes its escape (\\n, \\x1b)."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


class TextFormatter(logging.Formatter):
    """One line a record: a value with a line break cannot forge a line of its own. A
    traceback follows on lines that start with "  | ", so none of them can pass for a record."""

    def format(self, record: logging.LogRecord) -> str:
        record.message = record.getMessage()
        if self.usesTime():
            record.asctime = self.formatTime(record, self.datefmt)
        line = escape(redact(self.formatMessage(record)))
        extra = []
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            extra.append(record.exc_text)
        if record.stack_info:
            extra.append(self.formatStack(record.stack_info))
        for text in extra:
            line += "".join(f"\n  | {escape(redact(part))}" for part in text.splitlines())
        return line


def setup_logging(fmt: str = "text", level: int = logging.INFO) -> None:
    handler = log_handler(fmt)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.getLogger("sqlalchemy").setLevel(logging.WARNING)
    logging.getLogger("msrest").setLevel(logging.ERROR)
    logging.getLogger("urllib3").setLevel(logging.WARNING)


def log_handler(fmt: str = "text", stream: TextIO | None = None) -> logging.Handler:
    """The handler the server logs through, in `fmt`, writing to `stream` (stderr)."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.addFilter(_Context())
    handler.setFormatter(JsonFormatter() if fmt == "json" else TextFormatter(TEXT_FORMAT))
    return handler


class RedactingAccessLogger(AccessLogger):
    """aiohttp's access log, with calendar secrets taken out of the request line."""

    def log(self, request: BaseRequest, response: StreamResponse, time: float) -> None:
        if not self.logger.isEnabledFor(logging.INFO):
            return
        self.logger.info(
            '%s "%s %s" %s %s %.3f',
            request.remote,
            request.method,
            redact(request.path),
            response.status,
            response.body_length,
            time,
        )
