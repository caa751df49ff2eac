"""The bot's one Redis connection, and what happens while Redis is away.

Every shared store goes through `RedisLink.run`, which gives the caller's fallback when Redis
cannot be reached: searches go on, settings read as defaults, the rate limit lets users through.
The outage is logged once when it starts and once when it ends, not once per update, and for a
short while after a failure calls do not even try, so a blackholed Redis does not cost every
update a connect timeout. The URL (it may hold a password) is never logged.

The redis client library is imported only once a link is made: a bot without `REDIS_URL`
never loads it (about 8 MB of resident memory).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, TypeVar
from urllib.parse import unquote, urlsplit

from pydantic import SecretStr

if TYPE_CHECKING:
    from redis.asyncio import Redis

log = logging.getLogger(__name__)

T = TypeVar("T")
RETRY_AFTER_S = 1.0


def url_password(url: SecretStr | None) -> SecretStr | None:
    """The password inside a Redis URL, so that the log filter can hide it on its own too."""
    password = urlsplit(url.get_secret_value()).password if url is not None else None
    return SecretStr(unquote(password)) if password else None


class RedisLink:
    """A `redis.asyncio` client, the key prefix, and the outage policy."""

    def __init__(self, client: Redis, prefix: str, *, retry_after_s: float = RETRY_AFTER_S,
                 clock: Callable[[], float] = time.monotonic) -> None:
        from redis.exceptions import RedisError

        self.client = client
        self.failures: tuple[type[Exception], ...] = (RedisError, OSError)  # what an outage raises
        self.prefix = prefix
        self._retry_after_s = retry_after_s
        self._clock = clock
        self._down_since: float | None = None
        self._retry_at = 0.0

    @classmethod
    def from_url(cls, url: str, prefix: str, timeout_s: float) -> RedisLink:
        from redis.asyncio import Redis

        client = Redis.from_url(url, decode_responses=True, socket_timeout=timeout_s,
                                socket_connect_timeout=timeout_s, health_check_interval=30)
        return cls(client, prefix)

    @property
    def is_up(self) -> bool:
        return self._down_since is None

    def key(self, *parts: object) -> str:
        return self.prefix + ":".join(str(part) for part in parts)

    async def run(self, what: str, call: Callable[[Redis], Awaitable[T]], fallback: T) -> T:
        """`call(client)`, or `fallback` when Redis fails or failed a moment ago."""
        if self._down_since is not None and self._clock() < self._retry_at:
            return fallback
        try:
            result = await call(self.client)
        except self.failures as error:
            self._went_down(what, error)
            return fallback
        if self._down_since is not None:
            log.warning("redis is back after %.0f s: shared settings, sessions and limits again",
                        self._clock() - self._down_since)
            self._down_since = None
        return result

    async def aclose(self) -> None:
        await self.client.aclose()

    def _went_down(self, what: str, error: Exception) -> None:
        now = self._clock()
        self._retry_at = now + self._retry_after_s
        if self._down_since is None:
            self._down_since = now
            log.error("redis unreachable (%s while %s): searches go on with default settings, "
                      "no rate limit and no new sessions until it is back", type(error).__name__,
                      what)
