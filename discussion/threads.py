"""A theory's discussion: one page of thread starters (newest first) with their replies."""

from __future__ import annotations

from contextlib import suppress
from datetime import UTC, datetime

from django.conf import settings
from django.http import HttpRequest
from django.utils.http import urlencode

from discussion.models import Comment
from moderation.models import ContentStatus
from theories.models import Theory


def page(request: HttpRequest, theory: Theory) -> tuple[list[Comment], str]:
    """One page of thread starters with their replies, each marked `visible` to this reader,
    and the link to the next page ("" on the last). Two queries, whatever the size."""
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
    for comment in top:
        comment.thread_replies = replies.get(comment.pk, [])
        for item in (comment, *comment.thread_replies):
            item.visible = (
                item.status == ContentStatus.PUBLISHED
                or user.is_staff
                or (user.is_authenticated and item.author_id == user.pk)
            )
    return top, next_url
