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
from django.db.models import Count, Model, Sum
from django.urls import reverse
from django.utils import timezone

from accounts.limits import is_new_account
from accounts.models import User
from aouad_site import pagecache
from discussion.models import Comment, CommentRevision
from moderation.models import (
    REDACTED_TEXT,
    TITLE_WITHHELD_REASONS,
    ActionKind,
    ContentStatus,
    Moderated,
    ModerationAction,
    RemovalReason,
    Report,
    ReportState,
)
from notifications.models import Notification, NotificationKind
from quotes.models import Quote
from theories.models import Theory, TheoryRevision
from theories.notifications import notify


class AlreadyReported(Exception):
    pass


REDACTED_NOTICE = f"{REDACTED_TEXT} A moderator removed what this notification mentioned."


def _author(item: Moderated) -> User | None:
    return getattr(item, "author", None) or getattr(item, "suggested_by", None)


def _describe(item: Moderated, *, quoting: bool = True) -> str:
    if isinstance(item, Theory):
        return f"your theory “{item.title}”" if quoting else "your theory"
    if isinstance(item, Comment):
        return f"your comment “{item}”" if quoting else "your comment"
    return f"the quote you suggested (“{item}”)" if quoting else "the quote you suggested"


def _url(item: Moderated, *, reason: str = "") -> str:
    if isinstance(item, Theory) and reason == RemovalReason.PERSONAL_INFORMATION:
        # The slug repeats the title: a neutral one (the page redirects to its own).
        return reverse("theory_detail", kwargs={"pk": item.pk, "slug": "theory"})
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
    """Write one ModerationAction. `title` defaults to what the public log may call the item:
    its public title where it has one, nothing when the reason is harassment or personal
    information (and then the item's earlier rows lose theirs too). The public log is a
    listing: it shows the action at once."""
    pagecache.invalidate(listings=True)
    target_type = ContentType.objects.get_for_model(item)
    if title is None:
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


def _redact(item: Moderated) -> None:
    """Taken down for personal information: its past versions go from the public history, and
    fans' notifications that point at it lose their words (moderators keep the originals)."""
    if isinstance(item, Theory):
        TheoryRevision.objects.filter(theory=item).update(redacted=True)
        Notification.objects.filter(url__startswith=f"{reverse('theory_list')}{item.pk}/").update(
            text=REDACTED_NOTICE, url=_url(item, reason=RemovalReason.PERSONAL_INFORMATION)
        )
    elif isinstance(item, Comment):
        CommentRevision.objects.filter(comment=item).update(redacted=True)
        Notification.objects.filter(url__endswith=f"#comment-{item.pk}").update(
            text=REDACTED_NOTICE
        )
    else:
        Notification.objects.filter(url=item.get_absolute_url()).update(text=REDACTED_NOTICE)


def close_reports(item: Moderated | User, *, state: ReportState, moderator: User | None) -> int:
    return Report.objects.filter(
        target_type=ContentType.objects.get_for_model(item),
        target_id=item.pk,
        state=ReportState.OPEN,
    ).update(state=state, resolved_at=timezone.now(), resolved_by=moderator)


def _set_status(item: Moderated, status: ContentStatus, reason: str = "", note: str = "") -> None:
    item.status = status
    item.removal_reason = reason
    item.removal_note = note
    fields = ["status", "removal_reason", "removal_note"]
    if status == ContentStatus.PUBLISHED and item.published_at is None:
        item.published_at = timezone.now()
        fields.append("published_at")
    item.save(update_fields=fields)
    if reason == RemovalReason.PERSONAL_INFORMATION:
        _redact(item)
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


def check_reason(reason: str, note: str, *, doing: str) -> None:
    """A take-down says why: the author is told, and the public log shows it."""
    if reason not in RemovalReason.values:
        raise ValidationError(f"Choose a reason for {doing}.")
    if reason == RemovalReason.OTHER and not note.strip():
        raise ValidationError("Say why, when the reason is “Other”.")


@transaction.atomic
def hide(*, items: Iterable[Moderated], moderator: User, reason: str, note: str = "") -> int:
    check_reason(reason, note, doing="hiding it")
    done = 0
    for item in items:
        if item.status != ContentStatus.HIDDEN:
            _set_status(item, ContentStatus.HIDDEN, reason, note)
            close_reports(item, state=ReportState.UPHELD, moderator=moderator)
            log_action(
                moderator=moderator, kind=ActionKind.HIDE, item=item, reason=reason, note=note
            )
            done += 1
    return done


