"""A theory's discussion: one page of threads, each comment rendered once per state.

A popular theory's page shows dozens of comments, and rendering them (markdown, then the
comment template) was most of the page's cost: every content change makes the whole page
stale, yet the comments on it rarely change. Each comment's markup is cached (see
aouad_site.fragments) under a digest of everything it shows: the comment's row, its
author's name and picture, its spoiler episode and whether it spoils this reader, whether
this reader may see it and wrote it, and the "3 hours ago" text itself, so not even that lags.

The markup may hold pagecache.CSRF_MARK (the "I have watched" button a signed-in fan gets on
a spoiler); the theory page puts the visit's token there (pagecache.fill_csrf).
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.timesince import timesince

from aouad_site import fragments, pagecache
from theories.models import Comment, ContentStatus, Theory
from verdicts import spoilers

COMMENT_TEMPLATE = "theories/comment.html"
_TEMPLATE_STAMP = fragments.template_stamp(COMMENT_TEMPLATE, "verdicts/watched_button.html")


def page(request: HttpRequest, theory: Theory) -> tuple[list[Comment], str]:
    """One page of thread starters (newest first) with their replies, as this reader may see
    them, each with its `html`, and the link to the next page ("" on the last). Two queries,
    whatever the size."""
    user = request.user
    starters = Comment.objects.top_level(theory)
    cursor = request.GET.get("comments_before", "")
    created_text, _, pk_text = cursor.rpartition("~")
    with suppress(ValueError, OverflowError):  # no cursor, or a mangled one: the first page
        created, pk = datetime.fromisoformat(created_text), int(pk_text)
        if created.tzinfo is not None and 0 < pk < 2**63:
            # In UTC now: near year 1 or 9999 that overflows here, not in the database.
            starters = starters.before(created.astimezone(UTC), pk)
    page_size = settings.COMMENTS_PER_PAGE
    top = list(starters[: page_size + 1])
    next_url = ""
    if len(top) > page_size:
        top = top[:page_size]
        last = top[-1]
        next_url = "?" + urlencode({"comments_before": f"{last.created.isoformat()}~{last.pk}"})
    replies: dict[int, list[Comment]] = {}
    for reply in Comment.objects.replies_to([c.pk for c in top]) if top else []:
        replies.setdefault(reply.parent_id, []).append(reply)
    shown: list[Comment] = []
    for comment in top:
        comment.thread_replies = replies.get(comment.pk, [])
        for item in (comment, *comment.thread_replies):
            item.visible = (
                item.status == ContentStatus.PUBLISHED
                or user.is_staff
                or (user.is_authenticated and item.author_id == user.pk)
            )
            shown.append(item)
    attach(shown, request=request)
    return top, next_url


def _key(comment: Comment, *, request: HttpRequest, watched: spoilers.Watched) -> str:
    user = request.user
    signed_in = user.is_authenticated
    spoils = watched.would_spoil(comment.episode)
    author = comment.author
    return "comment:" + fragments.digest(
        _TEMPLATE_STAMP,
        fragments.row(comment),
        # What the template shows of the author (their whole row would change at each sign-in).
        (author.username, author.display_name, author.avatar.name),
        fragments.row(comment.episode),
        spoils,
        comment.visible,
        signed_in,
        signed_in and comment.author_id == user.pk,
        timesince(comment.created),
        # The "I have watched" button on a spoiler comes back to this page.
        request.get_full_path() if spoils else "",
    )


def attach(comments: Sequence[Comment], *, request: HttpRequest) -> None:
    """Set `html` on each comment (with `visible` set): from the cache or rendered now."""
    watched = spoilers.for_request(request)
    keys = {comment.pk: _key(comment, request=request, watched=watched) for comment in comments}
    cache = caches["pages"]
    found = cache.get_many(list(keys.values()))
    fresh = {}
    context = {
        "user": request.user,
        "request": request,
        "watched": watched,
        "csrf_token": pagecache.CSRF_MARK,
    }
    for comment in comments:
        key = keys[comment.pk]
        if key not in found:
            found[key] = fresh[key] = render_to_string(
                COMMENT_TEMPLATE, {**context, "comment": comment}
            )
        comment.html = mark_safe(found[key])  # noqa: S308 - our own template output, escaped
    if fresh:
        cache.set_many(fresh, timeout=settings.PAGE_CACHE_SECONDS or 600)
