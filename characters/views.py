from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from aouad_site import pagecache
from aouad_site.htmx import HtmxHttpRequest, wants_fragment
from characters.models import STATUS_EXPLANATIONS, Character, Relationship, Status

TOP_THEORIES = 5


@require_safe
@vary_on_headers("HX-Request")
@pagecache.for_readers
def board(request: HtmxHttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    if status not in Status.values:
        status = ""
    counts = Character.objects.status_counts()
    context = {
        "characters": Character.objects.for_board().with_status(status),
        "statuses": [
            {
                "value": s.value,
                "label": s.label,
                "explanation": STATUS_EXPLANATIONS[s],
                "count": counts[s],
            }
            for s in Status
        ],
        "current_status": status,
        "current_label": Status(status).label if status else "",
    }
    template = "characters/board.html"
    if wants_fragment(request):
        template += "#board"
    return render(request, template, context)


@require_safe
@pagecache.for_readers
def detail(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    character = get_object_or_404(Character, slug=slug)
    relationships = [r.seen_from(character) for r in Relationship.objects.involving(character)]
    quotes = character.quotes.verified().select_related("source").order_by("-created", "-pk")
    top_theories = (
        character.theories.published()
        .ranked("top")
        .select_related("author", "episode")[:TOP_THEORIES]
    )
    return render(
        request,
        "characters/detail.html",
        {
            "character": character,
            "relationships": relationships,
            "quotes": list(quotes),
            "top_theories": list(top_theories),
        },
    )
