"""While the database cannot be reached, pages answer 503 with Retry-After in the site's style,
and the log gets one line per few seconds instead of a traceback per request."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from aouad_site.metrics import DATABASE_ERRORS
from aouad_site.monitoring import request_id

logger = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 5
LOG_EVERY_SECONDS = 5.0
_last_logged = 0.0


def unavailable(reference: str = "") -> HttpResponse:
    # Rendered without the request: the page must not need the database it reports as down.
    response = HttpResponse(render_to_string("503.html", {"request_id": reference}), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class DatabaseOutageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> Any:
        global _last_logged
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        DATABASE_ERRORS.inc()
        now = time.monotonic()
        if now - _last_logged >= LOG_EVERY_SECONDS:
            _last_logged = now
            logger.error("The database is unreachable: %s", exception)
        return unavailable(request_id(request))
