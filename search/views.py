from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from aouad_site import pagecache
from aouad_site.htmx import HtmxHttpRequest, wants_fragment
from characters.models import Character
from search import index
from search.forms import SearchForm


@require_safe
@vary_on_headers("HX-Request")
@pagecache.for_readers
def search_page(request: HtmxHttpRequest) -> HttpResponse:
    characters = list(Character.objects.only("name", "hangul_name", "slug").order_by("name"))
    form = SearchForm(request.GET or None, characters=characters)
    results: list[index.Result] = []
    query = ""
    if form.is_valid():
        query = form.cleaned_data["q"]
        results = index.search(
            query, kind=form.cleaned_data["kind"], character=form.cleaned_data["character"]
        )
    template = "search/search.html"
    if wants_fragment(request):
        template += "#results"
    return render(request, template, {"form": form, "results": results, "query": query})