@transaction.atomic
def remove(*, items: Iterable[Moderated], moderator: User, reason: str, note: str = "") -> int:
    check_reason(reason, note, doing="the removal")
    done = 0
    for item in items:
        if item.status != ContentStatus.REMOVED:
            _set_status(item, ContentStatus.REMOVED, reason, note.strip())
            close_reports(item, state=ReportState.UPHELD, moderator=moderator)
            log_action(
                moderator=moderator, kind=ActionKind.REMOVE, item=item, reason=reason, note=note
            )
            label = RemovalReason(reason).label.lower()
            quoting = reason != RemovalReason.PERSONAL_INFORMATION
            notify(
                recipient=_author(item),
                kind=NotificationKind.REMOVED,
                text=f"A moderator removed {_describe(item, quoting=quoting)}. Reason: {label}."
                + (f" {note.strip()}" if note.strip() else ""),
                url=_url(item, reason=reason),
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


def counts_toward_hiding(user: User) -> bool:
    """Whether a fan's reports weigh toward hiding: an account past NEW_ACCOUNT_DAYS with
    approved content, a published theory or comment of theirs that is still up."""
    if is_new_account(user):
        return False
    return (
        Theory.objects.published().filter(author=user).exists()
        or Comment.objects.filter(
            author=user, status=ContentStatus.PUBLISHED, deleted_at__isnull=True
        ).exists()
    )


def contributed_by(item: Moderated | User, user: User) -> bool:
    """Whether `user` wrote the item (or suggested the quote, or it is their profile): nobody
    reports their own."""
    if isinstance(item, User):
        return item.pk == user.pk
    author_id = getattr(item, "author_id", None) or getattr(item, "suggested_by_id", None)
    return author_id == user.pk


@transaction.atomic
def report(
    *, reporter: User, item: Moderated | User, reason: str, address: str, note: str = ""
) -> Report:
    """File a fan's report; every report reaches the queue. It weighs 1 toward hiding the item
    until a moderator looks if `counts_toward_hiding` its reporter and no other open report
    from its address (accounts/addresses.py) counts already, else 0. The item hides once the
    weights reach REPORT_WEIGHT_TO_HIDE, unless a moderator has restored it before: then
    reports only queue it. A profile (a User) is never hidden: its reports only queue it."""
    if contributed_by(item, reporter):
        raise PermissionDenied("You cannot report your own contribution.")
    target_type = ContentType.objects.get_for_model(item)
    # Locked first: two reports from one address at once cannot both count.
    locked = type(item).objects.select_for_update().get(pk=item.pk)
    open_reports = Report.objects.filter(
        target_type=target_type, target_id=item.pk, state=ReportState.OPEN
    )
    counted = open_reports.filter(weight__gt=0)
    weight = int(counts_toward_hiding(reporter) and not counted.filter(address=address).exists())
    try:
        with transaction.atomic():
            filed = Report.objects.create(
                reporter=reporter,
                target_type=target_type,
                target_id=item.pk,
                reason=reason,
                note=note,
                address=address,
                weight=weight,
            )
    except IntegrityError:
        raise AlreadyReported("You have already reported this.") from None
    if not weight or isinstance(locked, User) or locked.status != ContentStatus.PUBLISHED:
        return filed
    total = counted.aggregate(total=Sum("weight"))["total"]
    restored = ModerationAction.objects.filter(
        target_type=target_type, target_id=item.pk, kind=ActionKind.RESTORE
    ).exists()
    if total >= settings.REPORT_WEIGHT_TO_HIDE and not restored:
        # The reason most counted reports give: uncounted ones cannot choose it.
        top: dict[str, Any] = (
            counted.values("reason").annotate(n=Count("pk")).order_by("-n", "reason").first()
        )
        _set_status(locked, ContentStatus.HIDDEN, top["reason"], "")
        log_action(
            moderator=None,
            kind=ActionKind.AUTO_HIDE,
            item=locked,
            reason=top["reason"],
            note=f"{total} established fans reported it.",
        )
    return filed
