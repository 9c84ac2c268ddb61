from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from aouad_site import pagecache


def site(request: HttpRequest) -> dict[str, Any]:
    return {"site_name": settings.SITE_NAME}


def fan_marks(request: HttpRequest) -> dict[str, Any]:
    """On pages cached for a fan, the mark replaces Django's `csrf_token` (this processor runs
    after the built-in one); pagecache.fill_csrf gives each response its own token. On pages
    shared by all fans, another mark stands for the account menu (pagecache.for_everyone)."""
    marks: dict[str, Any] = {}
    if getattr(request, "renders_csrf_mark", False):
        marks["csrf_token"] = pagecache.CSRF_MARK
    if getattr(request, "renders_account_mark", False):
        marks["account_mark"] = pagecache.ACCOUNT_MARK
    return marks
