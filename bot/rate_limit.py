"""A polite per-user limit on searches, so one noisy user cannot tie up the backend."""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable

_SWEEP_EVERY = 1000


class UserRateLimiter:
    """At most `limit` searches per user in any `window_s` seconds; `limit=0` lifts it."""

    def __init__(self, limit: int, window_s: float,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._limit = limit
        self._window_s = window_s
        self._clock = clock
        self._recent: dict[int, deque[float]] = {}
        self._checks = 0

    def acquire(self, user_id: int) -> int:
        """Record a search and return 0, or return the whole seconds to wait and record nothing."""
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
