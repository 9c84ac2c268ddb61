"""Posting, editing and deleting comments."""

from __future__ import annotations

from datetime import timedelta
from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from aouad_site import pagecache
from aouad_site.languages import written_in
from discussion.models import Comment, CommentRevision
from episodes.models import Episode
from notifications.models import NotificationKind
from notifications.services import notify
from theories.models import Theory


class CommentRefused(Exception):
    """The comment cannot be posted here; the message says why."""


def _commented_text(author: User, theory: Theory) -> str:
    return _("%(name)s commented on your theory “%(title)s”.") % {
        "name": author.shown_name,
        "title": theory.title,
    }


def _replied_text(author: User, theory: Theory) -> str:
    return _("%(name)s replied to your comment on “%(title)s”.") % {
        "name": author.shown_name,
        "title": theory.title,
    }


@transaction.atomic
def post_comment(
    *,
    author: User,
    theory: Theory,
    body: str,
    parent: Comment | None = None,
    episode: Episode | None = None,
) -> tuple[Comment, bool]:
    """Comment on a theory or reply to a comment; returns it and whether it is new.

    Replies go one level deep: replying to a reply answers its thread.
    """
    if not theory.is_live:
        raise CommentRefused(_("This theory is not open for comments."))
    if parent is not None:
        if parent.theory_id != theory.pk:
            raise CommentRefused(_("That comment belongs to another theory."))
        if parent.parent_id is not None:
            parent = parent.parent
    duplicate = Comment.objects.filter(
        author=author,
        theory=theory,
        parent=parent,
        body=body,
        deleted_at__isnull=True,
        created__gte=timezone.now() - timedelta(minutes=2),
    ).first()
    if duplicate is not None:
        return duplicate, False
    comment = Comment.objects.create(
        author=author,
        theory=theory,
        parent=parent,
        body=body,
        episode=episode,
        language=written_in(body),
    )
    CommentRevision.objects.create(comment=comment, body=body, created=comment.created)
    pagecache.invalidate(*comment.page_items())  # a new comment shows on its page at once
    url = comment.get_absolute_url()
    notify(
        recipient=theory.author,
        kind=NotificationKind.COMMENT,
        text=partial(_commented_text, author, theory),
        url=url,
        actor=author,
    )
    if parent is not None and parent.author_id != theory.author_id:
        notify(
            recipient=parent.author,
            kind=NotificationKind.REPLY,
            text=partial(_replied_text, author, theory),
            url=url,
            actor=author,
        )
    return comment, True


@transaction.atomic
def edit_comment(*, comment: Comment, body: str) -> Comment:
    if body != comment.body:
        now = timezone.now()
        comment.body, comment.edited_at, comment.language = body, now, written_in(body)
        comment.save(update_fields=["body", "edited_at", "language"])
        CommentRevision.objects.create(comment=comment, body=body, created=now)
        pagecache.invalidate(*comment.page_items())
    return comment


@transaction.atomic
def delete_comment(*, comment: Comment) -> None:
    """Soft delete: the thread shows “[deleted]” in its place, so replies keep their context."""
    if comment.deleted_at is None:
        comment.deleted_at = timezone.now()
        comment.save(update_fields=["deleted_at"])
        pagecache.invalidate(*comment.page_items())
