"""What every moderated thing carries (statuses, reasons), fans' reports, and the log of
moderation actions. Below every kind of content: quotes, theories and comments build on it."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from aouad_site import pagecache
from aouad_site.stamps import Stamped
from notifications.models import Notification

# --- Moderation states, shared by everything fans write -----------------------


class ContentStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    PUBLISHED = "published", _("Published")
    HIDDEN = "hidden", _("Hidden")
    REMOVED = "removed", _("Removed")


class RemovalReason(models.TextChoices):
    SPAM = "spam", _("Spam")
    SPOILER = "spoiler", _("Unmarked spoiler")
    HARASSMENT = "harassment", _("Harassment")
    OFF_TOPIC = "off_topic", _("Off-topic")
    MISATTRIBUTED = "misattributed", _("Misattributed quote")
    DUPLICATE = "duplicate", _("Duplicate")
    PERSONAL_INFORMATION = "personal_info", _("Personal information")
    OTHER = "other", _("Other")


# Removals for these reasons keep even a title off the public log (moderation/actions.py).
TITLE_WITHHELD_REASONS = frozenset({RemovalReason.HARASSMENT, RemovalReason.PERSONAL_INFORMATION})
# What fans who are not moderators see in place of text removed for personal information:
# English here (pages show `gettext(REDACTED_TEXT)`), and the notice starts with the same words.
REDACTED_TEXT = gettext_noop("[removed: personal information]")
REDACTED_NOTICE = gettext_noop(
    "[removed: personal information] A moderator removed what this notification mentioned."
)


def redact_notifications(notices: QuerySet[Notification], **changes: Any) -> None:
    """Put REDACTED_NOTICE in place of these notifications' words, in each fan's language."""
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            notices.filter(recipient__language=language).update(
                text=gettext(REDACTED_NOTICE), **changes
            )


class Moderated(Stamped):
    """Fields every moderated kind of content carries, and what moderation asks of each kind
    (moderation/actions.py and the queue know no kind by name)."""

    # Who wrote it: told when it is approved or removed, and never the one to report it.
    author_field = "author"
    # Whether one of these, published and still up, makes its author an established fan whose
    # reports count toward hiding things (moderation/reports.py).
    establishes_author = False
    # Whether approved ones count toward letting their author publish without waiting.
    earns_trust = False

    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ContentStatus,
        default=ContentStatus.PUBLISHED,
        db_index=True,
    )
    removal_reason = models.CharField(
        _("removal reason"), max_length=20, choices=RemovalReason, blank=True
    )
    removal_note = models.CharField(_("removal note"), max_length=300, blank=True)
    published_at = models.DateTimeField(
        _("published at"),
        null=True,
        blank=True,
        help_text=_("When it was first published (approved)."),
    )
    reports = GenericRelation(
        "safety.Report", content_type_field="target_type", object_id_field="target_id"
    )

    class Meta:
        abstract = True

    @property
    def moderation_title(self) -> str:
        return str(self)

    @property
    def log_title(self) -> str:
        """What the public moderation log may name it by: nothing, unless a kind has a title."""
        return ""

    @property
    def moderation_text(self) -> str:
        """What the queue shows moderators."""
        return getattr(self, "body", "")

    @property
    def contributor(self) -> Any:
        return getattr(self, self.author_field)

    @property
    def contributor_id(self) -> int | None:
        return getattr(self, f"{self.author_field}_id")

    def described(self, *, quoting: bool = True) -> str:
        """How a notification to its author names it: “your theory “…””."""
        raise NotImplementedError

    def notice_url(self, *, reason: str = "") -> str:
        """Where a notification about it points."""
        return self.get_absolute_url()  # type: ignore[attr-defined]

    def redact(self) -> None:
        """Taken down for personal information: fans' notifications that point at it lose their
        words (moderators keep the originals). Kinds with a history hide that as well."""
        with translation.override(settings.LANGUAGE_CODE):  # the addresses notifications keep
            redact_notifications(Notification.objects.filter(url=self.notice_url()))

    def page_items(self) -> list[str]:
        """The cached pages that show this item, besides every listing (aouad_site/pagecache)."""
        return []

    def invalidate_pages(self) -> None:
        """Everyone's next request shows this item as it is now, once the change commits."""
        pagecache.invalidate(*self.page_items(), listings=True)


def moderated_models() -> list[type[Moderated]]:
    """Every moderated kind of content, in the order their apps are installed: moderation finds
    them here rather than importing the apps above it."""
    return [model for model in apps.get_models() if issubclass(model, Moderated)]


# --- Reports and the moderation log -----------------------------------------


class ReportState(models.TextChoices):
    OPEN = "open", _("Open")
    UPHELD = "upheld", _("Upheld")
    DISMISSED = "dismissed", _("Dismissed")


