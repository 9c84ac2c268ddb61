"""Comments on theories: threads one reply deep, with every revision kept."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from aouad_site import cursors
from episodes.models import Episode
from moderation.models import ContentStatus, Moderated, redact_notifications
from notifications.models import Notification
from theories.models import Theory

# Replies go one level deep: a reply to a reply joins the same thread.
COMMENT_MAX_LENGTH = 5000


class CommentQuerySet(models.QuerySet["Comment"]):
    def top_level(self, theory: Theory) -> CommentQuerySet:
        """A theory's thread starters, newest first, with authors and spoiler episodes joined
        (the template decides what each reader sees of hidden, removed or deleted ones)."""
        return (
            self.filter(theory=theory, parent__isnull=True)
            .select_related("author", "episode")
            .order_by("-created", "-pk")
        )

    def before(self, created: datetime, pk: int) -> CommentQuerySet:
        """Keyset pagination: the comments after (created, pk) in newest-first order."""
        return self.filter(Q(created__lt=created) | Q(created=created, pk__lt=pk))

    def replies_to(self, parent_ids: list[int]) -> CommentQuerySet:
        return (
            self.filter(parent_id__in=parent_ids)
            .select_related("author", "episode")
            .order_by("created", "pk")
        )


class Comment(Moderated):
    establishes_author = True

    theory = models.ForeignKey(
        Theory, on_delete=models.CASCADE, related_name="comments", verbose_name=_("theory")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="comments",
        verbose_name=_("author"),
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
        verbose_name=_("parent"),
    )
    body = models.TextField(_("body"), max_length=COMMENT_MAX_LENGTH)
    # Read from the text (aouad_site/languages.py), for the moderation queue's filter.
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    episode = models.ForeignKey(
        Episode,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("mentions events up to"),
    )
    created = models.DateTimeField(_("created"), default=timezone.now)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        db_table = "theories_comment"  # its table from before it left the theories app
        ordering = ["created", "pk"]
        indexes = [models.Index(fields=["theory", "created"])]

    def __str__(self) -> str:
        text = " ".join(self.body.split())
        return text if len(text) <= 60 else text[:57] + "…"

    def save(self, *args: object, **kwargs: object) -> None:
        if (
            self._state.adding
            and self.status == ContentStatus.PUBLISHED
            and self.published_at is None
        ):
            self.published_at = self.created
        super().save(*args, **kwargs)

    def page_items(self) -> list[str]:
        return [f"theory:{self.theory_id}"]

    def get_absolute_url(self) -> str:
        """The discussion page that starts at this comment's thread (threads come in pages,
        newest first), scrolled to the comment."""
        starter = self.parent or self
        cursor = urlencode({"comments_before": cursors.encode(starter.created, starter.pk + 1)})
        return f"{self.theory.get_absolute_url()}?{cursor}#comment-{self.pk}"

    @property
    def moderation_title(self) -> str:
        return gettext("Comment: %(comment)s") % {"comment": self}

    def described(self, *, quoting: bool = True) -> str:
        if quoting:
            return gettext("your comment “%(comment)s”") % {"comment": self}
        return gettext("your comment")

    def redact(self) -> None:
        self.revisions.update(redacted=True)
        redact_notifications(Notification.objects.filter(url__endswith=f"#comment-{self.pk}"))


class CommentRevision(models.Model):
    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("comment")
    )
    body = models.TextField(_("body"))
    created = models.DateTimeField(_("created"), default=timezone.now)
    redacted = models.BooleanField(
        _("redacted"),
        default=False,
        help_text=_("Removed for personal information: only moderators see it."),
    )

    class Meta:
        verbose_name = _("comment revision")
        verbose_name_plural = _("comment revisions")
        db_table = "theories_commentrevision"  # its table from before it left the theories app
        ordering = ["-created", "-pk"]

    def __str__(self) -> str:
        return gettext("comment %(id)s @ %(moment)s") % {
            "id": self.comment_id,
            "moment": f"{self.created:%Y-%m-%d %H:%M}",
        }
