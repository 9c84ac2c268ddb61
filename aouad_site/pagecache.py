"""Whole pages for readers without an account, kept for a few seconds (PAGE_CACHE_SECONDS).

Votes invalidate nothing: scores and ranked order reach anonymous readers within the page
lifetime. What must show at once (a removal, an edit, a new comment, a verdict) is invalidated
by the service that makes the change, with `invalidate(...)`: it moves small version keys in
the shared cache once the change commits. An item's own page (a theory, a quote) carries its
version; every other cached page carries the listings version. A cached page records the
versions it was rendered under and is served only while they are still current, so a hit is
one `get_many`. The cache is a cache: any error there is a miss (settings.CACHES).

A kept page is gzip-compressed once, when it is kept, not for every reader: it holds no secret
(no token, nothing of anyone's), so GZipMiddleware's per-response padding against BREACH has
nothing to protect there.
"""

from __future__ import annotations

import gzip
import hashlib
import secrets
import time
from collections.abc import Callable, Sequence
from functools import wraps
from typing import Any, NamedTuple

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.text import compress_string

from aouad_site.htmx import wants_fragment

LISTINGS = "listings"
LOCK_SECONDS = 10  # a worker that died while rendering holds a page no longer than this
WAIT_SECONDS = 1.0  # how long the other readers of a page being rendered wait for it


class Page(NamedTuple):
    created: float
    versions: tuple[str, ...]
    content_type: str
    vary: str
    packed: bytes  # the body, gzip-compressed


def _version_key(item: str) -> str:
    return f"v:{item}"


def invalidate(*items: str, listings: bool = False) -> None:
    """Once the current transaction commits, stale every page carrying these items' versions
    (e.g. "theory:12"), and with `listings` every page that lists content."""
    keys = [*items, LISTINGS] if listings else list(items)

    def move() -> None:
        caches["default"].set_many(
            {_version_key(item): secrets.token_hex(8) for item in keys}, timeout=None
        )

    transaction.on_commit(move, robust=True)  # the change is saved whatever the cache says


def _current_versions(keys: Sequence[str], found: dict[str, Any]) -> tuple[str, ...] | None:
    """The versions the page carries now; one evicted or flushed starts anew. None if the cache
    cannot keep them (it is down): then nothing is cached."""
    cache = caches["default"]
    versions = []
    for key in keys:
        version = found.get(key)
        if version is None:
            cache.add(key, secrets.token_hex(8), timeout=None)
            version = cache.get(key)
            if version is None:
                return None
        versions.append(version)
    return tuple(versions)


def _page_key(request: HttpRequest) -> str:
    # An htmx swap gets a fragment, a history restore (htmx as well) the whole page.
    htmx = bool(getattr(request, "htmx", False))
    seen = [str(request.session.get(key, "")) for key in settings.PAGE_CACHE_SESSION_KEYS]
    # The language is in the path already (/ko/…) and sets the zone; named for whoever reads.
    parts = [settings.RELEASE, f"{int(htmx)}{int(htmx and wants_fragment(request))}", *seen]
    parts.append(translation.get_language())
    parts.append(request.get_full_path())
    return "page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _fresh(page: Any, versions: tuple[str, ...] | None, now: float) -> float | None:
    """The page's age if it may still be served, else None."""
    if not isinstance(page, Page) or page.versions != versions:
        return None
    age = now - page.created
    return age if 0 <= age < settings.PAGE_CACHE_SECONDS else None


def _respond(request: HttpRequest, page: Page) -> HttpResponse:
    if "gzip" in request.headers.get("Accept-Encoding", ""):
        response = HttpResponse(page.packed, content_type=page.content_type)
        response["Content-Encoding"] = "gzip"
    else:  # a client that takes no gzip (rare): the page unpacked
        response = HttpResponse(gzip.decompress(page.packed), content_type=page.content_type)
    if page.vary:
        response["Vary"] = page.vary
    patch_vary_headers(response, ["Accept-Encoding"])
    return response


