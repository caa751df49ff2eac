"""Replicas of one bot acting as one: a single reindex at a time, and the same snapshot served.

With Redis, the replica that runs `/reindex` holds a lock key (renewed while it works, so a
replica that dies frees it within `LOCK_TTL_S`), then writes the new snapshot id to a key and
announces it on a channel. Every replica follows: it swaps to the announced snapshot (loaded from
the shared `INDEX_DIR`) on the message, and also checks the key every `POLL_S`, at start
included, so one that missed the message, or was restarting, catches up by itself. Each replica
also writes what it serves to a hash every `HEARTBEAT_S`, which `/stats` reads as the cluster.

Without Redis there is one replica: the lock is the process's own, and there is nothing to follow.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Protocol

from bot.redis_link import RedisLink

log = logging.getLogger(__name__)

LOCK_TTL_S = 30.0
POLL_S = 2.0  # a replica that missed the announcement swaps within this (plus the load)
HEARTBEAT_S = 5.0
SEEN_WINDOW_S = 60.0  # /stats lists the replicas heard from within this
_FORGET_AFTER_S = 3600.0

# Delete the lock only if this replica still holds it.
_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""


class ServedSnapshots:
    """The snapshot ids the replicas serve, as last heard; the snapshot store's `in_use`.

    Made before the engine (whose store asks it) and filled by the cluster (which needs the
    engine), so both get the same object.
    """

    def __init__(self) -> None:
        self.names: frozenset[str] = frozenset()

    def __call__(self) -> frozenset[str]:
        return self.names


@dataclass(frozen=True)
class ReplicaSeen:
    """One replica as its last heartbeat described it."""

    name: str
    snapshot_id: str
    seconds_ago: float


class Cluster(Protocol):
    """What a replica needs to know about the others."""

    async def claim_reindex(self) -> str | None:
        """Take the reindex lock: None when taken, else the name of the replica that holds it."""

    async def release_reindex(self) -> None: ...

    async def announce(self, snapshot_id: str) -> None:
        """Tell every replica to serve `snapshot_id`."""

    async def replicas(self) -> list[ReplicaSeen]: ...

    async def start(self) -> None:
        """Begin following the others (called once the bot is up)."""

    async def aclose(self) -> None: ...


class SoloCluster:
    """One process: nobody else reindexes, nobody to tell."""

    def __init__(self, replica: str, served: Callable[[], str]) -> None:
        self._replica = replica
        self._served = served

    async def claim_reindex(self) -> str | None:
        return None

    async def release_reindex(self) -> None:
        return None

    async def announce(self, snapshot_id: str) -> None:
        return None

    async def replicas(self) -> list[ReplicaSeen]:
        return [ReplicaSeen(self._replica, self._served(), 0.0)]

    async def start(self) -> None:
        return None

    async def aclose(self) -> None:
        return None


class RedisCluster:
    """The replicas that share one Redis (and one `INDEX_DIR`)."""

    def __init__(self, link: RedisLink, replica: str, served: Callable[[], str],
                 swap: Callable[[], Awaitable[object]], *,
                 in_use: ServedSnapshots | None = None, poll_s: float = POLL_S,
                 heartbeat_s: float = HEARTBEAT_S, clock: Callable[[], float] = time.time) -> None:
        self._link = link
        self._replica = replica
        self._served = served  # the snapshot id this replica serves ("" before any)
        self._swap = swap  # load the newest snapshot from INDEX_DIR
        self._in_use = in_use or ServedSnapshots()
        self._poll_s = poll_s
        self._heartbeat_s = heartbeat_s
        self._clock = clock
        self._release = link.client.register_script(_RELEASE)
        self._renewing: asyncio.Task | None = None
        self._tasks: list[asyncio.Task] = []
        self._last_announced: str | None = None

    @property
    def _lock_key(self) -> str:
        return self._link.key("reindex", "lock")

    @property
    def _snapshot_key(self) -> str:
        return self._link.key("snapshot")

    @property
    def _replicas_key(self) -> str:
        return self._link.key("replicas")

    async def claim_reindex(self) -> str | None:
        async def claim(redis) -> str | None:
            if await redis.set(self._lock_key, self._replica, nx=True, px=int(LOCK_TTL_S * 1000)):
                return None
            return await redis.get(self._lock_key) or "?"

        # Redis away: reindex here anyway; the snapshot store itself allows one writer at a time.
        holder = await self._link.run("taking the reindex lock", claim, None)
        if holder is None:
            await self._beat()  # what every replica serves now: the reindex must not prune it
            self._renewing = asyncio.create_task(self._renew_lock(), name="cosmo-reindex-lock")
        return holder

    async def release_reindex(self) -> None:
        if self._renewing is not None:
            self._renewing.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._renewing
            self._renewing = None
        await self._link.run("releasing the reindex lock", lambda redis: self._release(
            keys=[self._lock_key], args=[self._replica], client=redis), None)

    async def announce(self, snapshot_id: str) -> None:
        async def tell(redis) -> None:
            await redis.set(self._snapshot_key, snapshot_id)
            await redis.publish(self._snapshot_key, snapshot_id)

        await self._link.run("announcing the snapshot", tell, None)
        await self._beat()

    async def replicas(self) -> list[ReplicaSeen]:
        stored = await self._link.run("reading the replicas",
                                      lambda redis: redis.hgetall(self._replicas_key), {})
        now = self._clock()
        seen = []
        for name, value in stored.items():
            try:
                beat = json.loads(value)
                ago = now - float(beat["at"])
                snapshot_id = str(beat["snapshot"])
            except (ValueError, KeyError, TypeError):
                continue
            if ago <= SEEN_WINDOW_S:
                seen.append(ReplicaSeen(name, snapshot_id, max(0.0, ago)))
        return sorted(seen, key=lambda replica: replica.name)

    async def start(self) -> None:
        """Catch up with the announced snapshot now, then follow and beat in the background."""
        await self._catch_up()
        await self._beat()
        self._tasks = [asyncio.create_task(self._follow(), name="cosmo-follow-snapshot"),
                       asyncio.create_task(self._heartbeat(), name="cosmo-heartbeat")]

    async def aclose(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks = []
        await self._link.run("leaving the cluster",
                             lambda redis: redis.hdel(self._replicas_key, self._replica), None)

    async def _catch_up(self) -> None:
        announced = await self._link.run("reading the snapshot id",
                                         lambda redis: redis.get(self._snapshot_key), None)
        if announced and announced != self._served():
            if announced != self._last_announced:
                log.info("swapping to snapshot %s (this replica served %s)", announced,
                         self._served() or "none")
            self._last_announced = announced
            await self._swap()
            await self._beat()

    async def _follow(self) -> None:
        """Swap on each announcement; check the key anyway every `poll_s`."""
        while True:
            try:
                async with self._link.client.pubsub(ignore_subscribe_messages=True) as pubsub:
                    await pubsub.subscribe(self._snapshot_key)
                    while True:
                        await pubsub.get_message(timeout=self._poll_s)
                        await self._catch_up()
            except self._link.failures:
                await self._catch_up()  # through the link: logs the outage once
                await asyncio.sleep(self._poll_s)

    async def _heartbeat(self) -> None:
        while True:
            await asyncio.sleep(self._heartbeat_s)
            await self._beat()

    async def _beat(self) -> None:
        now = self._clock()
        beat = json.dumps({"snapshot": self._served(), "at": now})

        async def write(redis) -> None:
            await redis.hset(self._replicas_key, self._replica, beat)
            served = set()
            for name, value in (await redis.hgetall(self._replicas_key)).items():
                with contextlib.suppress(ValueError, KeyError, TypeError):
                    stored = json.loads(value)
                    age = now - float(stored["at"])
                    if age > _FORGET_AFTER_S:
                        await redis.hdel(self._replicas_key, name)
                    elif age <= SEEN_WINDOW_S and stored["snapshot"]:
                        served.add(str(stored["snapshot"]))
            self._in_use.names = frozenset(served)

        await self._link.run("writing the heartbeat", write, None)

    async def _renew_lock(self) -> None:
        while True:
            await asyncio.sleep(LOCK_TTL_S / 3)
            await self._link.run("renewing the reindex lock", lambda redis: redis.pexpire(
                self._lock_key, int(LOCK_TTL_S * 1000)), None)
