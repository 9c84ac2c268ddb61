"""Django's Redis cache backend with changes on the hot paths (every page and every vote).

- One client per connection pool. Django's `RedisCacheClient.get_client` builds a new
  `redis.Redis` for every cache operation, and its constructor fills a table of a few hundred
  response callbacks: more CPU than the round trip to Redis itself. A `redis.Redis` is safe
  to share; it takes a connection from its pool for each command.
- `incr` in one round trip. Django's checks EXISTS, then INCRs: two round trips, and a key
  that expires in between comes back as a counter with no expiry. Here a small Lua script
  does both at once, atomically.

Everything else is the stock backend.
"""

from __future__ import annotations

from typing import Any

from django.core.cache.backends import redis

# The same contract as Django's incr: a missing key is an error, never created.
_INCR_IF_EXISTS = """
if redis.call('EXISTS', KEYS[1]) == 1 then
  return redis.call('INCRBY', KEYS[1], ARGV[1])
end
return false
"""


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}
        self._scripts: dict[tuple[int, str], Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

    def _script(self, client: Any, source: str) -> Any:
        script = self._scripts.get((id(client), source))
        if script is None:
            script = self._scripts[(id(client), source)] = client.register_script(source)
        return script

    def incr(self, key: Any, delta: int) -> int:
        client = self.get_client(key, write=True)
        value = self._script(client, _INCR_IF_EXISTS)(keys=[key], args=[delta])
        if value is None:
            raise ValueError(f"Key '{key}' not found.")
        return value


class RedisCache(redis.RedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = RedisCacheClient
