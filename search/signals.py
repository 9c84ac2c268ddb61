"""Keep the search index in step with what it indexes (search/index.py)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from characters.models import Character
from quotes.models import Quote
from search import index
from theories.models import Theory


@receiver(post_save, sender=Theory)
@receiver(post_save, sender=Quote)
@receiver(post_save, sender=Character)
def _reindex(sender: type, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if not raw:  # fixtures load rows as they are
        index.index(instance)


@receiver(post_delete, sender=Theory)
@receiver(post_delete, sender=Quote)
@receiver(post_delete, sender=Character)
def _unindex(sender: type, instance: Any, **kwargs: Any) -> None:
    index.unindex(instance)


@receiver(m2m_changed, sender=Theory.characters.through)
@receiver(m2m_changed, sender=Quote.characters.through)
def _reindex_characters(
    sender: type, instance: Any, action: str, reverse: bool, **kwargs: Any
) -> None:
    if action in ("post_add", "post_remove", "post_clear") and not reverse:
        index.index(instance)
