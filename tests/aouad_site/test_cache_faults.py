"""The cache is a cache: with a real Redis down, frozen or full, pages, sign-ins and votes go
on from the database, and /healthz tells the cache's state apart from the database's.

Each test starts a Redis of its own on a free port and stops it by pid."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.test import Client
from prometheus_client import REGISTRY
from pytest_django import Settings

from accounts.models import User
from aouad_site import redis_breaker
from tests.theories.factories import TheoryFactory
from theories.models import Vote

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs redis-server"),
]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def redis(settings: Settings) -> Iterator[subprocess.Popen]:
    port = _free_port()
    options = "--bind 127.0.0.1 --appendonly no --maxmemory 8mb --maxmemory-policy noeviction"
    command = [shutil.which("redis-server") or "redis-server", "--port", str(port), "--save", ""]
    server = subprocess.Popen([*command, *options.split()], stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while socket.socket().connect_ex(("127.0.0.1", port)) != 0:
        assert time.monotonic() < deadline, "redis-server did not start"
        time.sleep(0.05)
    shared = {**django_settings.CACHES["default"]}
    if not shared["BACKEND"].startswith("django_redis"):
        shared = {
            "BACKEND": "django_redis.cache.RedisCache",
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.25,
                "SOCKET_TIMEOUT": 0.25,
                "CONNECTION_POOL_CLASS": "aouad_site.redis_breaker.BreakerConnectionPool",
            },
        }
    settings.CACHES = {
        **django_settings.CACHES,
        "default": {**shared, "LOCATION": f"redis://127.0.0.1:{port}/0"},
    }
    redis_breaker.breaker.failures, redis_breaker.breaker.open_until = 0, 0.0
    try:
        yield server
    finally:
        if server.poll() is None:
            os.kill(server.pid, signal.SIGCONT)
            server.kill()
        server.wait()
        redis_breaker.breaker.failures, redis_breaker.breaker.open_until = 0, 0.0


def _everything_works(fan: User) -> None:
    theory = TheoryFactory(title="Cheong-san lives")
    reader = Client()
    signed_in = Client()
    signed_in.force_login(fan)
    for path in ("/", "/theories/", theory.get_absolute_url()):
        assert reader.get(path).status_code == 200
        assert "<summary>" + fan.username in signed_in.get(path).content.decode()
    voted = signed_in.post(f"/theories/{theory.pk}/vote/", {"value": "1"})
    assert voted.status_code == 302
    assert Vote.objects.filter(user=fan, theory=theory, value=1).count() == 1
    assert "Cheong-san lives" in reader.get("/theories/").content.decode()


def test_with_redis_up_pages_come_from_it(redis, other_fan: User) -> None:
    _everything_works(other_fan)
    Client().get("/theories/")

    assert cache.get("v:listings") is not None
    assert Client().get("/healthz").json()["cache"] == "up"


def test_with_redis_down_everything_works_from_the_database(redis, other_fan: User) -> None:
    signed_in = Client()
    signed_in.force_login(other_fan)  # the session is saved while Redis is up
    redis.kill()
    redis.wait()

    _everything_works(other_fan)
    assert signed_in.get("/accounts/settings/").status_code == 200  # from the database
    health = Client().get("/healthz")
    assert health.status_code == 200
    assert health.json() == {"status": "ok", "database": "up", "cache": "down", "tasks": "inline"}


def test_with_redis_frozen_requests_stay_quick_once_the_breaker_opens(
    redis, other_fan: User
) -> None:
    os.kill(redis.pid, signal.SIGSTOP)
    errors = REGISTRY.get_sample_value("aouad_cache_errors_total") or 0.0

    started = time.monotonic()
    _everything_works(other_fan)
    first = time.monotonic() - started
    assert redis_breaker.breaker.is_open
    opened_after = REGISTRY.get_sample_value("aouad_cache_errors_total") or 0.0
    started = time.monotonic()
    for _ in range(10):
        assert Client().get("/theories/").status_code == 200
    assert time.monotonic() - started < 1.0  # no socket timeout while the breaker is open
    assert first < 5.0, first
    # The timeouts that opened it are counted (aouad_site/metrics.py); the skipped commands not.
    assert opened_after - errors >= redis_breaker.FAILURES_TO_OPEN
    assert REGISTRY.get_sample_value("aouad_cache_errors_total") == opened_after


def test_with_redis_full_pages_and_votes_go_on(redis, other_fan: User) -> None:
    filler = "x" * 100_000
    for n in range(200):  # past maxmemory: from now on Redis refuses writes
        cache.set(f"filler:{n}", filler, timeout=None)

    _everything_works(other_fan)
    assert not redis_breaker.breaker.is_open  # refusals are answers, not a dead server
