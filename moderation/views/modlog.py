"""The public moderation log."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from aouad_site import pagecache
from aouad_site.htmx import HtmxHttpRequest
from moderation.models import PUBLIC_ACTIONS, ModerationAction


@require_safe
@pagecache.for_readers
def modlog(request: HtmxHttpRequest) -> HttpResponse:
    actions = (
        ModerationAction.objects.filter(kind__in=PUBLIC_ACTIONS)
        .select_related("target_type", "moderator")
        .order_by("-created", "-pk")
    )
    page = Paginator(actions, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "moderation/modlog.html",
        {"page": page, "show_moderators": settings.MODLOG_SHOWS_MODERATORS},
    )