def _serve(
    request: HttpRequest, items: Sequence[str], render: Callable[[], HttpResponse]
) -> HttpResponse:
    cache, here = caches["default"], caches["pages"]
    key, lock = _page_key(request), ""
    version_keys = [_version_key(item) for item in items]
    # This process's copy spares fetching the page itself: only its versions are asked for.
    local = here.get(key)
    found = cache.get_many(version_keys if local is not None else [key, *version_keys])
    versions = _current_versions(version_keys, found)
    if versions is None:
        return render()
    now = time.time()
    page = local if _fresh(local, versions, now) is not None else found.get(key)
    if page is None and local is not None:  # this copy is stale; another process's may not be
        page = cache.get(key)
    age = _fresh(page, versions, now)
    if age is not None and page is not local:
        here.set(key, page, timeout=settings.PAGE_CACHE_SECONDS)
    # Past most of its lifetime one reader renders the page again; the others keep the copy.
    if age is not None and (
        age < settings.PAGE_CACHE_SECONDS * 0.8 or not cache.add(key + ":lock", 1, LOCK_SECONDS)
    ):
        return _respond(request, page)
    if age is None and not cache.add(key + ":lock", 1, LOCK_SECONDS):
        deadline = time.monotonic() + WAIT_SECONDS  # another reader renders it: wait for it
        while time.monotonic() < deadline:
            time.sleep(0.01)
            if _fresh(page := cache.get(key), versions, time.time()) is not None:
                return _respond(request, page)
    else:
        lock = key + ":lock"
    try:
        response = render()
        if response.status_code == 200 and not response.streaming and not response.cookies:
            page = Page(
                time.time(),
                versions,
                response["Content-Type"],
                response.get("Vary", ""),
                compress_string(response.content),
            )
            cache.set(key, page, timeout=settings.PAGE_CACHE_SECONDS)
            here.set(key, page, timeout=settings.PAGE_CACHE_SECONDS)
    finally:
        if lock:
            cache.delete(lock)
    return response


def _shareable(request: HttpRequest) -> bool:
    """Whether a proxy or CDN may keep this reader's page: it carries no cookie that could
    make it theirs (a session, a flash message)."""
    return settings.PROXY_CACHE_SECONDS > 0 and all(
        name == settings.CSRF_COOKIE_NAME for name in request.COOKIES
    )


class SharedCacheHeaders:
    """Outermost: only a page `for_readers` marked public may be kept by a shared cache, and
    not even that once anything below set a cookie on it; every other response is private."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        control = response.get("Cache-Control", "")
        if "s-maxage" in control and response.cookies:
            response["Cache-Control"] = "private"
        elif not control:
            patch_cache_control(response, private=True)
        return response


def for_readers(
    view: Callable[..., HttpResponse] | None = None,
    *,
    carries: Callable[..., list[str]] = lambda **kwargs: [LISTINGS],
) -> Any:
    """Cache the view's pages for readers without an account. A page carries the listings
    version, or the versions `carries` names from the URL's arguments (an item's own page:
    `carries=lambda pk, **_: [f"theory:{pk}"]`)."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if (
                request.user.is_authenticated
                or settings.PAGE_CACHE_SECONDS <= 0
                or request.method not in ("GET", "HEAD")
                or "messages" in request.COOKIES  # a flash message is for this visitor only
            ):
                return view(request, *args, **kwargs)
            render = lambda: view(request, *args, **kwargs)  # noqa: E731
            response = _serve(request, carries(**kwargs), render)
            if response.status_code == 200 and _shareable(request):
                patch_cache_control(
                    response,
                    public=True,
                    max_age=0,
                    s_maxage=settings.PROXY_CACHE_SECONDS,
                    stale_if_error=settings.PROXY_STALE_IF_ERROR_SECONDS,
                )
            return response

        return wrapper

    return decorate(view) if view is not None else decorate
