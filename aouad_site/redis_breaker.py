"""A circuit breaker for the Redis cache: after a few failures in a row, skip Redis for a while.

django-redis (IGNORE_EXCEPTIONS) turns every Redis error into a cache miss, but a frozen Redis
would still cost each request its socket timeouts. Here, once FAILURES_TO_OPEN commands in a
row have failed, every command fails at once for OPEN_SECONDS (so every cache call is a miss
that costs nothing), then one is let through to try again. Per worker process, through
django-redis's CONNECTION_POOL_CLASS option.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from redis import ConnectionPool
from redis.connection import Connection
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from aouad_site.metrics import CACHE_ERRORS

FAILURES_TO_OPEN = 3
OPEN_SECONDS = 5.0
logger = logging.getLogger(__name__)


class Skipped(RedisConnectionError):
    """A command not sent while the breaker is open: a miss, not another error of Redis."""


class Breaker:
    def __init__(self) -> None:
        self.failures = 0
        self.open_until = 0.0

    @property
    def is_open(self) -> bool:
        return time.monotonic() < self.open_until

    def check(self) -> None:
        if self.is_open:
            raise Skipped("The cache is skipped for a few seconds after errors.")

    def failed(self, error: Exception) -> None:
        self.failures += 1
        if self.failures >= FAILURES_TO_OPEN and not self.is_open:
            self.open_until = time.monotonic() + OPEN_SECONDS
            logger.warning("Redis failing (%s): skipping the cache for %ss", error, OPEN_SECONDS)

    def succeeded(self) -> None:
        self.failures = 0


breaker = Breaker()


class BreakerConnection(Connection):
    connecting = False

    def connect(self) -> None:
        # The pool connects (and greets the server) before a command is sent: a connection that
        # fails there counts as one error (aouad_site/metrics.py), however far it got.
        self.connecting = True
        try:
            super().connect()
        except Skipped:
            raise
        except (RedisConnectionError, RedisTimeoutError):
            CACHE_ERRORS.inc()
            raise
        finally:
            self.connecting = False

    def send_packed_command(self, command: Any, check_health: bool = True) -> None:
        breaker.check()
        try:
            super().send_packed_command(command, check_health)
        except (RedisConnectionError, RedisTimeoutError) as error:
            self._failed(error)
            raise

    def read_response(self, *args: Any, **kwargs: Any) -> Any:
        try:
            response = super().read_response(*args, **kwargs)
        except (RedisConnectionError, RedisTimeoutError) as error:
            self._failed(error)
            raise
        breaker.succeeded()
        return response

    def _failed(self, error: Exception) -> None:
        if not self.connecting:
            CACHE_ERRORS.inc()
        breaker.failed(error)


class BreakerConnectionPool(ConnectionPool):
    def __init__(self, connection_class: type[Connection] = BreakerConnection, **kwargs: Any):
        super().__init__(connection_class=connection_class, **kwargs)
