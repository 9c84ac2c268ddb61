"""Atom feeds: new theories (all, or about one character) and verified quotes.

An entry's summary is HTML that feed readers render: it is either Markdown through the pages'
sanitiser (aouad_site/markdown.py) or text escaped into a fixed template, never raw text.
"""

from __future__ import annotations

from datetime import datetime

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from aouad_site.markdown import render_markdown
from characters.models import Character
from quotes.feeds import FEED_ITEMS  # one length for every feed
from theories.models import Theory


class TheoryFeed(Feed):
    feed_type = Atom1Feed
    title = _("New theories — AOUAD Fan Community")
    subtitle = _("Season 2 theories for All of Us Are Dead, newest first.")

    def link(self) -> str:
        return reverse("theory_list") + "?sort=new"

    def items(self) -> QuerySet[Theory]:
        return (
            Theory.objects.published()
            .select_related("author", "episode")
            .order_by("-created", "-pk")[:FEED_ITEMS]
        )

    def item_title(self, theory: Theory) -> str:
        return theory.public_title

    def item_description(self, theory: Theory) -> str:
        if theory.public_title != theory.title:
            return format_html(
                "<p>{}</p>",
                gettext("This theory discusses %(episode)s: open it on the site to read it.")
                % {"episode": theory.episode.code},
            )
        if theory.spoiler:
            return format_html(
                "<p>{}</p>",
                gettext("This theory contains spoilers: open it on the site to read it."),
            )
        return render_markdown(theory.body)

    def item_link(self, theory: Theory) -> str:
        return theory.get_absolute_url()

    def item_author_name(self, theory: Theory) -> str:
        return theory.author.shown_name

    def item_pubdate(self, theory: Theory) -> datetime:
        return theory.created

    def item_updateddate(self, theory: Theory) -> datetime:
        return theory.edited_at or theory.created


class CharacterTheoryFeed(TheoryFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Character:  # type: ignore[override]
        return get_object_or_404(Character, slug=slug)

    def title(self, character: Character) -> str:  # type: ignore[override]
        return gettext("Theories about %(name)s — AOUAD Fan Community") % {"name": character.name}

    def subtitle(self, character: Character) -> str:  # type: ignore[override]
        return gettext("New season 2 theories that concern %(name)s.") % {"name": character.name}

    def link(self, character: Character) -> str:  # type: ignore[override]
        return reverse("theory_list") + f"?sort=new&character={character.slug}"

    def items(self, character: Character) -> QuerySet[Theory]:  # type: ignore[override]
        return (
            Theory.objects.published()
            .filter(characters=character)
            .select_related("author", "episode")
            .order_by("-created", "-pk")[:FEED_ITEMS]
        )
