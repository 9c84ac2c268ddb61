"""Whole-page caching for anonymous readers, never stale.

Every page a reader without an account sees is stored under a key that includes a global
content version; any change to content (a vote, an edit, a status change, a comment…)
bumps the version (signals below), so the next request renders afresh. Signed-in fans are
never served from this cache. Cached pages carry no CSRF token (anonymous pages have none),
and the CSP nonce is stored as a placeholder and replaced by this response's own nonce.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.middleware.csp import get_nonce

from verdicts import spoilers

NONCE_MARK = "\u2063csp-nonce\u2063"
VERSION_KEY = "pagecache:version"
# Models whose rows never show on an anonymous page.
_IGNORED = {"notification", "searchentry", "report", "accessattempt", "accesslog", "session"}
_CONTENT_APPS = {"accounts", "characters", "theories", "verdicts"}


def content_version() -> int:
    """The version every worker process agrees on (it lives in the shared cache)."""
    shared = caches["shared"]
    version = shared.get(VERSION_KEY)
    if version is None:
        # Starting from the clock, not 1: a version lost (evicted, cleared) and started again
        # must never repeat one that pages were cached under.
        shared.add(VERSION_KEY, time.time_ns(), timeout=None)
        version = shared.get(VERSION_KEY, 0)
    return int(version)


def bump() -> None:
    shared = caches["shared"]
    try:
        shared.incr(VERSION_KEY)
    except ValueError:  # not there yet (or evicted): a fresh clock value is new as well
        shared.set(VERSION_KEY, time.time_ns(), timeout=None)


def _cacheable(request: HttpRequest) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and "messages" not in request.COOKIES  # a flash message is for this visitor only
    )


def for_readers(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        htmx = bool(getattr(request, "htmx", False))
        watched = spoilers.for_request(request).key  # pages collapse spoilers per reader
        key = f"pagecache:{content_version()}:{int(htmx)}:{watched}:{request.get_full_path()}"
        pages = caches["pages"]
        hit = pages.get(key)
        if hit is not None:
            content_type, vary, body = hit
            response = HttpResponse(
                body.replace(NONCE_MARK, str(get_nonce(request))), content_type=content_type
            )
            if vary:
                response["Vary"] = vary
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            body = response.content.decode(response.charset)
            body = body.replace(str(get_nonce(request)), NONCE_MARK)
            pages.set(
                key,
                (response["Content-Type"], response.get("Vary", ""), body),
                timeout=settings.PAGE_CACHE_SECONDS,
            )
        return response

    return wrapper


def _on_change(sender: type, **kwargs: Any) -> None:
    meta = sender._meta
    if meta.app_label in _CONTENT_APPS and meta.model_name not in _IGNORED:
        bump()
        # And again once the change is committed: a reader who rendered in between saw the
        # version already bumped but not yet the change, and cached the old state under it.
        transaction.on_commit(bump)


post_save.connect(_on_change, dispatch_uid="pagecache-save")
post_delete.connect(_on_change, dispatch_uid="pagecache-delete")
m2m_changed.connect(_on_change, dispatch_uid="pagecache-m2m")
