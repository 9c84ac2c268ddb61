"""How established a fan is: whether what they post waits for a moderator, and whether their
reports count toward hiding things. Counted over the kinds of content that say so
(`Moderated.earns_trust`, `Moderated.establishes_author`), found in the app registry in the
order their apps are installed, so that moderation imports none of them."""

from __future__ import annotations

from django.conf import settings

from accounts.limits import is_new_account
from accounts.models import User
from moderation.models import ContentStatus, Moderated, moderated_models


def _kinds(flag: str) -> list[type[Moderated]]:
    return [model for model in moderated_models() if getattr(model, flag)]


def is_trusted(user: User) -> bool:
    """Staff, and fans with enough approved theories, publish without waiting."""
    if user.is_staff:
        return True
    approved = sum(
        model.objects.filter(**{model.author_field: user}, published_at__isnull=False).count()
        for model in _kinds("earns_trust")
    )
    return approved >= settings.TRUST_AFTER_APPROVED


def counts_toward_hiding(user: User) -> bool:
    """Whether a fan's reports weigh toward hiding: an account past NEW_ACCOUNT_DAYS with
    approved content: a published theory or comment of theirs that is still up (the kinds that
    say `establishes_author`, in the order their apps are installed)."""
    if is_new_account(user):
        return False
    return any(
        model.objects.filter(
            **{model.author_field: user}, status=ContentStatus.PUBLISHED, deleted_at__isnull=True
        ).exists()
        for model in _kinds("establishes_author")
    )
