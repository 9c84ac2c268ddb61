"""A theory's page, its short address, its history, and reporting it."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_safe
from django.views.decorators.vary import vary_on_headers

from aouad_site import pagecache
from aouad_site.htmx import HtmxHttpRequest, wants_fragment
from moderation.models import REDACTED_TEXT
from moderation.views.reports import report_page
from theories.models import (
    Citation,
    Stance,
    Theory,
)
from theories.signals import theory_page


def readable_theory(request: HtmxHttpRequest, pk: int) -> Theory:
    """The theory if this reader may see it: live ones for all, others for author and staff."""
    theory = get_object_or_404(
        Theory.objects.select_related("author", "decided_by", "episode").with_vote_of(request.user),
        pk=pk,
    )
    user = request.user
    if theory.is_live or user.is_staff:
        return theory
    if user.is_authenticated and theory.author_id == user.pk and theory.deleted_at is None:
        return theory
    raise Http404(gettext("No such theory."))


def render_theory(
    request: HtmxHttpRequest,
    theory: Theory,
    *,
    part: str = "",
    form: Any = None,
    status: int = 200,
) -> HttpResponse:
    """The theory page. A POST to one of its parts (“comments”, “predictions”) shows it again
    with that part's `form`, bound and refused or fresh; for htmx only that part. The parts
    other apps add come from `theory_page`'s receivers, each reading its form from `forms`."""
    citations = list(
        Citation.objects.filter(theory=theory).select_related("quote__source").order_by("pk")
    )
    context = {
        "theory": theory,
        "characters": list(theory.characters.only("name", "hangul_name", "slug", "status")),
        "supporting": [c for c in citations if c.stance == Stance.SUPPORTS],
        "contradicting": [c for c in citations if c.stance == Stance.CONTRADICTS],
        "reveal_spoilers": getattr(request.user, "spoiler_preference", "ask") == "show",
    }
    forms = {part: form} if form is not None else {}
    for _, extra in theory_page.send(sender=Theory, request=request, theory=theory, forms=forms):
        context.update(extra)
    template = "theories/detail.html"
    if request.htmx and part:
        template += f"#{part}"
    elif wants_fragment(request) and "comments_before" in request.GET:
        template += "#comment_page"
    return render(request, template, context, status=status)


@require_safe
@vary_on_headers("HX-Request")
@pagecache.for_readers(carries=lambda pk, **_: [f"theory:{pk}", "characters"])
def theory_detail(request: HtmxHttpRequest, pk: int, slug: str) -> HttpResponse:
    theory = readable_theory(request, pk)
    if slug != theory.slug:
        return redirect(theory, permanent=True)
    return render_theory(request, theory)


# A history page lists this many versions, newest first (each may be 20 000 characters).
REVISIONS_PER_PAGE = 20


@require_safe
def theory_short(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """A theory's address without its slug (shared by hand): to the canonical one."""
    return redirect(readable_theory(request, pk), permanent=True)


@require_safe
def theory_history(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    theory = readable_theory(request, pk)
    page = Paginator(theory.revisions.all(), REVISIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "theories/history.html",
        {"theory": theory, "page": page, "redacted_text": gettext(REDACTED_TEXT)},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def theory_report(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    theory = get_object_or_404(Theory.objects.published(), pk=pk)
    return report_page(request, theory, theory.get_absolute_url())
