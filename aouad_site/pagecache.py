"""Whole-page caching, never stale.

Every page a reader without an account sees is stored under a key that includes a global
content version; any change to content (a vote, an edit, a status change, a comment…)
bumps the version (signals below), so the next request renders afresh. On SQLite the version
is a row in the database, moved by the change's own transaction; on PostgreSQL it lives in the
shared cache (Redis, or files without it) and moves once the change commits. Cached pages carry no
CSRF token (anonymous pages have none), and the CSP nonce is stored as a placeholder and
replaced by this response's own nonce.

`for_everyone` also caches the pages it wraps for each signed-in fan, under their id and a
digest of their whole account row (name, unread notifications, settings, staff flag…), so
nothing a fan sees of themselves can go stale either. Those pages are rendered with
CSRF_MARK in place of every CSRF token and get the visit's own token when served: the same
fan signed in twice holds two different tokens. A fan's first view of a page at a version is
made from one rendering all fans share, with marks where their account menu and their votes
on the cards go (`_from_fans_page`).

Readers' pages also pass between worker processes (settings.PAGE_SHARE_SECONDS, with Redis):
the first worker to miss a page marks it as its own to render, and the others asking for
it meanwhile wait for its copy instead of rendering the same page at the same moment. The
copy is stored under the same versioned key, so it is exactly as fresh as the local one. A
new release makes every version it may find there stale as it starts (`new_release`, called
by gunicorn before it forks the workers), so it never serves its predecessor's markup.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import nullcontext
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.middleware.csp import get_nonce
from django.middleware.csrf import CSRF_TOKEN_LENGTH, get_token
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from aouad_site import fragments
from aouad_site.htmx import wants_fragment
from verdicts import spoilers

NONCE_MARK = "\u2063csp-nonce\u2063"
# Escaped text never holds a "<", so no title or name can fake the mark. Safe markup itself,
# or {% csrf_token %} would escape it as well.
CSRF_MARK = mark_safe("<csrf-token>")
# Where a page shared by all fans shows the account menu (see base.html).
ACCOUNT_MARK = mark_safe("<account-menu>")
VERSION_KEY = "pagecache:version"
# Readers' pages are also handed between worker processes through the shared cache, for
# settings.PAGE_SHARE_SECONDS: one worker renders a page, the others take its copy.
RENDERING = "pagecache-rendering:"  # + a page's key: the mark of the worker rendering it
RENDERING_SECONDS = 10  # a worker that died while rendering holds it no longer than this
RENDER_WAIT_SECONDS = 1.0
# Models whose rows never show on a cached page (a fan's unread count is kept on their account
# row, which is part of their key).
_IGNORED = {
    "notification",
    "searchentry",
    "report",
    "accessattempt",
    "accesslog",
    "session",
    "dailycount",
}
_CONTENT_APPS = {"accounts", "characters", "theories", "verdicts"}


def versions_in_database() -> bool:
    """Whether the versions live in the database: on SQLite (one machine, the file every
    worker opens) a row read costs about 11 µs of CPU against 70 for a round trip to Redis, and
    a change moves the version inside its own transaction. PostgreSQL is a round trip either
    way, and one row every change updated would serialise its writers: the shared cache.

    The versions are part of the file: after restoring an older copy of it, restart the server
    (`new_release` moves them past every version issued before)."""
    return connection.vendor == "sqlite"


# The table of aouad_site.models.ContentVersion, in plain SQL: a page's one query.
_READ = "SELECT value FROM aouad_site_contentversion WHERE key = %s"
_START = (
    "INSERT INTO aouad_site_contentversion (key, value) VALUES (%s, %s)"
    " ON CONFLICT (key) DO NOTHING"
)
_BUMP = "UPDATE aouad_site_contentversion SET value = value + 1 WHERE key = %s"
_RELEASE = "UPDATE aouad_site_contentversion SET value = MAX(value + 1, %s) WHERE key = %s"


def _move(key: str, sql: str, params: list[Any]) -> None:
    """Move `key`'s row with `sql`, or start it from the clock if there is none yet (a fresh
    clock value is new as well): in the current transaction, or else in its own, queued for
    the write lock like every transaction (aouad_site/sqlite)."""
    atomic = nullcontext() if connection.in_atomic_block else transaction.atomic()
    with atomic, connection.cursor() as cursor:
        cursor.execute(sql, params)
        if not cursor.rowcount:
            cursor.execute(_START, [key, time.time_ns()])


def content_version(key: str = VERSION_KEY) -> int:
    """The version every worker process agrees on (in the database on SQLite, else in the
    shared cache).

    `key` names another version kept the same way (the search index has its own)."""
    if versions_in_database():
        with connection.cursor() as cursor:
            cursor.execute(_READ, [key])
            row = cursor.fetchone()
        if row is None:
            _move(key, _BUMP, [key])
            return content_version(key)
        return row[0]
    shared = caches["shared"]
    version = shared.get(key)
    if version is None:
        # Starting from the clock, not 1: a version lost (evicted, cleared) and started again
        # must never repeat one that pages were cached under.
        shared.add(key, time.time_ns(), timeout=None)
        version = shared.get(key, 0)
    return int(version)


def bump(key: str = VERSION_KEY) -> None:
    """Move the version now. After a change, `changed` says when."""
    if versions_in_database():
        _move(key, _BUMP, [key])
        return
    shared = caches["shared"]
    try:
        shared.incr(key)
    except ValueError:  # not there yet (or evicted): a fresh clock value is new as well
        shared.set(key, time.time_ns(), timeout=None)


def changed(key: str = VERSION_KEY) -> None:
    """Content shown under `key`'s version changed: pages cached before go stale when the
    change commits.

    In the database the version moves inside the change's own transaction: other connections
    see both at the same moment, and a rollback undoes both. (A change made outside any
    transaction has already committed: the version follows at once, and meanwhile a reader can
    only cache the new state under the old version.) In the shared cache it moves once
    the change has committed (at once outside a transaction): earlier would let a reader who
    renders before the commit cache the old state under the new version. That also keeps the
    round trip out of the transaction."""
    if versions_in_database():
        bump(key)
    else:
        transaction.on_commit(lambda: bump(key))


def new_release() -> None:
    """Make everything a previous release cached in the shared cache stale: pages handed
    between workers and search results are stored there under these versions."""
    from theories import search

    for key in (VERSION_KEY, search.VERSION_KEY):
        if not versions_in_database():
            bump(key)
        else:  # past every version the file ever issued, even one a restored copy forgot
            _move(key, _RELEASE, [time.time_ns(), key])


def _cacheable(request: HttpRequest) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and "messages" not in request.COOKIES  # a flash message is for this visitor only
    )


def _serve(
    request: HttpRequest,
    key: str,
    view: Callable[..., HttpResponse],
    *args: Any,
    share: bool = False,
    **kwargs: Any,
) -> HttpResponse:
    """The page from this process's memory, else (if `share`) from another worker, else
    rendered now and kept for the next requests."""
    pages = caches["pages"]
    hit = pages.get(key)
    claimed = False
    if hit is None and share:
        hit, claimed = _from_other_workers(key)
        if hit is not None:
            pages.set(key, hit, timeout=settings.PAGE_CACHE_SECONDS)
    if hit is not None:
        content_type, vary, body = hit
        response = HttpResponse(
            body.replace(NONCE_MARK, str(get_nonce(request))), content_type=content_type
        )
        if vary:
            response["Vary"] = vary
        return response
    try:
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            body = response.content.decode(response.charset)
            body = body.replace(str(get_nonce(request)), NONCE_MARK)
            entry = (response["Content-Type"], response.get("Vary", ""), body)
            pages.set(key, entry, timeout=settings.PAGE_CACHE_SECONDS)
            if share:
                caches["shared"].set(key, entry, timeout=settings.PAGE_SHARE_SECONDS)
    finally:
        if claimed:
            caches["shared"].delete(RENDERING + key)
    return response


def _from_other_workers(key: str) -> tuple[tuple[str, str, str] | None, bool]:
    """Another worker's copy of the page, or None and whether this worker is now the one
    rendering it. While another worker renders it, wait a little for its copy: after a change,
    every worker asked for a popular page would otherwise render it at the same moment, each
    slowed down by the others."""
    shared = caches["shared"]
    hit = shared.get(key)
    if hit is not None:
        return hit, False
    if shared.add(RENDERING + key, 1, timeout=RENDERING_SECONDS):
        return None, True
    deadline = time.monotonic() + RENDER_WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(0.005)
        found = shared.get_many([key, RENDERING + key])
        if key in found:
            return found[key], False
        if RENDERING + key not in found:
            break  # done, with nothing to share (a 404, an error): render it here as well
    return None, False  # or slow: render it here as well


def _key(request: HttpRequest, reader: str) -> str:
    htmx = bool(getattr(request, "htmx", False))
    # An htmx swap gets a fragment, a history restore (htmx as well) the whole page.
    form = f"{int(htmx)}{int(htmx and wants_fragment(request))}"
    watched = spoilers.for_request(request).key  # pages collapse spoilers per reader
    version = version_for(request)
    return f"pagecache:{version}:{form}:{watched}:{reader}:{request.get_full_path()}"


def version_for(request: HttpRequest) -> int:
    """The content version, read once per request: a page's key, the key of the page all fans
    share and what the view caches on its own all agree."""
    version = getattr(request, "pagecache_version", None)
    if version is None:
        version = request.pagecache_version = content_version()
    return version


def for_readers(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Cache the view's pages for readers without an account."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated or not _cacheable(request):
            return view(request, *args, **kwargs)
        key = _key(request, "anonymous")
        share = settings.PAGE_SHARE_SECONDS > 0
        return _serve(request, key, view, *args, share=share, **kwargs)

    return wrapper


def _fan_digest(user: Any) -> str:
    return fragments.digest(fragments.row(user))


def for_everyone(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Cache the view's pages for readers without an account, and for each signed-in fan.

    Only for views whose pages hold nothing per fan but their account row, their votes on
    theory cards (theories/cards.py), the content, and CSRF tokens (see the module
    docstring)."""
    readers = for_readers(view)

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return readers(request, *args, **kwargs)
        request.renders_csrf_mark = True  # see context_processors.fan_marks
        if _cacheable(request) and not request.session.get("_messages"):
            reader = f"fan-{user.pk}-{_fan_digest(user)}"
            response = _serve(
                request, _key(request, reader), _from_fans_page, view, *args, **kwargs
            )
        else:
            response = view(request, *args, **kwargs)
        return fill_csrf(request, response)

    return wrapper


