from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from aouad_site.locale import path_in


def translations(request: HttpRequest) -> list[dict[str, str]]:
    """This page in each language: the same address behind each language's prefix (none for
    the default), with the query kept, so it works for every page, a 404 too."""
    pages = []
    for code, name in settings.LANGUAGES:
        url = path_in(request.get_full_path(), code)
        absolute = request.build_absolute_uri(url)
        pages.append({"code": code, "name": name, "url": url, "absolute": absolute})
    return pages


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "site_name": settings.SITE_NAME,
        "release": settings.RELEASE,
        "translations": SimpleLazyObject(lambda: translations(request)),
    }
