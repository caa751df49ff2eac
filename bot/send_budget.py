"""Telegram's send limits counted once for all replicas: a token bucket in Redis before PTB's.

Telegram allows a bot about 30 messages per second overall and 20 per minute in one group,
whatever the number of processes sending them (the group bucket allows PTB's burst of 20). PTB's `AIORateLimiter` counts in its own process
only, so N replicas would send N times too much. `SharedSendBudget` takes a token from a bucket
in Redis (one for the bot, one per group) before handing the request to the inner limiter,
which still retries 429s after their `retry_after`. The buckets run on Redis's clock, so
replicas' clocks do not matter. While Redis is away each replica falls back to its inner limiter.
"""

from __future__ import annotations

import asyncio
from typing import Any

from telegram.ext import BaseRateLimiter

from bot.redis_link import RedisLink

GROUP_MESSAGES_PER_MINUTE = 20

# KEYS[1]: the bucket (a hash: tokens, updated-at in µs); ARGV: rate per s, burst.
# A token is always taken: below zero it is a reservation, and the caller waits until its turn.
# So each message costs one call, however many wait. Returns {µs to wait, µs of its turn}.
_TAKE = """
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + (now - at) * rate / 1000000) - 1
local wait = 0
if tokens < 0 then wait = math.ceil(-tokens * 1000000 / rate) end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) / rate * 1000) + 1000)
return {wait, now + wait}
"""


class TokenBuckets:
    """Named token buckets in Redis; `take` waits until the named bucket gives a token."""

    def __init__(self, link: RedisLink) -> None:
        self._link = link
        self._script = link.client.register_script(_TAKE)

    async def take(self, name: str, rate_per_s: float, burst: float) -> int | None:
        """Wait for a token; the Redis time (µs) of its turn, or None if Redis is away."""
        key = self._link.key("send", name)
        result = await self._link.run("taking a send token", lambda redis: self._script(
            keys=[key], args=[rate_per_s, burst], client=redis), None)
        if result is None:
            return None
        wait_us, turn_us = int(result[0]), int(result[1])
        if wait_us:
            await asyncio.sleep(wait_us / 1_000_000)
        return turn_us


class SharedSendBudget(BaseRateLimiter):
    """The bot's whole send budget in Redis, in front of a per-process `inner` limiter."""

    def __init__(self, buckets: TokenBuckets, inner: BaseRateLimiter,
                 messages_per_s: float) -> None:
        self._buckets = buckets
        self._inner = inner
        self._messages_per_s = messages_per_s

    async def initialize(self) -> None:
        await self._inner.initialize()

    async def shutdown(self) -> None:
        await self._inner.shutdown()

    async def process_request(self, callback, args: Any, kwargs: dict[str, Any], endpoint: str,
                              data: dict[str, Any], rate_limit_args: Any):
        chat_id = data.get("chat_id")
        if chat_id is not None and self._messages_per_s > 0:  # what PTB's limiter limits too
            # No burst overall: the replicas together send at most the rate in any second.
            await self._buckets.take("all", self._messages_per_s, 1)
            if _is_group(chat_id):
                await self._buckets.take(f"chat:{chat_id}", GROUP_MESSAGES_PER_MINUTE / 60,
                                         GROUP_MESSAGES_PER_MINUTE)
        return await self._inner.process_request(callback, args, kwargs, endpoint, data,
                                                 rate_limit_args)


def _is_group(chat_id: object) -> bool:
    """Negative ids and @usernames are groups and channels (Telegram's per-chat limit)."""
    try:
        return int(chat_id) < 0
    except (TypeError, ValueError):
        return isinstance(chat_id, str)
