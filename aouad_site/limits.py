"""Daily limits per fan and action, counted in the database (accounts.DailyCount).

Most actions are checked before they run and counted after they succeed, so a refused or
invalid attempt costs nothing. Votes, the hottest write, `take` instead: check and count in
one statement inside the vote's own transaction (theories/services.cast_vote), so two votes
at once can never both take the last one, and a vote that is not cast rolls its count back.

The counters were in the shared cache (Redis) before: on SQLite, a vote's round trip to Redis
cost more than counting in the write transaction it opens anyway (bench/README.md), and
without Redis the file-based counters were not atomic between worker processes.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.forms import Form
from django.utils import timezone

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


# One more use today; a row counting a day gone by starts again at 1. The ORM has no upsert
# with a condition; SQLite (3.35+) and PostgreSQL both take this one.
_COUNT = (
    "INSERT INTO accounts_dailycount (user_id, action, day, used) VALUES (%s, %s, %s, 1)"
    " ON CONFLICT (user_id, action) DO UPDATE SET"
    " used = CASE WHEN excluded.day > accounts_dailycount.day"
    " THEN 1 ELSE accounts_dailycount.used + 1 END,"
    # Only a later day starts afresh: a host whose clock is a moment behind, just after
    # midnight, counts towards the new day instead of resetting it back.
    " day = CASE WHEN excluded.day > accounts_dailycount.day"
    " THEN excluded.day ELSE accounts_dailycount.day END"
)
# … unless `limit` are used already: then no row is updated, and none returned.
_TAKE = (
    _COUNT
    + " WHERE excluded.day > accounts_dailycount.day OR accounts_dailycount.used < %s"
    + " RETURNING used"
)


def count(user: User, action: str) -> None:
    """Count one use of `action` that has happened (checked beforehand with `refuse`)."""
    with connection.cursor() as cursor:
        cursor.execute(_COUNT, [user.pk, action, connection.ops.adapt_datefield_value(_today())])


def take(user: User, action: str) -> bool:
    """Count one more `action` if today's limit allows it: True if counted, False if reached.

    Call it inside the action's transaction: if the action fails, its count goes with it."""
    limit = daily_limit(user, action)
    if limit <= 0:
        return False
    day = connection.ops.adapt_datefield_value(_today())
    with connection.cursor() as cursor:
        cursor.execute(_TAKE, [user.pk, action, day, limit])
        return cursor.fetchone() is not None


# A fan refused today is remembered in this process for a while (caches["pages"], local
# memory): their next votes are refused before the vote's transaction, so a fan (or a script)
# at the limit does not queue for the write lock. Bounded, so a limit raised during the day
# takes effect soon.
REFUSED_NOTE_SECONDS = 600


def _refused_key(user: User, action: str) -> str:
    return f"limit-refused:{action}:{user.pk}:{_today():%Y-%m-%d}"


def refused_today(user: User, action: str) -> bool:
    """True if this process refused the fan's `action` for today's limit a short while ago."""
    return caches["pages"].get(_refused_key(user, action)) is not None


def note_refused(user: User, action: str) -> None:
    caches["pages"].set(_refused_key(user, action), True, timeout=REFUSED_NOTE_SECONDS)


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
