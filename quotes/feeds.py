"""The Atom feed of verified quotes."""

from __future__ import annotations

from datetime import datetime

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from quotes.models import Quote

FEED_ITEMS = 30


class QuoteFeed(Feed):
    feed_type = Atom1Feed
    title = _("Verified quotes — AOUAD Fan Community")
    subtitle = _("What the director, writers and cast said, checked against the source.")

    def link(self) -> str:
        return reverse("quote_list")

    def items(self) -> QuerySet[Quote]:
        return (
            Quote.objects.verified()
            .select_related("source")
            .order_by("-verified_at", "-pk")[:FEED_ITEMS]
        )

    def item_title(self, quote: Quote) -> str:
        return quote.heading

    def item_description(self, quote: Quote) -> SafeString:
        # As on the quote's page: the words as text, and the original beside them.
        html = format_html("<p>“{}”</p>", quote.text)
        if quote.original_text:
            html += format_html('<p lang="{}">{}</p>', quote.original_language, quote.original_text)
        return html

    def item_link(self, quote: Quote) -> str:
        return quote.get_absolute_url()

    def item_author_name(self, quote: Quote) -> str:
        return quote.speaker

    def item_pubdate(self, quote: Quote) -> datetime:
        return quote.verified_at or quote.created
