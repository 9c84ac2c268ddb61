"""What aouad_site.monitoring.RequestMiddleware adds to one request, in microseconds.

python bench/middleware_overhead.py   (from the checkout; LOG_FORMAT=json as in production)
"""

from __future__ import annotations

import logging
import os
import sys
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aouad_site.settings")
os.environ.setdefault("LOG_FORMAT", "json")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.http import HttpRequest, HttpResponse  # noqa: E402
from django.test import RequestFactory  # noqa: E402
from django.urls import resolve  # noqa: E402

from aouad_site.monitoring import RequestMiddleware  # noqa: E402

ROUNDS, REPEATS = 50_000, 5
match = resolve("/robots.txt")


def view(request: HttpRequest) -> HttpResponse:
    request.resolver_match = match
    return HttpResponse("ok")


def per_call(function: object) -> float:
    return min(timeit.repeat(function, number=ROUNDS, repeat=REPEATS)) / ROUNDS  # type: ignore[arg-type]


def main() -> None:
    request = RequestFactory().get("/robots.txt")
    middleware = RequestMiddleware(view)
    # Log lines are formatted and written as in production, to a stream nobody reads here.
    for handler in logging.getLogger().handlers:
        handler.setStream(open(os.devnull, "w"))  # type: ignore[attr-defined]  # noqa: SIM115
    for log_requests in (True, False):
        settings.LOG_REQUESTS = log_requests
        added = per_call(lambda: middleware(request)) - per_call(lambda: view(request))
        print(f"LOG_REQUESTS={int(log_requests)}: {added * 1e6:.1f} µs per request")


if __name__ == "__main__":
    main()
