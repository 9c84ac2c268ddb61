"""The Redis cache backend (aouad_site/redis_cache.py) keeps Django's contract, cheaper.

Redis runs wherever the suite runs (REDIS_URL, or the local default), whichever cache the
settings chose."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache

from aouad_site.redis_cache import RedisCache

LOCATION = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"


@pytest.fixture
def redis_cache() -> Iterator[RedisCache]:
    cache = RedisCache(LOCATION, {"KEY_PREFIX": f"test-{uuid.uuid4().hex}"})
    try:
        cache.get("ping")
    except OSError as error:  # redis-py's connection errors are OSErrors
        pytest.skip(f"no Redis at {LOCATION}: {error}")
    yield cache
    cache.delete_many(["counter", "missing"])


def test_incr_adds_to_a_counter_and_keeps_its_expiry(redis_cache: RedisCache) -> None:
    redis_cache.set("counter", 5, timeout=300)

    assert redis_cache.incr("counter") == 6
    assert redis_cache.incr("counter", 10) == 16
    assert redis_cache.decr("counter", 2) == 14
    assert redis_cache.get("counter") == 14
    raw = redis_cache._cache.get_client()
    assert 0 < raw.ttl(redis_cache.make_key("counter")) <= 300


def test_incr_of_a_missing_key_is_an_error_and_creates_nothing(redis_cache: RedisCache) -> None:
    with pytest.raises(ValueError, match="not found"):
        redis_cache.incr("missing")

    assert redis_cache.get("missing") is None


def test_every_operation_shares_one_client(redis_cache: RedisCache) -> None:
    stock = DjangoRedisCache(LOCATION, {})._cache

    assert redis_cache._cache.get_client() is redis_cache._cache.get_client(write=True)
    assert stock.get_client() is not stock.get_client()  # what Django does: one per call
