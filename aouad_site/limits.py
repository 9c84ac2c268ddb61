"""Daily limits per fan and action, counted in the shared cache (Redis in production; files
every worker process reads otherwise).

A limit is checked before the action and counted after it succeeds, so a refused or
invalid attempt costs nothing. Counters live for one UTC day.

Votes, the hottest write, `take` instead: check and count in one step (one round trip to
Redis instead of three, and two votes at once can never both take the last one), then
`give_back` if the vote is not cast after all.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.forms import Form
from django.utils import timezone

from accounts.models import User


def is_new_account(user: User) -> bool:
    return user.date_joined > timezone.now() - timedelta(days=settings.NEW_ACCOUNT_DAYS)


def daily_limit(user: User, action: str) -> int:
    new, established = settings.DAILY_LIMITS[action]
    return new if is_new_account(user) else established


COUNTER_SECONDS = 60 * 60 * 25  # a UTC day's counter, and an hour's grace for slow clocks


def _key(user: User, action: str) -> str:
    return f"limit:{action}:{user.pk}:{timezone.now():%Y-%m-%d}"


def used(user: User, action: str) -> int:
    return int(caches["shared"].get(_key(user, action), 0))


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


def _add(user: User, action: str, delta: int) -> None:
    key = _key(user, action)
    shared = caches["shared"]
    if not hasattr(shared, "take"):
        # Django's generic incr (the file-based cache) writes the sum back with the default
        # 5-minute timeout, which would end the day's counter early: keep the day's instead.
        # Not atomic between processes; see the README (use Redis with several workers).
        shared.set(key, max(0, int(shared.get(key, 0)) + delta), timeout=COUNTER_SECONDS)
        return
    if delta > 0:
        shared.add(key, 0, timeout=COUNTER_SECONDS)
    try:
        shared.incr(key, delta)  # Redis: atomic, and the counter keeps its expiry
    except ValueError:  # gone (expired) in between: nothing to take back, or start afresh
        if delta > 0:
            shared.set(key, delta, timeout=COUNTER_SECONDS)


def count(user: User, action: str) -> None:
    _add(user, action, 1)


def take(user: User, action: str) -> bool:
    """Count one more `action` if today's limit allows it: True if counted, False if reached."""
    shared = caches["shared"]
    limit = daily_limit(user, action)
    if hasattr(shared, "take"):  # Redis (aouad_site/redis_cache.py): atomic, one round trip
        return shared.take(_key(user, action), limit, COUNTER_SECONDS)
    if used(user, action) >= limit:
        return False
    count(user, action)
    return True


def give_back(user: User, action: str) -> None:
    """Uncount an action `take` counted that did not happen after all."""
    _add(user, action, -1)


NOUNS = {
    "theory": "theories",
    "quote": "quote suggestions",
    "vote": "votes",
    "report": "reports",
    "comment": "comments",
    "estimate": "estimates",
}


def message(user: User, action: str) -> str:
    limit = daily_limit(user, action)
    newness = (
        f" for accounts less than {settings.NEW_ACCOUNT_DAYS} days old"
        if is_new_account(user)
        else ""
    )
    return (
        f"You have reached today's limit of {limit} {NOUNS[action]}{newness}. "
        "It resets at midnight UTC; nothing you typed has been lost."
    )