def _from_fans_page(
    request: HttpRequest, view: Callable[..., HttpResponse], *args: Any, **kwargs: Any
) -> HttpResponse:
    """A fan's first view of a page at this version: made from the page all fans share (same
    content, episode watched and spoiler setting), rendered once with marks where each fan's
    own parts go: the account menu and the cards, one per vote they may have cast. Filling
    those in costs one query (their votes) and a small template, where rendering the page
    for them costs the page's own queries and templates: a burst of fans opening the list
    after a change mostly fills in."""
    from theories import cards  # the cards build on this module

    user = request.user
    pages = caches["pages"]
    key = _key(request, f"fans-{user.spoiler_preference}")
    shared = pages.get(key)
    if shared is None:
        request.fan_cards, request.renders_account_mark = [], True
        request.fan_cards_shareable = True  # cards.attach: not once the fan's own theory shows
        try:
            response = view(request, *args, **kwargs)
        finally:
            slots, shareable = request.fan_cards, request.fan_cards_shareable
            request.fan_cards, request.renders_account_mark = None, False
        if response.streaming:
            return response  # none of these views streams; nothing to fill in or keep
        body = response.content.decode(response.charset)
        pieces = cards.FAN_CARD_MARK.split(body.replace(str(get_nonce(request)), NONCE_MARK))
        if not shareable or response.status_code != 200 or response.cookies:
            # Rendered for this fan: any marks left are cards of theories not theirs.
            response.content = _own_parts(request, cards.fill_fan_cards(pieces, slots, user))
            return response
        shared = (response["Content-Type"], response.get("Vary", ""), pieces, slots)
        pages.set(key, shared, timeout=settings.PAGE_CACHE_SECONDS)
    content_type, vary, pieces, slots = shared
    body = cards.fill_fan_cards(pieces, slots, user)
    if body is None:  # one of the cards is the fan's own theory
        return view(request, *args, **kwargs)
    response = HttpResponse(_own_parts(request, body), content_type=content_type)
    if vary:
        response["Vary"] = vary
    return response


