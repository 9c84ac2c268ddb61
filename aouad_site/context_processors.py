from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from aouad_site import pagecache


def site(request: HttpRequest) -> dict[str, Any]:
    return {"site_name": settings.SITE_NAME}


def csrf_mark(request: HttpRequest) -> dict[str, Any]:
    """On pages cached for a fan, the mark replaces Django's `csrf_token` (this processor runs
    after the built-in one); pagecache.fill_csrf gives each response its own token."""
    if getattr(request, "renders_csrf_mark", False):
        return {"csrf_token": pagecache.CSRF_MARK}
    return {}
