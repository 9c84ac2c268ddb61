"""Moderating fans' profiles: a display name, a bio or an avatar other fans reported.

Reports never hide a profile by themselves (moderation/reporting.report only queues it); a
moderator clears the part at fault, which is logged, and the public log says “a profile”.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from moderation.actions import check_reason, close_reports, log_action
from moderation.models import ActionKind, RemovalReason, ReportState
from notifications.models import NotificationKind
from notifications.services import notify

# What each action clears: the user field, its empty value, and how the fan is told.
CLEARS = {
    "clear_name": ("display_name", ActionKind.CLEAR_DISPLAY_NAME, _("your display name")),
    "clear_bio": ("bio", ActionKind.CLEAR_BIO, _("the bio on your profile")),
    "remove_avatar": ("avatar", ActionKind.REMOVE_AVATAR, _("your avatar")),
}


def _cleared_text(part: str, reason: str, note: str) -> str:
    text = gettext("A moderator cleared %(part)s. Reason: %(reason)s.") % {
        "part": CLEARS[part][2],
        "reason": RemovalReason(reason).label.lower(),
    }
    return f"{text} {note.strip()}" if note.strip() else text


@transaction.atomic
def act(*, action: str, fans: Iterable[User], moderator: User, reason: str, note: str = "") -> int:
    """Apply one queue action to reported profiles; the number of profiles changed."""
    if action == "dismiss":
        return dismiss_reports(fans=fans, moderator=moderator, note=note)
    if action not in CLEARS:
        raise ValidationError(
            gettext("Unknown action for a profile: %(action)r.") % {"action": action},
            code="unknown",
        )
    return clear(part=action, fans=fans, moderator=moderator, reason=reason, note=note)


@transaction.atomic
def clear(*, part: str, fans: Iterable[User], moderator: User, reason: str, note: str = "") -> int:
    """Empty one part of each fan's profile (its reports are upheld) and tell the fan why.
    A removed avatar's files go once this commits (aouad_site/images.track_pictures)."""
    check_reason(reason, note, doing="clear")
    field, kind = CLEARS[part][:2]
    done = 0
    for fan in fans:
        if fan.is_staff and not moderator.is_superuser:
            raise PermissionDenied(gettext("Staff profiles are changed by an admin."))
        if not getattr(fan, field):
            continue
        setattr(fan, field, "")
        fan.save(update_fields=[field])
        close_reports(fan, state=ReportState.UPHELD, moderator=moderator)
        # Titled by nothing: the public log must not repeat an abusive name.
        log_action(moderator=moderator, kind=kind, item=fan, title="", reason=reason, note=note)
        notify(
            recipient=fan,
            kind=NotificationKind.REMOVED,
            text=partial(_cleared_text, part, reason, note),
            url=fan.get_absolute_url(),
        )
        done += 1
    return done


@transaction.atomic
def dismiss_reports(*, fans: Iterable[User], moderator: User, note: str = "") -> int:
    done = 0
    for fan in fans:
        if close_reports(fan, state=ReportState.DISMISSED, moderator=moderator):
            log_action(
                moderator=moderator, kind=ActionKind.DISMISS_REPORTS, item=fan, title="", note=note
            )
            done += 1
    return done
