"""Daily limits per fan and action, counted in the database (accounts.DailyCount).

Most actions are checked before they run and counted after they succeed, so a refused or
invalid attempt costs nothing. Votes, the hottest write, `take` instead: check and count in
one conditional UPDATE inside the vote's own transaction (theories/services.cast_vote), so two
votes at once can never both take the last one, and a vote that is not cast rolls its count
back. In the database, not the cache: the cache may fail or forget.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.forms import Form
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy

from accounts.models import DailyCount, User


def is_new_account(user: User) -> bool:
    return user.date_joined > timezone.now() - timedelta(days=settings.NEW_ACCOUNT_DAYS)


def daily_limit(user: User, action: str) -> int:
    new, established = settings.DAILY_LIMITS[action]
    return new if is_new_account(user) else established


def _today() -> date:
    return timezone.now().date()  # UTC: TIME_ZONE is UTC


def used(user: User, action: str) -> int:
    found = DailyCount.objects.filter(user=user, action=action, day=_today()).first()
    return found.used if found is not None else 0


def reached(user: User, action: str) -> bool:
    return used(user, action) >= daily_limit(user, action)


def refuse(user: User, action: str, form: Form) -> bool:
    """True if today's limit is reached; the form then carries the message, and what the fan
    typed stays in it (bound, with any other errors too)."""
    if not reached(user, action):
        return False
    form.is_valid()
    form.add_error(None, message(user, action))
    return True


def count(user: User, action: str) -> None:
    """Count one use of `action` that has happened (checked beforehand with `refuse`)."""
    _count(user, action, limit=None)


def take(user: User, action: str) -> bool:
    """Count one more `action` if today's limit allows it: True if counted, False if reached.

    Call it inside the action's transaction: if the action fails, its count goes with it."""
    limit = daily_limit(user, action)
    return limit > 0 and _count(user, action, limit=limit)


def _count(user: User, action: str, *, limit: int | None) -> bool:
    """One more use today, unless `limit` are used already. One UPDATE when the fan has a row
    for today; a row counting an earlier day starts again at 1. Only a later day starts afresh:
    a host whose clock is a moment behind, just after midnight, counts towards the new day."""
    today = _today()
    rows = DailyCount.objects.filter(user=user, action=action)
    with transaction.atomic(savepoint=False):
        this_day = rows.filter(day__gte=today)
        if (this_day if limit is None else this_day.filter(used__lt=limit)).update(
            used=F("used") + 1
        ):
            return True
        if this_day.exists():  # today's limit is reached
            return False
        if rows.filter(day__lt=today).update(day=today, used=1):
            return True
        try:
            with transaction.atomic():
                DailyCount.objects.create(user=user, action=action, day=today, used=1)
        except IntegrityError:  # created meanwhile by another request: count there
            return _count(user, action, limit=limit)
        return True


NOUNS = {
    # Translators: what a daily limit counts, after its number: "today's limit of 5 theories".
    "theory": pgettext_lazy("daily limit", "theories"),
    "quote": pgettext_lazy("daily limit", "quote suggestions"),
    "vote": pgettext_lazy("daily limit", "votes"),
    "report": pgettext_lazy("daily limit", "reports"),
    "comment": pgettext_lazy("daily limit", "comments"),
    "estimate": pgettext_lazy("daily limit", "estimates"),
    "edit": pgettext_lazy("daily limit", "edits"),
}


def message(user: User, action: str) -> str:
    values = {
        "limit": daily_limit(user, action),
        "things": NOUNS[action],
        "days": settings.NEW_ACCOUNT_DAYS,
    }
    if is_new_account(user):
        # Translators: %(things)s is what is counted (theories, votes…), %(days)d a number of days.
        text = gettext(
            "You have reached today's limit of %(limit)d %(things)s for accounts less than "
            "%(days)d days old. It resets at midnight UTC; nothing you typed has been lost."
        )
    else:
        # Translators: %(things)s is what is counted (theories, votes…).
        text = gettext(
            "You have reached today's limit of %(limit)d %(things)s. "
            "It resets at midnight UTC; nothing you typed has been lost."
        )
    return text % values
