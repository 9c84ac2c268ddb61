from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import AVATAR_WIDTHS, User
from accounts.signals import suspension_changed
from accounts.throttles import take_or_refuse
from aouad_site.images import CleanImage, store


@transaction.atomic
def sign_up(
    *, username: str, email: str, password: str, address: str, language: str = "en"
) -> User:
    """Create a fan's account if `address` has sign-ups left this hour (else `Throttled`).

    The count and the account stand or fall together: a sign-up that fails counts nothing."""
    take_or_refuse(("signup-address", address))
    return User.objects.create_user(
        username=username, email=email, password=password, language=language
    )


@transaction.atomic
def suspend(*, users: list[User], moderator: User, until: datetime | None, reason: str) -> int:
    """Suspend fans until a moment (None: indefinitely). Staff cannot be suspended this way."""
    if any(u.is_staff or u.is_superuser for u in users):
        raise PermissionDenied(_("Staff accounts are not suspended from the moderation queue."))
    now = timezone.now()
    with translation.override(settings.LANGUAGE_CODE):  # the moderation log's one language
        note = (
            _("until %(moment)s UTC; %(reason)s")
            % {"moment": f"{until:%Y-%m-%d %H:%M}", "reason": reason}
            if until
            else _("indefinitely; %(reason)s") % {"reason": reason}
        )
    for user in users:
        user.suspended_at, user.suspended_until, user.suspension_reason = now, until, reason
        user.save(update_fields=["suspended_at", "suspended_until", "suspension_reason"])
        suspension_changed.send(
            sender=User, user=user, moderator=moderator, suspended=True, note=note
        )
    return len(users)


@transaction.atomic
def lift_suspension(*, users: list[User], moderator: User) -> int:
    lifted = 0
    for user in users:
        if user.suspended_at is None:
            continue
        user.suspended_at = user.suspended_until = None
        user.suspension_reason = ""
        user.save(update_fields=["suspended_at", "suspended_until", "suspension_reason"])
        suspension_changed.send(
            sender=User, user=user, moderator=moderator, suspended=False, note=""
        )
        lifted += 1
    return lifted


@transaction.atomic
def update_settings(
    *,
    user: User,
    display_name: str,
    bio: str,
    avatar: CleanImage | None,
    remove_avatar: bool,
    spoiler_preference: str,
    muted: list[str],
    watched: tuple[int, int | None] | None = None,
    time_zone: str = "",
) -> User:
    """Save a fan's profile and preferences. A replaced or removed avatar's files go once
    this commits (accounts/apps.py)."""
    user.display_name = display_name.strip()
    user.bio = bio.strip()
    user.spoiler_preference = spoiler_preference
    user.time_zone = time_zone
    user.muted_notifications = sorted(set(muted))
    if watched is not None:  # (season, episode within it or None for the whole season)
        user.watched_season, user.watched_episode = watched
    if avatar is not None:
        user.avatar = store(
            avatar, storage=default_storage, folder="avatars", thumbnail_widths=AVATAR_WIDTHS
        )
    elif remove_avatar:
        user.avatar = ""
    user.save()
    return user


def set_watched(*, user: User, season: int, episode: int | None) -> None:
    """How far the fan has watched: later episodes' spoilers are collapsed for them."""
    user.watched_season, user.watched_episode = season, episode
    user.save(update_fields=["watched_season", "watched_episode"])
