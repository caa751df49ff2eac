"""A polite per-user limit on searches, so one noisy user cannot tie up the backend.

`UserRateLimiter` counts in this process; `RedisUserRateLimiter` counts once for every replica
(a sliding window in a sorted set, checked and recorded by one Lua script, on Redis's clock so
that replicas' clocks do not matter). Without Redis the shared limit lets searches through.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable
from typing import Protocol

from bot.redis_link import RedisLink

_SWEEP_EVERY = 1000


class RateLimiter(Protocol):
    async def acquire(self, user_id: int) -> int:
        """Record a search and return 0, or return the whole seconds to wait and record nothing."""


class UserRateLimiter:
    """At most `limit` searches per user in any `window_s` seconds; `limit=0` lifts it."""

    def __init__(self, limit: int, window_s: float,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._limit = limit
        self._window_s = window_s
        self._clock = clock
        self._recent: dict[int, deque[float]] = {}
        self._checks = 0

    async def acquire(self, user_id: int) -> int:
        if self._limit <= 0:
            return 0
        now = self._clock()
        self._sweep(now)
        recent = self._recent.setdefault(user_id, deque())
        while recent and recent[0] <= now - self._window_s:
            recent.popleft()
        if len(recent) >= self._limit:
            return max(1, math.ceil(recent[0] + self._window_s - now))
        recent.append(now)
        return 0

    def _sweep(self, now: float) -> None:
        """Forget users who have been quiet for a whole window, so memory stays flat."""
        self._checks += 1
        if self._checks % _SWEEP_EVERY:
            return
        quiet = [user for user, times in self._recent.items()
                 if not times or times[-1] <= now - self._window_s]
        for user in quiet:
            del self._recent[user]


# KEYS[1]: the user's window; ARGV: limit, window in ms. Returns 0, or the ms to wait.
_SLIDING_WINDOW = """
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) >= limit then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return math.max(1, tonumber(oldest[2]) + window - now)
end
redis.call('ZADD', KEYS[1], now, now .. '-' .. time[2] .. '-' .. redis.call('INCR', KEYS[1] .. ':n'))
redis.call('PEXPIRE', KEYS[1], window)
redis.call('PEXPIRE', KEYS[1] .. ':n', window)
return 0
"""


class RedisUserRateLimiter:
    """The same limit, counted once for the whole bot in Redis; open while Redis is away."""

    def __init__(self, link: RedisLink, limit: int, window_s: float) -> None:
        self._link = link
        self._limit = limit
        self._window_ms = max(1, round(window_s * 1000))
        self._script = link.client.register_script(_SLIDING_WINDOW)

    async def acquire(self, user_id: int) -> int:
        if self._limit <= 0:
            return 0
        wait_ms = await self._link.run("checking the rate limit", lambda redis: self._script(
            keys=[self._link.key("rate", user_id)], args=[self._limit, self._window_ms],
            client=redis), 0)
        return math.ceil(int(wait_ms) / 1000) if wait_ms else 0
