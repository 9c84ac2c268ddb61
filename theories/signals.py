"""Keep the search index in step with what it indexes (see theories/search.py), and log
suspensions, which accounts announce, in the moderation log."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from accounts.models import User
from accounts.signals import suspension_changed
from characters.models import Character
from moderation.actions import log_action
from moderation.models import ActionKind
from quotes.models import Quote
from theories import search
from theories.models import Theory


@receiver(post_save, sender=Theory)
@receiver(post_save, sender=Quote)
@receiver(post_save, sender=Character)
def _reindex(sender: type, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if not raw:  # fixtures load rows as they are
        search.index(instance)


@receiver(post_delete, sender=Theory)
@receiver(post_delete, sender=Quote)
@receiver(post_delete, sender=Character)
def _unindex(sender: type, instance: Any, **kwargs: Any) -> None:
    search.unindex(instance)


@receiver(m2m_changed, sender=Theory.characters.through)
@receiver(m2m_changed, sender=Quote.characters.through)
def _reindex_characters(
    sender: type, instance: Any, action: str, reverse: bool, **kwargs: Any
) -> None:
    if action in ("post_add", "post_remove", "post_clear") and not reverse:
        search.index(instance)


@receiver(suspension_changed, sender=User)
def _log_suspension(
    sender: type, *, user: User, moderator: User, suspended: bool, note: str, **kwargs: Any
) -> None:
    kind = ActionKind.SUSPEND if suspended else ActionKind.UNSUSPEND
    log_action(moderator=moderator, kind=kind, item=user, title=user.username, note=note)
