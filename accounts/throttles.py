"""Hourly limits per client address or e-mail address: sign-ups and password resets.

Counted in the database (accounts.RateCount: one row per scope, key and clock hour), never in
the cache, which may lose or forget what it holds. Each request counts with one statement, an
upsert that adds one unless the hour's limit is reached and returns the new count (no row when
refused). It is written by hand because the ORM has no conditional upsert: `bulk_create(
update_conflicts=…)` cannot increment, and `get_or_create` then an `F()` update takes two or
three statements, in which two first requests of an hour race to insert (one fails on the
unique constraint and must retry) and `select_for_update` locks nothing on SQLite. SQLite
(3.35+) and PostgreSQL both run this statement as is, atomically.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connections, router
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from accounts.models import RateCount

# Windows that ended this long ago are deleted whenever some key starts a new one.
KEEP = timedelta(days=1)

MESSAGES = {
    "signup-address": _(
        "Too many accounts have been created from your network in the last hour. "
        "Please try again later; what you typed is still here."
    ),
    # The same words for both, and whether an account uses the address or not.
    "reset-address": _(
        "Too many password-reset e-mails have been asked for, for this address or from your "
        "network, in the last hour. If an account uses this address, the e-mails already "
        "sent are on their way (check the spam folder too); otherwise try again later."
    ),
}
MESSAGES["reset-email"] = MESSAGES["reset-address"]


class Throttled(Exception):
    """An hourly limit is reached; the message says so to the person asking."""


def window_start(moment: datetime) -> datetime:
    return moment.replace(minute=0, second=0, microsecond=0)


def _key(scope: str, value: str) -> str:
    return salted_hmac("accounts.throttles", f"{scope}\n{value}", algorithm="sha256").hexdigest()


def _statement(quote: Callable[[str], str]) -> str:
    meta = RateCount._meta
    table = quote(meta.db_table)
    scope, key, window, used = (
        quote(meta.get_field(name).column) for name in ("scope", "key", "window_start", "used")
    )
    return (
        # Names from the model, values as parameters.
        f"INSERT INTO {table} ({scope}, {key}, {window}, {used}) VALUES (%s, %s, %s, 1)"  # noqa: S608
        f" ON CONFLICT ({scope}, {key}, {window}) DO UPDATE SET {used} = {table}.{used} + 1"
        f" WHERE {table}.{used} < %s"
        f" RETURNING {used}"
    )


def take(scope: str, value: str, *, now: datetime | None = None) -> bool:
    """Count one use of `scope` by `value` (an address, an e-mail address) if this hour's
    limit (settings.HOURLY_LIMITS) allows it: True if counted, False if the limit is reached.

    Inside a transaction, the count is undone with it."""
    limit = settings.HOURLY_LIMITS[scope]
    if limit <= 0:
        return False
    now = now or timezone.now()
    connection = connections[router.db_for_write(RateCount)]
    with connection.cursor() as cursor:
        cursor.execute(
            _statement(connection.ops.quote_name),
            [
                scope,
                _key(scope, value),
                connection.ops.adapt_datetimefield_value(window_start(now)),
                limit,
            ],
        )
        row = cursor.fetchone()
    if row is None:
        return False
    if row[0] == 1:  # a new window: time to forget the old ones
        RateCount.objects.filter(window_start__lt=window_start(now) - KEEP).delete()
    return True


def take_or_refuse(*checks: tuple[str, str]) -> None:
    """`take` for each (scope, value) in turn; `Throttled` at the first one refused."""
    for scope, value in checks:
        if not take(scope, value):
            raise Throttled(MESSAGES[scope])
