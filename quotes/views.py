"""The quote library: the list, a quote's page, suggesting one, reporting one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe
from django.views.decorators.vary import vary_on_headers

from accounts import limits
from aouad_site import pagecache
from aouad_site.htmx import HtmxHttpRequest, wants_fragment
from characters.models import Character
from moderation.models import ContentStatus
from moderation.views.reports import report_page
from quotes.forms import QuoteFilterForm, QuoteSuggestForm
from quotes.models import Quote, Stance
from quotes.services import suggest_quote


@require_safe
@vary_on_headers("HX-Request")
@pagecache.for_readers
def quote_list(request: HtmxHttpRequest) -> HttpResponse:
    characters = list(Character.objects.only("name", "hangul_name", "slug").order_by("name"))
    speakers = list(
        Quote.objects.published().order_by("speaker").values_list("speaker", flat=True).distinct()
    )
    filters = QuoteFilterForm(request.GET or None, speakers=speakers, characters=characters)
    speaker = character = ""
    if filters.is_valid():
        speaker = filters.cleaned_data["speaker"]
        character = filters.cleaned_data["character"]
    quotes = Quote.objects.published().by_speaker(speaker).concerning(character).for_list()
    page = Paginator(quotes, 30).get_page(request.GET.get("page"))
    query = urlencode({k: v for k, v in (("speaker", speaker), ("character", character)) if v})
    template = "quotes/list.html"
    if wants_fragment(request):
        template += "#results"
    return render(
        request,
        template,
        {"filters": filters, "page": page, "query": query, "filtered": bool(speaker or character)},
    )


@require_safe
@pagecache.for_readers(carries=lambda pk: [f"quote:{pk}"])
def quote_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    quote = get_object_or_404(
        Quote.objects.visible_to(request.user).select_related("source"), pk=pk
    )
    citations = list(
        # The theories citing it (theories.Citation, a reverse relation: theories sit above).
        quote.citations.filter(theory__status="published", theory__deleted_at__isnull=True)
        .select_related("theory__author", "theory__episode")
        .order_by("-theory__score", "-theory__pk")
    )
    return render(
        request,
        "quotes/detail.html",
        {
            "quote": quote,
            "characters": list(quote.characters.only("name", "hangul_name", "slug")),
            "supporting": [c for c in citations if c.stance == Stance.SUPPORTS],
            "contradicting": [c for c in citations if c.stance == Stance.CONTRADICTS],
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def quote_create(request: HtmxHttpRequest) -> HttpResponse:
    form = QuoteSuggestForm(request.POST or None)
    if request.method == "POST" and limits.refuse(request.user, "quote", form):
        return render(request, "quotes/form.html", {"form": form}, status=429)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        quote = suggest_quote(
            user=request.user,
            text=data["text"],
            speaker=data["speaker"],
            original_text=data["original_text"],
            characters=list(data["characters"]),
            outlet=data["outlet"],
            title=data["title"],
            url=data["url"],
            published_on=data["published_on"],
            language=data["language"],
        )
        limits.count(request.user, "quote")
        if quote.status == ContentStatus.PENDING:
            messages.info(
                request,
                _("Thank you! The quote waits for a moderator before it appears in the library."),
            )
        else:
            messages.success(
                request,
                _(
                    "Thank you! The quote is saved. It shows as unverified until a moderator "
                    "checks it."
                ),
            )
        return redirect(quote)
    return render(request, "quotes/form.html", {"form": form})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def quote_report(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    quote = get_object_or_404(Quote.objects.published(), pk=pk)
    return report_page(request, quote, quote.get_absolute_url())
