"""The theory list: sorted, filtered and paged by keyset."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from aouad_site import cursors, pagecache
from aouad_site.htmx import HtmxHttpRequest, wants_fragment
from characters.models import Character
from episodes import spoilers
from theories import cards
from theories.choices import SORT_KEYS, Outcome, Period, Sort
from theories.models import Theory, TheoryQuerySet

# `?status=`: what season 2 made of the theories shown.
OUTCOME_FILTERS = {
    "open": pgettext_lazy("theory outcome", "Open"),
    "resolved": _("Any verdict"),
    **{value: label for value, label in Outcome.choices if value != Outcome.OPEN},
}


# How each sort's cursor value reads back: a date, a whole score, or a float rank.
CURSOR_PARSERS = {Sort.NEW: datetime.fromisoformat, Sort.TOP: int}


def _parse_cursor(sort: str, cursor: str) -> tuple[Any, int] | None:
    return cursors.decode(cursor, CURSOR_PARSERS.get(Sort(sort), float))


def _ranked_page(
    *,
    sort: str,
    period: str,
    character: Character | None,
    outcome: str,
    language: str,
    cursor: tuple[Any, int] | None,
    watched: spoilers.Watched,
) -> tuple[list[Theory], bool]:
    """One page of the list and whether more follow."""
    theories: TheoryQuerySet = (
        Theory.objects.published()
        .about(character.slug if character else None)
        .with_outcome(outcome or None)
        .written_in(language or None)
        .within(period)
        .ranked(sort)
        .for_cards()
    )
    if outcome not in ("", "open"):
        # Listing a theory under its verdict would tell a reader who has not seen the episode.
        theories = theories.exclude(watched.later_q("decided_by"))
    if cursor is not None:
        theories = theories.after(sort, *cursor)
    page_size = settings.THEORIES_PER_PAGE
    page = list(theories[: page_size + 1])
    return page[:page_size], len(page) > page_size


@require_safe
@vary_on_headers("HX-Request")
@pagecache.for_readers
def theory_list(request: HtmxHttpRequest) -> HttpResponse:
    sort = request.GET.get("sort", Sort.HOT)
    if sort not in Sort.values:
        sort = Sort.HOT
    period = request.GET.get("t", Period.ALL)
    if sort != Sort.TOP or period not in Period.values:
        period = Period.ALL
    character_slug = request.GET.get("character", "")
    outcome = request.GET.get("status", "")
    if outcome not in OUTCOME_FILTERS:
        outcome = ""
    language = request.GET.get("language", "")
    if language not in dict(settings.LANGUAGES):
        language = ""
    cursor = _parse_cursor(sort, request.GET.get("after", ""))
    characters = list(Character.objects.only("name", "hangul_name", "slug").order_by("name"))
    character = next((c for c in characters if c.slug == character_slug), None)
    page, has_next = _ranked_page(
        sort=sort,
        period=period,
        character=character,
        outcome=outcome,
        language=language,
        cursor=cursor,
        watched=spoilers.for_request(request),
    )
    cards.attach(page, user=request.user)

    base_query = {"sort": sort}
    if sort == Sort.TOP:
        base_query["t"] = period
    if character:
        base_query["character"] = character.slug
    if outcome:
        base_query["status"] = outcome
    if language:
        base_query["language"] = language
    next_url = ""
    if has_next:
        next_url = "?" + urlencode(
            {
                **base_query,
                "after": cursors.encode(getattr(page[-1], SORT_KEYS[Sort(sort)]), page[-1].pk),
            }
        )

    context = {
        "theories": page,
        "sort": sort,
        "period": period,
        "sorts": Sort.choices,
        "periods": Period.choices,
        "characters": characters,
        "character": character,
        "next_url": next_url,
        "is_continuation": cursor is not None,
        "outcome": outcome,
        "outcomes": OUTCOME_FILTERS.items(),
        "language": language,
        "languages": settings.LANGUAGES,
        # Kept on the sort and period links: the filters chosen below them.
        "filter_query": "".join(
            f"&{key}={value}"
            for key, value in base_query.items()
            if key in ("character", "status", "language")
        ),
    }
    template = "theories/list.html"
    if wants_fragment(request) and cursor is not None:
        template += "#page"
    return render(request, template, context)
