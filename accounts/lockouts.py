"""Sign-in lockouts (django-axes): by account and address together, and by address alone.

Axes counts failures per (username, address) and per address (AXES_LOCKOUT_PARAMETERS), and
compares the larger count with one limit. `failure_limit` makes that one comparison mean two
limits: a pair that reached LOGIN_FAILURE_LIMIT is cooled off; below that, only an address
that reached the larger LOGIN_FAILURES_PER_ADDRESS is. So failures from other addresses never
lock the owner out, and one address cannot guess its way through many accounts.
"""

from __future__ import annotations

from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import QuerySet, Sum
from django.http import HttpRequest

from accounts.addresses import client_address


def _pair_attempts(request: HttpRequest, credentials: dict[str, Any] | None) -> QuerySet:
    address = getattr(request, "axes_ip_address", None) or client_address(request)
    return AccessAttempt.objects.filter(
        username=get_client_username(request, credentials), ip_address=address
    )


def failure_limit(request: HttpRequest, credentials: dict[str, Any] | None) -> int:
    """AXES_FAILURE_LIMIT: the pair's limit once this account failed that often from this
    address within the cool-off, the per-address limit otherwise."""
    pair_limit = settings.LOGIN_FAILURE_LIMIT
    recent = _pair_attempts(request, credentials).filter(
        attempt_time__gte=get_cool_off_threshold(request)
    )
    failures = recent.aggregate(n=Sum("failures_since_start"))["n"] or 0
    return pair_limit if failures >= pair_limit else settings.LOGIN_FAILURES_PER_ADDRESS


class LockoutHandler(AxesDatabaseHandler):
    """Axes' database handler; a successful sign-in clears only its own pair's failures.

    Axes would clear every count the sign-in matches, the address's too: a script could then
    sign in to an account of its own now and then and never reach the per-address limit.
    """

    def reset_user_attempts(
        self, request: HttpRequest, credentials: dict[str, Any] | None = None
    ) -> int:
        deleted, _ = _pair_attempts(request, credentials).delete()
        return deleted
