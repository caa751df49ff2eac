"""Which updates were already handled, so an update Telegram delivers twice gets one reply.

Telegram posts an update again when the first POST failed or was slow to answer, possibly to
another replica. The first replica to see an `update_id` claims it with a lease; the lease is
renewed while the update is handled and becomes "done" once it was. A second delivery of a
done update is acknowledged and dropped; one that arrives while another replica still holds
the lease is refused (503) so that Telegram tries again later: if that replica died, its lease
runs out and the retry is handled by whoever gets it. Nothing is lost and nothing answered twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
from collections import OrderedDict
from collections.abc import AsyncIterator
from typing import Protocol

from bot.redis_link import RedisLink

LEASE_S = 5.0  # a dead replica's updates are handled elsewhere after at most this
DONE_TTL_S = 86400  # Telegram keeps an undelivered update for 24 hours
_LOCAL_MEMORY = 10_000
_DONE = "done"


class Claim(enum.Enum):
    NEW = "new"  # handle it
    DONE = "done"  # handled before: acknowledge, do nothing
    BUSY = "busy"  # being handled elsewhere: ask Telegram to retry


class UpdateClaims(Protocol):
    async def claim(self, update_id: int) -> Claim: ...

    def holding(self, update_id: int) -> contextlib.AbstractAsyncContextManager[None]:
        """Keep the claim while the block handles the update; mark it done when it returns."""


class LocalUpdateClaims:
    """For one replica: the last `memory` update ids, in this process."""

    def __init__(self, memory: int = _LOCAL_MEMORY) -> None:
        self._memory = memory
        self._seen: OrderedDict[int, bool] = OrderedDict()  # update id → done

    async def claim(self, update_id: int) -> Claim:
        if update_id in self._seen:
            return Claim.DONE if self._seen[update_id] else Claim.BUSY
        self._seen[update_id] = False
        while len(self._seen) > self._memory:
            self._seen.popitem(last=False)
        return Claim.NEW

    @contextlib.asynccontextmanager
    async def holding(self, update_id: int) -> AsyncIterator[None]:
        try:
            yield
        except BaseException:
            self._seen.pop(update_id, None)
            raise
        self._seen[update_id] = True


class RedisUpdateClaims:
    """For every replica: one key per update id, a lease while handled, then "done" for a day.

    While Redis is away every update counts as new: a rare double reply beats losing updates.
    """

    def __init__(self, link: RedisLink, owner: str, *, lease_s: float = LEASE_S) -> None:
        self._link = link
        self._owner = owner
        self._lease_ms = max(1, round(lease_s * 1000))

    async def claim(self, update_id: int) -> Claim:
        key = self._key(update_id)

        async def claim_or_read(redis) -> Claim:
            if await redis.set(key, self._owner, nx=True, px=self._lease_ms):
                return Claim.NEW
            return Claim.DONE if await redis.get(key) == _DONE else Claim.BUSY

        return await self._link.run("claiming an update", claim_or_read, Claim.NEW)

    @contextlib.asynccontextmanager
    async def holding(self, update_id: int) -> AsyncIterator[None]:
        key = self._key(update_id)
        renewing = asyncio.create_task(self._renew(key), name=f"cosmo-lease-{update_id}")
        try:
            yield
        except BaseException:
            await self._link.run("releasing an update", lambda redis: redis.delete(key), None)
            raise
        finally:
            renewing.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await renewing
        await self._link.run("finishing an update",
                             lambda redis: redis.set(key, _DONE, ex=DONE_TTL_S), None)

    async def _renew(self, key: str) -> None:
        while True:
            await asyncio.sleep(self._lease_ms / 3000)
            await self._link.run("renewing an update's lease",
                                 lambda redis: redis.pexpire(key, self._lease_ms), None)

    def _key(self, update_id: int) -> str:
        return self._link.key("update", update_id)
