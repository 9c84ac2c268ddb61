"""Theory cards rendered once per state and reused: the list's main cost is template work.

A card's body (everything but the vote widget, which depends on the reader's own vote) is a
function of the theory's row, its characters and two reader settings. The cache key is a
digest of exactly those inputs, so any change to them is a new key — nothing is ever stale
except the “3 days ago”, which may lag by the cache lifetime.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from theories.models import Theory
from verdicts.spoilers import Watched

TEMPLATE = "theories/card_main.html"
# A new deployment with a changed card template must not reuse the old markup.
_TEMPLATE_STAMP = hashlib.sha256(
    (Path(settings.BASE_DIR) / "templates" / TEMPLATE).read_bytes()
).hexdigest()[:12]


def _episode(episode: object) -> str:
    return f"{episode.season}-{episode.number}" if episode is not None else ""


def _key(theory: Theory, *, level: int, watched: Watched, spoiler_preference: str) -> str:
    inputs = (
        _TEMPLATE_STAMP,
        theory.pk,
        theory.title,
        theory.spoiler,
        theory.outcome,
        _episode(theory.episode),
        _episode(theory.decided_by),
        bool(getattr(theory, "has_source", None)),
        theory.author.username,
        theory.created.isoformat(),
        tuple(theory.card_characters),
        level,
        watched.key,
        spoiler_preference,
    )
    return "card:" + hashlib.sha256(repr(inputs).encode()).hexdigest()


def attach_bodies(
    theories: Sequence[Theory], *, user: object, watched: Watched, level: int = 2
) -> None:
    """Set `card_html` on each theory: from the cache (one round trip), or rendered now.

    One query for the characters of all of them (cheaper than prefetching model instances)."""
    people: dict[int, list[tuple[str, str]]] = {theory.pk: [] for theory in theories}
    links = Theory.characters.through.objects.filter(theory_id__in=list(people))
    for theory_id, slug, name in links.order_by("character__name").values_list(
        "theory_id", "character__slug", "character__name"
    ):
        people[theory_id].append((slug, name))
    for theory in theories:
        theory.card_characters = people[theory.pk]
    preference = getattr(user, "spoiler_preference", "ask")
    keys = {
        theory.pk: _key(theory, level=level, watched=watched, spoiler_preference=preference)
        for theory in theories
    }
    found = caches["pages"].get_many(list(keys.values()))
    fresh = {}
    for theory in theories:
        key = keys[theory.pk]
        html = found.get(key)
        if html is None:
            context = {"theory": theory, "level": level, "watched": watched, "user": user}
            html = fresh[key] = render_to_string(TEMPLATE, context)
        theory.card_html = mark_safe(html)  # noqa: S308 - our own template output, already escaped
    if fresh:
        caches["pages"].set_many(fresh, timeout=settings.PAGE_CACHE_SECONDS or 600)
