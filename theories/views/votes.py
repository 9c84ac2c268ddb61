"""Voting on a theory."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from aouad_site.htmx import HtmxHttpRequest, safe_next
from theories.models import (
    Theory,
)
from theories.services import (
    DailyLimitReached,
    NotOpenForVotes,
    VoteRefused,
    cast_vote,
)


def _votes_limited(request: HtmxHttpRequest, text: str) -> HttpResponse:
    if request.htmx:
        return HttpResponse(text, status=429, content_type="text/plain; charset=utf-8")
    back = safe_next(request, reverse("theory_list"))
    return render(request, "theories/limited.html", {"text": text, "back": back}, status=429)


@require_POST
def theory_vote(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        theory = get_object_or_404(Theory.objects.published(), pk=pk)
        back = safe_next(request, theory.get_absolute_url())
        login = f"{reverse('login')}?{urlencode({'next': back})}"
        return HttpResponseClientRedirect(login) if request.htmx else redirect(login)
    try:
        value = int(request.POST.get("value", ""))
    except ValueError:
        value = 0
    if value not in (1, -1):
        return HttpResponseBadRequest(
            _("A vote's value must be 1 or -1."), content_type="text/plain; charset=utf-8"
        )
    # The theory is read once, locked, inside cast_vote: a vote is the hottest write path.
    try:
        result = cast_vote(user=request.user, theory_id=pk, value=value, within_daily_limit=True)
    except (Theory.DoesNotExist, NotOpenForVotes):
        raise Http404(_("No such theory.")) from None
    except DailyLimitReached as limited:
        return _votes_limited(request, str(limited))
    except VoteRefused as refusal:
        if request.htmx:
            return HttpResponse(str(refusal), status=403, content_type="text/plain; charset=utf-8")
        messages.error(request, str(refusal))
        return redirect(safe_next(request, refusal.theory.get_absolute_url()))
    back = safe_next(request) or result.theory.get_absolute_url()
    if request.htmx:
        theory = result.theory
        theory.my_vote = result.my_vote
        return render(request, "theories/vote.html", {"theory": theory, "next": back})
    return redirect(back)
