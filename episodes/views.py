from __future__ import annotations

from urllib.parse import urlsplit

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from accounts.services import set_watched
from aouad_site.htmx import safe_next
from episodes import spoilers
from episodes.forms import WatchedForm


def _same_origin(request: HttpRequest) -> bool:
    """The browser says this POST comes from one of our own pages (Fetch metadata / Origin)."""
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site in ("same-origin", "none")
    origin = request.headers.get("Origin")
    return origin is not None and urlsplit(origin).netloc == request.get_host()


@csrf_exempt
@require_POST
def watched(request: HttpRequest) -> HttpResponse:
    """Say how far you have watched. Signed-in fans keep it on their account (CSRF-checked as
    usual); anonymous readers keep it in their session. Their cached pages carry no CSRF token,
    so for them the browser's own same-origin headers stand in for it: the only thing such a
    request can change is which spoilers that visitor's own pages collapse."""
    if request.user.is_authenticated:
        rejected = CsrfViewMiddleware(lambda r: HttpResponse()).process_view(request, None, (), {})
        if rejected is not None:
            return rejected
    elif not _same_origin(request):
        return HttpResponseForbidden(_("This form must be sent from this site."))
    form = WatchedForm(request.POST)
    back = safe_next(request, "/")
    if not form.is_valid():
        messages.error(request, _("Choose how far you have watched from the list."))
        return redirect(back)
    choice = form.watched()
    if request.user.is_authenticated:
        set_watched(user=request.user, season=choice.season, episode=choice.episode)
    else:
        request.session[spoilers.SESSION_KEY] = choice.key
    messages.success(request, _("Noted: you have watched %(watched)s.") % {"watched": choice.label})
    return redirect(back)