def _own_parts(request: HttpRequest, body: str) -> str:
    """The shared page with this fan's account menu and this response's nonce."""
    if ACCOUNT_MARK in body:
        menu = render_to_string(
            "account_menu.html", {"user": request.user, "csrf_token": CSRF_MARK}
        )
        body = body.replace(ACCOUNT_MARK, menu)
    return body.replace(NONCE_MARK, str(get_nonce(request)))


def fill_csrf(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Put this visit's CSRF token where the page holds CSRF_MARK."""
    mark = CSRF_MARK.encode()
    if mark in response.content:
        response.content = response.content.replace(mark, get_token(request).encode())
    return response


def fill_presented_csrf(request: HttpRequest, html: str) -> str:
    """For the answer to a POST that the CSRF check accepted: put the masked token it presented
    where `html` holds CSRF_MARK. The fan's page holds that token already, so the answer shows
    nothing new; masking a fresh one, and the Set-Cookie Django then sends, were a tenth of a
    vote's CPU. An unmasked secret (which Django also accepts) is never written into a page."""
    token = request.POST.get("csrfmiddlewaretoken", "") or request.META.get(
        settings.CSRF_HEADER_NAME, ""
    )
    if len(token) != CSRF_TOKEN_LENGTH or not token.isascii() or not token.isalnum():
        token = get_token(request)
    return html.replace(CSRF_MARK, token)


# Saved alone, these show on no page: signing in saves the account's last_login, and would
# otherwise make every cached page stale. (A fan's own pages are keyed by their whole row.)
_UNSHOWN_FIELDS = {"last_login"}


def _on_change(sender: type, **kwargs: Any) -> None:
    meta = sender._meta
    if sender.__module__ == "__fake__":
        return  # a migration's model: the version's own table may not be there yet
    update_fields = kwargs.get("update_fields")
    if update_fields and update_fields <= _UNSHOWN_FIELDS:
        return
    if meta.app_label in _CONTENT_APPS and meta.model_name not in _IGNORED:
        changed()


post_save.connect(_on_change, dispatch_uid="pagecache-save")
post_delete.connect(_on_change, dispatch_uid="pagecache-delete")
m2m_changed.connect(_on_change, dispatch_uid="pagecache-m2m")