class Report(models.Model):
    """A fan flagging a theory, quote, comment or another fan's profile; one per fan and item."""

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reports_made",
        verbose_name=_("reporter"),
    )
    target_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, verbose_name=_("target type")
    )
    target_id = models.PositiveBigIntegerField(_("target id"))
    target = GenericForeignKey("target_type", "target_id")
    reason = models.CharField(_("reason"), max_length=20, choices=RemovalReason)
    note = models.CharField(_("note"), max_length=300, blank=True)
    # The reporter's address group (accounts/addresses.py): one report per address counts.
    address = models.CharField(_("address"), max_length=45, blank=True)
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=0, help_text=_("How much it counts toward hiding the item: 0 or 1.")
    )
    state = models.CharField(
        _("state"), max_length=12, choices=ReportState, default=ReportState.OPEN, db_index=True
    )
    created = models.DateTimeField(_("created"), default=timezone.now)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("resolved by"),
    )

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        db_table = "theories_report"  # its table from before it left the theories app
        ordering = ["created", "pk"]
        indexes = [models.Index(fields=["target_type", "target_id", "state"])]
        constraints = [
            models.UniqueConstraint(
                fields=["reporter", "target_type", "target_id"], name="report_once_per_fan_and_item"
            )
        ]

    def __str__(self) -> str:
        # Translators: "Spam report on theory 12".
        return gettext("%(reason)s report on %(kind)s %(id)s") % {
            "reason": self.get_reason_display(),
            "kind": self.target_type.name,
            "id": self.target_id,
        }


class ActionKind(models.TextChoices):
    APPROVE = "approve", _("Approved")
    HIDE = "hide", _("Hidden")
    AUTO_HIDE = "auto_hide", _("Hidden automatically after reports")
    REMOVE = "remove", _("Removed")
    RESTORE = "restore", _("Restored")
    DISMISS_REPORTS = "dismiss_reports", _("Reports dismissed")
    VERIFY_QUOTE = "verify_quote", _("Quote verified")
    SUSPEND = "suspend", _("Account suspended")
    UNSUSPEND = "unsuspend", _("Suspension lifted")
    EPISODE_AIRED = "episode_aired", _("Episode marked aired")
    EPISODE_UNAIRED = "episode_unaired", _("Episode marked not aired")
    VERDICT = "verdict", _("Verdict given")
    VERDICT_REVERSED = "verdict_reversed", _("Verdict reversed")
    CLEAR_DISPLAY_NAME = "clear_display_name", _("Display name cleared")
    CLEAR_BIO = "clear_bio", _("Bio cleared")
    REMOVE_AVATAR = "remove_avatar", _("Avatar removed")


# What the public moderation log shows: the actions that take content down or put it back.
PUBLIC_ACTIONS = [
    ActionKind.HIDE,
    ActionKind.AUTO_HIDE,
    ActionKind.REMOVE,
    ActionKind.RESTORE,
    ActionKind.CLEAR_DISPLAY_NAME,
    ActionKind.CLEAR_BIO,
    ActionKind.REMOVE_AVATAR,
]  # Verdicts are logged too, but not here: the log would tell every reader the outcomes.


# How the public log names a kind of item it never titles.
PUBLIC_KIND_NAMES = {"user": _("profile")}


class ModerationAction(models.Model):
    """Who did what to which item, why and when. Written by every moderation service."""

    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="moderation_actions",
        verbose_name=_("moderator"),
        help_text=_("Empty when the site acted by itself (e.g. hiding after reports)."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ActionKind)
    target_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, verbose_name=_("target type")
    )
    target_id = models.PositiveBigIntegerField(_("target id"))
    target = GenericForeignKey("target_type", "target_id")
    # Only what the public may read: a theory's or quote's public title, or nothing.
    target_title = models.CharField(_("target title"), max_length=200, blank=True)
    reason = models.CharField(_("reason"), max_length=20, choices=RemovalReason, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created = models.DateTimeField(_("created"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("moderation action")
        verbose_name_plural = _("moderation actions")
        db_table = "theories_moderationaction"  # its table from before it left the theories app
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return gettext("%(kind)s: %(item)s") % {
            "kind": self.get_kind_display(),
            "item": self.target_title or self.target_id,
        }

    @property
    def public_item(self) -> str:
        """“Theory: <title>” where it may be named, else “a theory”, “a comment”, “a profile”…"""
        kind = str(PUBLIC_KIND_NAMES.get(self.target_type.model, self.target_type.name))
        if self.target_title:
            return gettext("%(kind)s: %(title)s") % {
                "kind": capfirst(kind),
                "title": self.target_title,
            }
        if kind[:1] in "aeiou":
            # Translators: "an opinion": one item of a kind, named without its title.
            return gettext("an %(kind)s") % {"kind": kind}
        # Translators: "a theory", "a comment", "a profile": one item of a kind, untitled.
        return gettext("a %(kind)s") % {"kind": kind}
