"""Site-wide pages: home, health check and the error pages."""

from __future__ import annotations

import logging
import secrets
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from time import monotonic

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseServerError,
    JsonResponse,
)
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.static import serve

from aouad_site import task_queue
from aouad_site.metrics import exposition, may_scrape
from aouad_site.monitoring import request_id

logger = logging.getLogger(__name__)


# One thread asks the database; a frozen one (the kernel still answering for it) holds that
# thread, and later checks time out behind it instead of piling up threads.
_probe = ThreadPoolExecutor(max_workers=1, thread_name_prefix="healthz")
DATABASE_DEADLINE_SECONDS = 1.0
# The task queue is read beside the database check, in a thread of its own, and only reported.
_tasks_probe = ThreadPoolExecutor(max_workers=1, thread_name_prefix="healthz-tasks")
TASKS_DEADLINE_SECONDS = 0.5


def _database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    finally:
        connection.close()  # this thread serves no request that would recycle it


def _task_queue() -> task_queue.Depth:
    try:
        return task_queue.depth()
    finally:
        connection.close()


def _tasks_state(
    pending: Future[task_queue.Depth] | None, started: float
) -> task_queue.Depth | str:
    if pending is None:
        return "inline"
    try:
        return pending.result(max(0.0, started + TASKS_DEADLINE_SECONDS - monotonic()))
    except (FutureTimeout, DatabaseError):
        return "unknown"


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """Each dependency apart, each within a deadline: the site serves without its cache (every
    cache error is a miss), not without its database. The task queue is informational: mail
    waits while it is stuck, pages do not."""
    started = monotonic()
    pending_tasks = _tasks_probe.submit(_task_queue) if task_queue.is_queued() else None
    try:
        database = (
            "up" if _probe.submit(_database_answers).result(DATABASE_DEADLINE_SECONDS) else "down"
        )
    except FutureTimeout:
        database = "down"
        logger.error(
            "Health check: the database did not answer within %ss", DATABASE_DEADLINE_SECONDS
        )
    except DatabaseError as error:
        database = "down"
        logger.error("Health check: the database did not answer: %s", error)
    probe = secrets.token_hex(4)
    cache.set("healthz", probe, timeout=10)
    state = {
        "database": database,
        "cache": "up" if cache.get("healthz") == probe else "down",
        "tasks": _tasks_state(pending_tasks, started),
    }
    if database == "up":
        return JsonResponse({"status": "ok", **state})
    return JsonResponse({"status": "unavailable", **state}, status=503)


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    # Browsers ask for /favicon.ico on pages (like the admin's) that do not link our icon.
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


ROBOTS = "\n".join(
    [
        "User-agent: *",
        # Pages that are per fan, or only forms: nothing there for a search engine.
        *(
            f"Disallow: {prefix}/{path}/"
            for prefix in [
                "",
                *(f"/{c}" for c, _ in settings.LANGUAGES if c != settings.LANGUAGE_CODE),
            ]
            for path in ("admin", "accounts", "notifications", "watched")
        ),
        "",
    ]
)


@require_safe
def robots(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(ROBOTS, content_type="text/plain; charset=utf-8")
    patch_cache_control(response, public=True, max_age=86400)
    return response


@never_cache
@require_safe
def metrics(request: HttpRequest) -> HttpResponse:
    """Prometheus's scrape: for the operator's addresses or token only; to anyone else the
    page does not exist."""
    if not may_scrape(request):
        raise Http404
    body, content_type = exposition()
    return HttpResponse(body, content_type=content_type)


def server_error(request: HttpRequest) -> HttpResponse:
    # Like Django's own, rendered without the request (whatever broke may be in there), plus
    # the reference that finds the traceback in the log.
    return HttpResponseServerError(
        render_to_string("500.html", {"request_id": request_id(request)})
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    # Django's default renders without the request, so the page would lose the
    # layout's nonce-bearing scripts and the signed-in header.
    return render(request, "403_csrf.html", status=403)


@require_safe
def media(request: HttpRequest, path: str) -> HttpResponse:
    # Django's static serve guards against path traversal; stored names are random and
    # never reused, so browsers may keep them for a year.
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    patch_cache_control(response, public=True, max_age=31536000, immutable=True)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def bench_minimal(request: HttpRequest) -> HttpResponse:
    """The benchmark's yardstick: the least a Django view can do behind our middleware."""
    return HttpResponse("ok", content_type="text/plain")


# Admin addresses of models that moved to other apps when theories/ was split by concern:
# bookmarks and links in old messages keep working.
MOVED_ADMIN_MODELS = {
    "theories/source": "quotes/source",
    "theories/quote": "quotes/quote",
    "theories/comment": "discussion/comment",
    "theories/report": "safety/report",
    "theories/moderationaction": "safety/moderationaction",
    "verdicts/episode": "episodes/episode",
}


@require_safe
def moved_admin_model(request: HttpRequest, model: str, rest: str) -> HttpResponse:
    target = f"{reverse('admin:index')}{MOVED_ADMIN_MODELS[model]}/{rest}"
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(f"{target}?{query}" if query else target)
