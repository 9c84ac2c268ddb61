"""Site-wide pages: home, health check and the error pages."""

from __future__ import annotations

import logging

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html")


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: the database did not answer")
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "up"})


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    # Django's default renders without the request, so the page would lose the
    # layout's nonce-bearing scripts and the signed-in header.
    return render(request, "403_csrf.html", status=403)


@require_safe
def coming_soon(request: HttpRequest, *, section: str) -> HttpResponse:
    return render(request, "coming_soon.html", {"section": section})
