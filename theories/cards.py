"""Theory cards rendered once per state and reused: the lists' main cost is template work.

A card is the vote widget beside the card's body. The body (title, author, tags, characters)
is a function of the theory's row, its characters and two reader settings; the vote widget
adds the score, the reader's own vote, whether the theory is theirs, and the page to come back
to. Both are cached under a digest of exactly those inputs, so any change to them is a new key:
nothing is ever stale except the “3 days ago”, which may lag by the cache lifetime. Thousands
of fans share the bodies, and fans who voted alike share whole cards.

The widget's CSRF token is the one input that differs per visit: a cached card holds
pagecache.CSRF_MARK in its place, and pagecache.fill_csrf puts the visit's token there.

A vote is answered with the widget alone (`vote_widget`), cached the same way with one more
mark, for the score: every vote changes the score, so keyed by it the widget would never be
found again, and rendering it was a fifth of a vote's cost.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from typing import NamedTuple

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from accounts.models import User
from aouad_site import fragments, pagecache
from theories.models import Theory, Vote
from verdicts import spoilers
from verdicts.spoilers import Watched

BODY_TEMPLATE = "theories/card_main.html"
CARD_TEMPLATE = "theories/card.html"
WIDGET_TEMPLATE = "theories/vote.html"
# A new deployment with changed card templates must not reuse the old markup.
_TEMPLATE_STAMP = fragments.template_stamp(BODY_TEMPLATE, CARD_TEMPLATE, WIDGET_TEMPLATE)
# Where a cached vote widget shows the score (escaped text can never contain it).
SCORE_MARK = mark_safe("<vote-score>")


def _episode(episode: object) -> str:
    return f"{episode.season}-{episode.number}" if episode is not None else ""


def _digest(*inputs: object) -> str:
    return fragments.digest(_TEMPLATE_STAMP, *inputs)


def _body_key(theory: Theory, *, level: int, watched: Watched, spoiler_preference: str) -> str:
    return "card-body:" + _digest(
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


def _card_key(theory: Theory, body_key: str, *, user: object, back: str) -> str:
    signed_in = getattr(user, "is_authenticated", False)
    return "card:" + _digest(
        body_key,
        theory.slug,
        theory.score,
        getattr(theory, "my_vote", 0),
        signed_in,
        signed_in and theory.author_id == user.pk,
        back,
    )


def add_characters(theories: Sequence[Theory]) -> None:
    """Set `card_characters`, (slug, name) pairs, on each theory that has none yet: one query
    for all of them (cheaper than prefetching model instances)."""
    people: dict[int, list[tuple[str, str]]] = {
        theory.pk: [] for theory in theories if not hasattr(theory, "card_characters")
    }
    if not people:
        return
    links = Theory.characters.through.objects.filter(theory_id__in=list(people))
    for theory_id, slug, name in links.order_by("character__name").values_list(
        "theory_id", "character__slug", "character__name"
    ):
        people[theory_id].append((slug, name))
    for theory in theories:
        if theory.pk in people:
            theory.card_characters = people[theory.pk]


def my_votes(user: User, theory_ids: Sequence[int]) -> dict[int, int]:
    """The fan's votes on these theories, by theory id (none voted: not in it).

    Written out: a fan's first view of a shared page is little else, and the ORM spent
    longer building this statement (a fifth of that view's CPU) than running it."""
    if not theory_ids:
        return {}
    places = ", ".join(["%s"] * len(theory_ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT theory_id, value FROM {Vote._meta.db_table}"  # noqa: S608 - no user text
            f" WHERE user_id = %s AND theory_id IN ({places})",
            [user.pk, *theory_ids],
        )
        return dict(cursor.fetchall())


def attach(
    theories: Sequence[Theory], *, request: HttpRequest, watched: Watched, level: int = 2
) -> None:
    """Set `card_html` on each theory: the whole card, from the cache or rendered now.

    At most one query for the characters (none if the theories carry them already), one for
    the reader's own votes, and two cache round trips (cards, then the bodies of the cards
    not found).

    On a page rendered for every fan at once (pagecache.for_everyone), a card is a mark
    instead, and the card for each vote the fan may have cast goes into `request.fan_cards`:
    no query for the reader's votes, three renderings per card instead (from the cache but the
    first time). A page showing the reader's own theory cannot be shared: from then on its
    cards are the reader's own."""
    add_characters(theories)
    user = request.user
    slots = getattr(request, "fan_cards", None)
    if slots is not None and getattr(request, "fan_cards_shareable", False) and theories:
        if all(theory.author_id != user.pk for theory in theories):
            _attach_marks(theories, slots, request=request, watched=watched, level=level)
            return
        request.fan_cards_shareable = False  # rendered for this fan alone
    if user.is_authenticated and theories:
        mine = my_votes(user, [theory.pk for theory in theories])
        for theory in theories:
            theory.my_vote = mine.get(theory.pk, 0)
    _render(theories, request=request, watched=watched, level=level)


# A shared page's card: its number in request.fan_cards (escaped text never holds a "<").
FAN_CARD_MARK = re.compile(r"<fan-card (\d+)>")


class FanCard(NamedTuple):
    theory_id: int
    author_id: int
    by_vote: dict[int, str]  # the card for a fan whose vote on it is 1, 0 (none) or -1


def _attach_marks(
    theories: Sequence[Theory],
    slots: list[FanCard],
    *,
    request: HttpRequest,
    watched: Watched,
    level: int,
) -> None:
    variants: dict[int, dict[int, str]] = {theory.pk: {} for theory in theories}
    for vote in (1, 0, -1):
        for theory in theories:
            theory.my_vote = vote
        _render(theories, request=request, watched=watched, level=level)
        for theory in theories:
            variants[theory.pk][vote] = theory.card_html
    for theory in theories:
        theory.my_vote = 0
        theory.card_html = mark_safe(f"<fan-card {len(slots)}>")  # noqa: S308 - our mark
        slots.append(FanCard(theory.pk, theory.author_id, variants[theory.pk]))


def _render(
    theories: Sequence[Theory], *, request: HttpRequest, watched: Watched, level: int
) -> None:
    user = request.user
    preference = getattr(user, "spoiler_preference", "ask")
    back = request.get_full_path()
    body_keys, card_keys = {}, {}
    for theory in theories:
        body_keys[theory.pk] = _body_key(
            theory, level=level, watched=watched, spoiler_preference=preference
        )
        card_keys[theory.pk] = _card_key(theory, body_keys[theory.pk], user=user, back=back)
    cache = caches["pages"]
    found = cache.get_many(list(card_keys.values()))
    missing = [theory for theory in theories if card_keys[theory.pk] not in found]
    bodies = cache.get_many([body_keys[theory.pk] for theory in missing]) if missing else {}
    fresh = {}
    context = {"level": level, "watched": watched, "user": user, "request": request}
    for theory in missing:
        body = bodies.get(body_keys[theory.pk])
        if body is None:
            body = fresh[body_keys[theory.pk]] = render_to_string(
                BODY_TEMPLATE, {**context, "theory": theory}
            )
        theory.card_body = mark_safe(body)  # noqa: S308 - our own template output, escaped
        found[card_keys[theory.pk]] = fresh[card_keys[theory.pk]] = render_to_string(
            CARD_TEMPLATE,
            {**context, "theory": theory, "next": back, "csrf_token": pagecache.CSRF_MARK},
        )
    for theory in theories:
        theory.card_html = mark_safe(found[card_keys[theory.pk]])  # noqa: S308 - as above
    if fresh:
        cache.set_many(fresh, timeout=settings.PAGE_CACHE_SECONDS or 600)


def fill_fan_cards(pieces: Sequence[str], slots: Sequence[FanCard], user: User) -> str | None:
    """A shared page, split at its card marks (text, card number, text…), with this fan's
    cards: one query for their votes. None if one of the cards is their own theory's: that
    page is rendered for them alone."""
    if any(slot.author_id == user.pk for slot in slots):
        return None
    mine = my_votes(user, [slot.theory_id for slot in slots])
    page = list(pieces)
    for at in range(1, len(page), 2):
        slot = slots[int(page[at])]
        page[at] = slot.by_vote[mine.get(slot.theory_id, 0)]
    return "".join(page)


def _widget_key(theory: Theory, *, user: object, watched: Watched, back: str) -> str:
    signed_in = getattr(user, "is_authenticated", False)
    return "vote-widget:" + _digest(
        theory.pk,
        theory.title,
        theory.spoiler,
        _episode(theory.episode),
        watched.key,
        getattr(user, "spoiler_preference", "ask"),
        getattr(theory, "my_vote", 0),
        signed_in,
        signed_in and theory.author_id == user.pk,
        back,
    )


def vote_widget(request: HttpRequest, theory: Theory, *, back: str) -> str:
    """The vote widget for this reader, as a vote is answered: `theory.score` filled into
    markup cached for everything else it shows. Like a cached card, it holds
    pagecache.CSRF_MARK for the token (pagecache.fill_csrf puts the visit's there)."""
    user = request.user
    watched = spoilers.for_request(request)
    key = _widget_key(theory, user=user, watched=watched, back=back)
    cache = caches["pages"]
    html = cache.get(key)
    if html is None:
        marked = copy.copy(theory)
        marked.score = SCORE_MARK
        html = render_to_string(
            WIDGET_TEMPLATE,
            {
                "theory": marked,
                "next": back,
                "user": user,
                "request": request,
                "watched": watched,
                "csrf_token": pagecache.CSRF_MARK,
            },
        )
        cache.set(key, html, timeout=settings.PAGE_CACHE_SECONDS or 600)
    return html.replace(SCORE_MARK, str(theory.score))
