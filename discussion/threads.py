"""A theory's discussion: one page of thread starters (newest first) with their replies."""

from __future__ import annotations

from datetime import UTC, datetime

from django.conf import settings
from django.http import HttpRequest
from django.utils.http import urlencode

from aouad_site import cursors
from discussion.models import Comment
from moderation.models import ContentStatus
from theories.models import Theory


def _moment(text: str) -> datetime:
    """A cursor's time, in UTC: near year 1 or 9999 that overflows here, not in the database."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError("A cursor's time names its zone.")
    return moment.astimezone(UTC)


def page(request: HttpRequest, theory: Theory) -> tuple[list[Comment], str]:
    """One page of thread starters with their replies, each marked `visible` to this reader,
    and the link to the next page ("" on the last). Two queries, whatever the size."""
    user = request.user
    starters = Comment.objects.top_level(theory)
    cursor = cursors.decode(request.GET.get("comments_before", ""), _moment)
    if cursor is not None:
        starters = starters.before(*cursor)
    page_size = settings.COMMENTS_PER_PAGE
    top = list(starters[: page_size + 1])
    next_url = ""
    if len(top) > page_size:
        top = top[:page_size]
        last = top[-1]
        next_url = "?" + urlencode({"comments_before": cursors.encode(last.created, last.pk)})
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
