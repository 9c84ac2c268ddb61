"""Suspensions, which accounts announce, go into the moderation log."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from accounts.models import User
from accounts.signals import suspension_changed
from moderation.actions import log_action
from moderation.models import ActionKind


@receiver(suspension_changed, sender=User)
def _log_suspension(
    sender: type, *, user: User, moderator: User, suspended: bool, note: str, **kwargs: Any
) -> None:
    kind = ActionKind.SUSPEND if suspended else ActionKind.UNSUSPEND
    log_action(moderator=moderator, kind=kind, item=user, title=user.username, note=note)
