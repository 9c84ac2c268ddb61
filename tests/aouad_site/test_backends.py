"""The suite runs on whatever DATABASE_URL and REDIS_URL name; prove it really does."""

from __future__ import annotations

import os

import pytest
from django.core.cache import cache, caches
from django.db import connection


@pytest.mark.django_db
def test_it_runs_on_the_database_the_environment_names() -> None:
    expected = "postgresql" if os.environ.get("DATABASE_URL") else "sqlite"

    assert connection.vendor == expected
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


def test_it_uses_the_cache_the_environment_names() -> None:
    expected = "RedisCache" if os.environ.get("REDIS_URL") else "LocMemCache"

    assert type(caches["default"]).__name__ == expected
    cache.set("round-trip", {"ok": 1}, 30)
    assert cache.get("round-trip") == {"ok": 1}
