"""The sign-in backend: Django's ModelBackend, with a cheaper lookup of the signed-in fan."""

from __future__ import annotations

from functools import cache

from django.contrib.auth import backends

from accounts.models import User


@cache
def _select_by_pk() -> str:
    """The ORM's own SELECT of a user by primary key, built once per process."""
    sql, _ = User._default_manager.filter(pk=0).query.sql_with_params()
    return sql


class ModelBackend(backends.ModelBackend):
    """Every request from a signed-in fan starts by looking the fan up (`get_user`).

    Django's `get(pk=…)` builds that SELECT anew each time: 0.30 ms on SQLite for a statement
    that runs in 0.05. The same statement, built once per process and run through `raw()`
    (which keeps the ORM's columns and value conversions), takes 0.15 ms: about 5 % of a vote
    and 10 % of a signed-in page served from the cache. Everything else is Django's.
    """

    def get_user(self, user_id: object) -> User | None:
        found = list(User._default_manager.raw(_select_by_pk(), [user_id]))
        if not found:
            return None
        return found[0] if self.user_can_authenticate(found[0]) else None
