"""Telling fans what happened to them. Each kind can be muted in the fan's settings."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import F
from django.utils import timezone

from accounts.models import User
from notifications.models import Notification, NotificationKind


def notify(
    *,
    recipient: User | None,
    kind: NotificationKind,
    text: str,
    url: str,
    actor: User | None = None,
) -> Notification | None:
    if recipient is None or (actor is not None and actor.pk == recipient.pk):
        return None
    if kind in (recipient.muted_notifications or []):
        return None
    notification = Notification.objects.create(
        recipient=recipient, kind=kind, text=text[:300], url=url[:300]
    )
    # Kept on the user row so every page can show the count without another query.
    User.objects.filter(pk=recipient.pk).update(unread_notifications=F("unread_notifications") + 1)
    return notification


def mark_all_read(*, user: User) -> int:
    marked = Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    User.objects.filter(pk=user.pk).update(unread_notifications=0)
    user.unread_notifications = 0
    return marked


def notify_many(
    *,
    recipients: Iterable[User],
    kind: NotificationKind,
    text: str,
    url: str,
    actor: User | None = None,
) -> int:
    """One notification to each of many fans, in two queries however many there are."""
    chosen = {
        user.pk: user
        for user in recipients
        if (actor is None or user.pk != actor.pk) and kind not in (user.muted_notifications or [])
    }
    Notification.objects.bulk_create(
        Notification(recipient_id=pk, kind=kind, text=text[:300], url=url[:300]) for pk in chosen
    )
    User.objects.filter(pk__in=list(chosen)).update(
        unread_notifications=F("unread_notifications") + 1
    )
    return len(chosen)
