from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from accounts import limits
from aouad_site import pagecache
from aouad_site.htmx import HtmxHttpRequest
from theories.models import Theory
from theories.views.detail import render_theory
from verdicts import scoring
from verdicts.forms import EstimateForm
from verdicts.services import EstimateRefused, set_estimate


@login_required
@require_POST
def theory_estimate(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    theory = get_object_or_404(
        Theory.objects.published().select_related("author", "decided_by", "episode"), pk=pk
    )
    form = EstimateForm(request.POST)
    if limits.refuse(request.user, "estimate", form):
        return render_theory(request, theory, part="predictions", form=form, status=429)
    if not form.is_valid():
        return render_theory(
            request, theory, part="predictions", form=form, status=200 if request.htmx else 400
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
            request, theory, part="predictions", form=form, status=200 if request.htmx else 409
        )
    limits.count(request.user, "estimate")
    if request.htmx:
        return render_theory(request, theory, part="predictions", form=EstimateForm())
    messages.success(
        request, _("Your estimate is withdrawn.") if withdraw else _("Your estimate is saved.")
    )
    return redirect(f"{theory.get_absolute_url()}#predictions")


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
