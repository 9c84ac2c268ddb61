"""Telling fans what happened to them. Each kind can be muted in the fan's settings.

A notification is kept as text, so it is written in its recipient's language (the language of
the pages they read): callers pass a function that writes it, called with that language active.
Its address is kept in the site's language, whatever page the actor was on, so that the lookups
by address (redaction) find it; the list of notifications shows it in the reader's language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db.models import F
from django.utils import timezone, translation

from accounts.models import User
from aouad_site.locale import site_path
from notifications.models import Notification, NotificationKind

# Fixed words, or a function that writes them in the language active when it is called.
Text = str | Callable[[], str]


def _written(text: Text, language: str) -> str:
    with translation.override(language):
        return (text() if callable(text) else str(text))[:300]


def _address(url: str) -> str:
    return site_path(url)[:300]


def notify(
    *,
    recipient: User | None,
    kind: NotificationKind,
    text: Text,
    url: str,
    actor: User | None = None,
) -> Notification | None:
    if recipient is None or (actor is not None and actor.pk == recipient.pk):
        return None
    if kind in (recipient.muted_notifications or []):
        return None
    notification = Notification.objects.create(
        recipient=recipient,
        kind=kind,
        text=_written(text, recipient.language),
        url=_address(url),
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
    text: Text,
    url: str,
    actor: User | None = None,
) -> int:
    """One notification to each of many fans, in two queries however many there are.
    `recipients` need `muted_notifications` and `language` loaded."""
    chosen = {
        user.pk: user
        for user in recipients
        if (actor is None or user.pk != actor.pk) and kind not in (user.muted_notifications or [])
    }
    texts = {
        language: _written(text, language) for language in {u.language for u in chosen.values()}
    }
    address = _address(url)
    Notification.objects.bulk_create(
        Notification(recipient_id=pk, kind=kind, text=texts[user.language], url=address)
        for pk, user in chosen.items()
    )
    User.objects.filter(pk__in=list(chosen)).update(
        unread_notifications=F("unread_notifications") + 1
    )
    return len(chosen)
