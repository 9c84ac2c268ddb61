"""Moderation: every change of status goes through here and is written to ModerationAction.

Nothing is deleted: items are hidden, removed with a reason, and can be restored. Each kind of
content says how it is named, where it points and what it redacts (moderation/models.Moderated).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from aouad_site import pagecache
from moderation.models import (
    TITLE_WITHHELD_REASONS,
    ActionKind,
    ContentStatus,
    Moderated,
    ModerationAction,
    RemovalReason,
    Report,
    ReportState,
)
from notifications.models import NotificationKind
from notifications.services import notify


def log_action(
    *,
    moderator: User | None,
    kind: ActionKind,
    item: Model,
    title: str | None = None,
    reason: str = "",
    note: str = "",
) -> ModerationAction:
    """Write one ModerationAction. `title` defaults to what the public log may call the item:
    its public title where it has one, nothing when the reason is harassment or personal
    information (and then the item's earlier rows lose theirs too). The public log is a
    listing: it shows the action at once. Titles are written in the site's language: every
    reader of the log sees the same words, whoever acted."""
    pagecache.invalidate(listings=True)
    target_type = ContentType.objects.get_for_model(item)
    if title is None:
        with translation.override(settings.LANGUAGE_CODE):
            title = item.log_title if isinstance(item, Moderated) else item.moderation_title
    if reason in TITLE_WITHHELD_REASONS:
        title = ""
        ModerationAction.objects.filter(target_type=target_type, target_id=item.pk).update(
            target_title=""
        )
    return ModerationAction.objects.create(
        moderator=moderator,
        kind=kind,
        target_type=target_type,
        target_id=item.pk,
        target_title=title[:200],
        reason=reason,
        note=note[:300],
    )


def close_reports(item: Moderated | User, *, state: ReportState, moderator: User | None) -> int:
    return Report.objects.filter(
        target_type=ContentType.objects.get_for_model(item),
        target_id=item.pk,
        state=ReportState.OPEN,
    ).update(state=state, resolved_at=timezone.now(), resolved_by=moderator)


def set_status(item: Moderated, status: ContentStatus, reason: str = "", note: str = "") -> None:
    item.status = status
    item.removal_reason = reason
    item.removal_note = note
    fields = ["status", "removal_reason", "removal_note"]
    if status == ContentStatus.PUBLISHED and item.published_at is None:
        item.published_at = timezone.now()
        fields.append("published_at")
    item.save(update_fields=fields)
    if reason == RemovalReason.PERSONAL_INFORMATION:
        item.redact()
    item.invalidate_pages()


@transaction.atomic
def approve(*, items: Iterable[Moderated], moderator: User) -> int:
    done = 0
    for item in items:
        if item.status == ContentStatus.PENDING:
            set_status(item, ContentStatus.PUBLISHED)
            log_action(moderator=moderator, kind=ActionKind.APPROVE, item=item)
            notify(
                recipient=item.contributor,
                kind=NotificationKind.APPROVED,
                text=partial(_approved_text, item),
                url=item.notice_url(),
            )
            done += 1
    return done


def _approved_text(item: Moderated) -> str:
    return gettext("A moderator approved %(item)s: it is public now.") % {"item": item.described()}


def _removed_text(item: Moderated, reason: str, note: str) -> str:
    text = gettext("A moderator removed %(item)s. Reason: %(reason)s.") % {
        "item": item.described(quoting=reason != RemovalReason.PERSONAL_INFORMATION),
        "reason": RemovalReason(reason).label.lower(),
    }
    return f"{text} {note.strip()}" if note.strip() else text


def _verified_text(quote: Moderated) -> str:
    return gettext("A moderator verified %(item)s.") % {"item": quote.described()}


# What a take-down without a reason is told, by what it was doing.
REASON_NEEDED = {
    "hide": _("Choose a reason for hiding it."),
    "remove": _("Choose a reason for the removal."),
    "clear": _("Choose a reason for clearing it."),
}


def check_reason(reason: str, note: str, *, doing: str) -> None:
    """A take-down (`doing` one of REASON_NEEDED) says why: the author is told, and the public
    log shows it."""
    if reason not in RemovalReason.values:
        raise ValidationError(REASON_NEEDED[doing], code="reason")
    if reason == RemovalReason.OTHER and not note.strip():
        raise ValidationError(_("Say why, when the reason is “Other”."), code="note")


@transaction.atomic
def hide(*, items: Iterable[Moderated], moderator: User, reason: str, note: str = "") -> int:
    check_reason(reason, note, doing="hide")
    done = 0
    for item in items:
        if item.status != ContentStatus.HIDDEN:
            set_status(item, ContentStatus.HIDDEN, reason, note)
            close_reports(item, state=ReportState.UPHELD, moderator=moderator)
            log_action(
                moderator=moderator, kind=ActionKind.HIDE, item=item, reason=reason, note=note
            )
            done += 1
    return done


@transaction.atomic
def remove(*, items: Iterable[Moderated], moderator: User, reason: str, note: str = "") -> int:
    check_reason(reason, note, doing="remove")
    done = 0
    for item in items:
        if item.status != ContentStatus.REMOVED:
            set_status(item, ContentStatus.REMOVED, reason, note.strip())
            close_reports(item, state=ReportState.UPHELD, moderator=moderator)
            log_action(
                moderator=moderator, kind=ActionKind.REMOVE, item=item, reason=reason, note=note
            )
            notify(
                recipient=item.contributor,
                kind=NotificationKind.REMOVED,
                text=partial(_removed_text, item, reason, note),
                url=item.notice_url(reason=reason),
            )
            done += 1
    return done


@transaction.atomic
def restore(*, items: Iterable[Moderated], moderator: User, note: str = "") -> int:
    """Put hidden or removed items back; the reports against them are dismissed."""
    done = 0
    for item in items:
        if item.status in (ContentStatus.HIDDEN, ContentStatus.REMOVED):
            set_status(item, ContentStatus.PUBLISHED)
            close_reports(item, state=ReportState.DISMISSED, moderator=moderator)
            log_action(moderator=moderator, kind=ActionKind.RESTORE, item=item, note=note)
            done += 1
    return done


@transaction.atomic
def dismiss_reports(*, items: Iterable[Moderated], moderator: User, note: str = "") -> int:
    done = 0
    for item in items:
        if close_reports(item, state=ReportState.DISMISSED, moderator=moderator):
            log_action(moderator=moderator, kind=ActionKind.DISMISS_REPORTS, item=item, note=note)
            done += 1
    return done


@transaction.atomic
def verify_quotes(*, quotes: Iterable[Moderated], moderator: User) -> int:
    """Mark suggested quotes as checked against their source (only quotes have `verified`)."""
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
                text=partial(_verified_text, quote),
                url=quote.get_absolute_url(),
            )
            done += 1
    return done
