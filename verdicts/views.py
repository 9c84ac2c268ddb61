from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from accounts import limits
from accounts.services import set_watched
from aouad_site import pagecache
from aouad_site.htmx import HtmxHttpRequest, safe_next
from theories.models import Theory
from theories.views import render_theory
from verdicts import scoring, spoilers
from verdicts.forms import EstimateForm, WatchedForm
from verdicts.services import EstimateRefused, set_estimate


@login_required
@require_POST
def theory_estimate(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    theory = get_object_or_404(
        Theory.objects.published().select_related("author", "decided_by", "episode"), pk=pk
    )
    form = EstimateForm(request.POST)
    if limits.refuse(request.user, "estimate", form):
        return render_theory(request, theory, estimate_form=form, status=429)
    if not form.is_valid():
        return render_theory(
            request, theory, estimate_form=form, status=200 if request.htmx else 400
        )
    withdraw = form.cleaned_data["withdraw"]
    try:
        set_estimate(
            user=request.user,
            theory=theory,
            probability=None if withdraw else form.cleaned_data["probability"],
        )
    except EstimateRefused as refusal:
        form.add_error(None, str(refusal))
        return render_theory(
            request, theory, estimate_form=form, status=200 if request.htmx else 409
        )
    limits.count(request.user, "estimate")
    if request.htmx:
        return render_theory(request, theory, estimate_form=EstimateForm())
    messages.success(
        request, "Your estimate is withdrawn." if withdraw else "Your estimate is saved."
    )
    return redirect(f"{theory.get_absolute_url()}#predictions")


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
        return HttpResponseForbidden("This form must be sent from this site.")
    form = WatchedForm(request.POST)
    back = safe_next(request, "/")
    if not form.is_valid():
        messages.error(request, "Choose how far you have watched from the list.")
        return redirect(back)
    choice = form.watched()
    if request.user.is_authenticated:
        set_watched(user=request.user, season=choice.season, episode=choice.episode)
    else:
        request.session[spoilers.SESSION_KEY] = choice.key
    messages.success(request, f"Noted: you have watched {choice.label}.")
    return redirect(back)


@require_safe
@pagecache.for_readers
def leaderboard(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "verdicts/leaderboard.html",
        {
            "standings": scoring.leaderboard(),
            "minimum": settings.LEADERBOARD_MIN_PREDICTIONS,
        },
    )
