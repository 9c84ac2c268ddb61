"""Log lines for whoever is on call: one JSON object per event in production
(settings.LOG_FORMAT), each carrying the id of the request it happened in, which the
response's X-Request-ID header and the error pages show too."""

from __future__ import annotations

import logging
from contextvars import ContextVar

from pythonjsonlogger.json import JsonFormatter

# Set by aouad_site.monitoring.RequestMiddleware for the length of a request.
current_request_id: ContextVar[str] = ContextVar("request_id", default="")


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id.get()
        return True


class JsonLineFormatter(JsonFormatter):
    """time, level, logger, message, request_id, anything passed in `extra`, and a
    traceback as one string field (`exc_info`), so it stays on its line."""

    def __init__(self) -> None:
        super().__init__(
            "{asctime}{levelname}{name}{message}{request_id}",
            style="{",
            rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
            datefmt="%Y-%m-%dT%H:%M:%S%z",
        )


class SkipOutageAnswers(logging.Filter):
    """Drops Django's line for each 503: whatever answers 503 (the outage middleware,
    /healthz) has already logged its cause, at most once per few seconds, and an outage
    must not add a line per request."""

    def filter(self, record: logging.LogRecord) -> bool:
        return getattr(record, "status_code", None) != 503
