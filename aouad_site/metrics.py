"""Prometheus metrics for whoever is on call, through prometheus-client.

Under gunicorn every worker writes its samples to files in PROMETHEUS_MULTIPROC_DIR
(aouad_site/gunicorn.conf.py sets it before the app is loaded) and a scrape adds them up;
a single process (development, tests) uses the client's own registry. Labels stay bounded:
a view is its URL pattern's name, never the path; an unknown method is "other".
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
import os
from collections.abc import Callable, Iterable

from django.conf import settings
from django.http import HttpRequest
from django.utils.module_loading import import_string
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.metrics_core import Metric
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

logger = logging.getLogger(__name__)

# prometheus-client reads it once, when it is imported: so does this module.
MULTIPROCESS_DIR = os.environ.get("PROMETHEUS_MULTIPROC_DIR", "")
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
# Requests answered before URL routing: static files, HTTPS redirects, unknown paths.
UNRESOLVED = "unresolved"

REQUESTS = Counter(
    "aouad_requests_total", "Requests answered, by method, view and status.",
    ["method", "view", "status"],
)  # fmt: skip
REQUEST_DURATION = Histogram(
    "aouad_request_duration_seconds",
    "Time from the request reaching the app to its response, by view.",
    ["view"],
    # Up to gunicorn's 10 s worker timeout, past which there is no response to time.
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
DATABASE_ERRORS = Counter(
    "aouad_database_errors_total",
    "Requests that met an unreachable database and were answered 503.",
)
CACHE_ERRORS = Counter(
    "aouad_cache_errors_total",
    "Redis commands that failed (each a cache miss for the page asking).",
)

# A scrape-time source of metrics (settings.METRICS_COLLECTORS), e.g. a task queue's depth.
ScrapeCollector = Callable[[], Iterable[Metric]]


def method_label(method: str | None) -> str:
    return method if method in METHODS else "other"


class _SettingsCollectors(Collector):
    def collect(self) -> Iterable[Metric]:
        for path in settings.METRICS_COLLECTORS:
            try:
                collector: ScrapeCollector = import_string(path)
                yield from collector()
            except Exception:
                # One broken source must not hide every other metric from the operator.
                logger.exception("Metrics collector %s failed", path)


class _ThisProcess(Collector):
    def collect(self) -> Iterable[Metric]:
        return REGISTRY.collect()


def exposition() -> tuple[bytes, str]:
    """The text a scrape gets, and its content type."""
    registry = CollectorRegistry()
    if MULTIPROCESS_DIR:
        MultiProcessCollector(registry, path=MULTIPROCESS_DIR)
    else:
        registry.register(_ThisProcess())
    registry.register(_SettingsCollectors())
    return generate_latest(registry), CONTENT_TYPE_LATEST


def _scraper_address(request: HttpRequest) -> str:
    # As accounts/addresses.py reads it, without grouping: behind nginx REMOTE_ADDR is
    # nginx's own loopback address, which must not let everyone in.
    forwarded = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0 and forwarded:
        return forwarded[-min(proxies, len(forwarded))]
    return request.META.get("REMOTE_ADDR", "")


def _address_allowed(text: str) -> bool:
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return False
    return any(
        address in ipaddress.ip_network(allowed, strict=False)
        for allowed in settings.METRICS_ALLOWED_ADDRESSES
    )


def _token_matches(request: HttpRequest) -> bool:
    token = settings.METRICS_TOKEN
    if not token:
        return False
    given = request.META.get("HTTP_AUTHORIZATION", "")
    return hmac.compare_digest(given.encode(), f"Bearer {token}".encode())


def may_scrape(request: HttpRequest) -> bool:
    return _token_matches(request) or _address_allowed(_scraper_address(request))
