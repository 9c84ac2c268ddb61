"""The outermost middleware: every request gets an id (nginx's, or a new one) for its log
lines, its response header and its error page, and is counted and timed for Prometheus."""

from __future__ import annotations

import logging
import re
import secrets
import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from aouad_site.logs import current_request_id
from aouad_site.metrics import REQUEST_DURATION, REQUESTS, UNRESOLVED, method_label

logger = logging.getLogger("aouad_site.requests")
# nginx's $request_id is 32 hex digits; a UUID or a load balancer's id fits too. Nothing else
# is taken from the header, so a client cannot write into the logs through it.
WELL_FORMED_ID = re.compile(r"[0-9A-Za-z][0-9A-Za-z._-]{7,63}")
# Probes answer every few seconds: their lines would drown the others.
QUIET_VIEWS = frozenset({"healthz", "metrics"})


def request_id(request: HttpRequest) -> str:
    return getattr(request, "request_id", "")


def _incoming_id(request: HttpRequest) -> str:
    given = request.META.get("HTTP_X_REQUEST_ID", "")
    return given if WELL_FORMED_ID.fullmatch(given) else secrets.token_hex(16)


class RequestMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        request.request_id = _incoming_id(request)  # type: ignore[attr-defined]
        token = current_request_id.set(request.request_id)  # type: ignore[attr-defined]
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request.request_id  # type: ignore[attr-defined]
            elapsed = time.perf_counter() - started
            match = request.resolver_match
            view = match.view_name if match else UNRESOLVED
            REQUESTS.labels(method_label(request.method), view, str(response.status_code)).inc()
            REQUEST_DURATION.labels(view).observe(elapsed)
            self._log(request, response, view, elapsed)
            return response
        finally:
            current_request_id.reset(token)

    def _log(self, request: HttpRequest, response: HttpResponse, view: str, elapsed: float) -> None:
        level = logging.DEBUG if view in QUIET_VIEWS else logging.INFO
        if not settings.LOG_REQUESTS or not logger.isEnabledFor(level):
            return
        logger.log(
            level,
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "method": request.method,
                "path": request.path,
                "view": view,
                "status": response.status_code,
                "duration_ms": round(elapsed * 1000, 2),
            },
        )
