"""The language comes from the address alone (English at /…, Korean at /ko/…), the time zone
from the language or a signed-in fan's own choice."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation


def site_path(path: str) -> str:
    """An address as the default language has it: "/ko/theories/?sort=new" → "/theories/?sort=new".
    Addresses are kept this way (notifications, the search index) and shown with `path_in`."""
    language = translation.get_language_from_path(path)
    if not language or language == settings.LANGUAGE_CODE:
        return path
    return path.removeprefix(f"/{language}") or "/"


def path_in(path: str, language: str) -> str:
    """The same address in `language`: the default language has no prefix, the others theirs
    (the same page for every address, a 404's too, as i18n_patterns serves them)."""
    path = site_path(path)
    return path if language == settings.LANGUAGE_CODE else f"/{language}{path}"


class LanguageFromPath:
    """Django's LocaleMiddleware without its `Vary: Accept-Language` on every unprefixed page:
    with `prefix_default_language=False` the path decides alone, so a proxy keeps one copy of
    each page instead of one per browser language."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        # Per request, not left behind for whatever this thread serves next.
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class ReadersTimeZone:
    """After authentication: a fan's chosen zone, else the zone of the page's language. A fan's
    language is remembered from the pages they read, for their e-mails and their next sign-in."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = translation.get_language()
        user = request.user
        signed_in = user.is_authenticated
        zone = getattr(user, "time_zone", "") if signed_in else ""
        timezone.activate(zone or settings.LANGUAGE_TIME_ZONES[language])
        response = self.get_response(request)
        if (
            signed_in
            and user.language != language
            and request.method == "GET"
            and response.status_code == 200
            and not getattr(request, "htmx", False)
        ):
            get_user_model().objects.filter(pk=user.pk).update(language=language)
        timezone.deactivate()
        return response
