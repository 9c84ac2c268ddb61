"""Moderation: every change of status goes through here and is written to ModerationAction.

Nothing is deleted: items are hidden, removed with a reason, and can be restored.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Model
from django.utils import timezone

from accounts.models import User
from aouad_site import pagecache
from theories.models import (
    ActionKind,
    Comment,
    ContentStatus,
    Moderated,
    ModerationAction,
    NotificationKind,
    Quote,
    RemovalReason,
    Report,
    ReportState,
    Theory,
)
from theories.notifications import notify


class AlreadyReported(Exception):
    pass


def _author(item: Moderated) -> User | None:
    return getattr(item, "author", None) or getattr(item, "suggested_by", None)


def _describe(item: Moderated) -> str:
    if isinstance(item, Theory):
        return f"your theory “{item.title}”"
    if isinstance(item, Comment):
        return f"your comment “{item}”"
    return f"the quote you suggested (“{item}”)"


def _url(item: Moderated) -> str:
    return item.get_absolute_url()


def log_action(
    *,
    moderator: User | None,
    kind: ActionKind,
    item: Model,
    title: str | None = None,
    reason: str = "",
    note: str = "",
) -> ModerationAction:
    """Write one ModerationAction; `title` defaults to the item's moderation title. The public
    log is a listing: it shows the action at once."""
    pagecache.invalidate(listings=True)
    return ModerationAction.objects.create(
        moderator=moderator,
        kind=kind,
        target_type=ContentType.objects.get_for_model(item),
        target_id=item.pk,
        target_title=(title if title is not None else item.moderation_title)[:200],
        reason=reason,
        note=note[:300],
    )


def _close_reports(item: Moderated, *, state: ReportState, moderator: User | None) -> int:
    return item.reports.filter(state=ReportState.OPEN).update(
        state=state, resolved_at=timezone.now(), resolved_by=moderator
    )


def _set_status(item: Moderated, status: ContentStatus, reason: str = "", note: str = "") -> None:
    item.status = status
    item.removal_reason = reason
    item.removal_note = note
    fields = ["status", "removal_reason", "removal_note"]
    if status == ContentStatus.PUBLISHED and item.published_at is None:
        item.published_at = timezone.now()
        fields.append("published_at")
    item.save(update_fields=fields)
    item.invalidate_pages()


def is_trusted(user: User) -> bool:
    """Staff, and fans with enough approved theories, publish without waiting."""
    if user.is_staff:
        return True
    approved = Theory.objects.filter(author=user, published_at__isnull=False).count()
    return approved >= settings.TRUST_AFTER_APPROVED


@transaction.atomic
def approve(*, items: Iterable[Moderated], moderator: User) -> int:
    done = 0
    for item in items:
        if item.status == ContentStatus.PENDING:
            _set_status(item, ContentStatus.PUBLISHED)
            log_action(moderator=moderator, kind=ActionKind.APPROVE, item=item)
            notify(
                recipient=_author(item),
                kind=NotificationKind.APPROVED,
                text=f"A moderator approved {_describe(item)}: it is public now.",
                url=_url(item),
            )
            done += 1
    return done


@transaction.atomic
def hide(*, items: Iterable[Moderated], moderator: User, reason: str = "", note: str = "") -> int:
    done = 0
    for item in items:
        if item.status != ContentStatus.HIDDEN:
            _set_status(item, ContentStatus.HIDDEN, reason, note)
            _close_reports(item, state=ReportState.UPHELD, moderator=moderator)
            log_action(
                moderator=moderator, kind=ActionKind.HIDE, item=item, reason=reason, note=note
            )
            done += 1
    return done


@transaction.atomic
def remove(*, items: Iterable[Moderated], moderator: User, reason: str, note: str = "") -> int:
    if reason not in RemovalReason.values:
        raise ValidationError("Choose a reason for the removal.")
    if reason == RemovalReason.OTHER and not note.strip():
        raise ValidationError("Say why, when the reason is “Other”.")
    done = 0
    for item in items:
        if item.status != ContentStatus.REMOVED:
            _set_status(item, ContentStatus.REMOVED, reason, note.strip())
            _close_reports(item, state=ReportState.UPHELD, moderator=moderator)
            log_action(
                moderator=moderator, kind=ActionKind.REMOVE, item=item, reason=reason, note=note
            )
            label = RemovalReason(reason).label.lower()
            notify(
                recipient=_author(item),
                kind=NotificationKind.REMOVED,
                text=f"A moderator removed {_describe(item)}. Reason: {label}."
                + (f" {note.strip()}" if note.strip() else ""),
                url=_url(item),
            )
            done += 1
    return done


@transaction.atomic
def restore(*, items: Iterable[Moderated], moderator: User, note: str = "") -> int:
    """Put hidden or removed items back; the reports against them are dismissed."""
    done = 0
    for item in items:
        if item.status in (ContentStatus.HIDDEN, ContentStatus.REMOVED):
            _set_status(item, ContentStatus.PUBLISHED)
            _close_reports(item, state=ReportState.DISMISSED, moderator=moderator)
            log_action(moderator=moderator, kind=ActionKind.RESTORE, item=item, note=note)
            done += 1
    return done


@transaction.atomic
def dismiss_reports(*, items: Iterable[Moderated], moderator: User, note: str = "") -> int:
    done = 0
    for item in items:
        if _close_reports(item, state=ReportState.DISMISSED, moderator=moderator):
            log_action(moderator=moderator, kind=ActionKind.DISMISS_REPORTS, item=item, note=note)
            done += 1
    return done


@transaction.atomic
def verify_quotes(*, quotes: Iterable[Quote], moderator: User) -> int:
    done = 0
    for quote in quotes:
        if not quote.verified:
            quote.verified, quote.verified_by, quote.verified_at = True, moderator, timezone.now()
            quote.save(update_fields=["verified", "verified_by", "verified_at"])
            quote.invalidate_pages()
            log_action(moderator=moderator, kind=ActionKind.VERIFY_QUOTE, item=quote)
            notify(
                recipient=quote.suggested_by,
                kind=NotificationKind.QUOTE_VERIFIED,
                text=f"A moderator verified {_describe(quote)}.",
                url=quote.get_absolute_url(),
            )
            done += 1
    return done


@transaction.atomic
def report(*, reporter: User, item: Moderated, reason: str, note: str = "") -> Report:
    """File a fan's report; enough different reporters hide the item until a moderator looks."""
    author_id = getattr(item, "author_id", None) or getattr(item, "suggested_by_id", None)
    if author_id == reporter.pk:
        raise PermissionDenied("You cannot report your own contribution.")
    target_type = ContentType.objects.get_for_model(item)
    try:
        with transaction.atomic():
            filed = Report.objects.create(
                reporter=reporter,
                target_type=target_type,
                target_id=item.pk,
                reason=reason,
                note=note,
            )
    except IntegrityError:
        raise AlreadyReported("You have already reported this.") from None
    open_reports = Report.objects.filter(
        target_type=target_type, target_id=item.pk, state=ReportState.OPEN
    )
    reporters = open_reports.values("reporter").distinct().count()
    locked = type(item).objects.select_for_update().get(pk=item.pk)
    if reporters >= settings.REPORTS_TO_HIDE and locked.status == ContentStatus.PUBLISHED:
        top: dict[str, Any] = (
            open_reports.values("reason").annotate(n=Count("pk")).order_by("-n", "reason").first()
        )
        _set_status(locked, ContentStatus.HIDDEN, top["reason"], "")
        log_action(
            moderator=None,
            kind=ActionKind.AUTO_HIDE,
            item=locked,
            reason=top["reason"],
            note=f"{reporters} fans reported it.",
        )
    return filed
