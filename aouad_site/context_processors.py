from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from aouad_site import pagecache


def site(request: HttpRequest) -> dict[str, Any]:
    context: dict[str, Any] = {"site_name": settings.SITE_NAME}
    if getattr(request, "renders_csrf_mark", False):
        # A page cached for a fan holds the mark; each response gets its own token.
        context["csrf_token"] = pagecache.CSRF_MARK
    return context
