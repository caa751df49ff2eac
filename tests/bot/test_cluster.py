"""Replicas sharing one Redis (fakeredis here): one reindex at a time, snapshots followed."""

from __future__ import annotations

import asyncio
import subprocess
import sys

import fakeredis
import pytest

from bot.cluster import RedisCluster, ServedSnapshots, SoloCluster
from bot.redis_link import RedisLink
from bot.reindex import ReindexRunner
from bot.texts import KOREAN
from tests.bot.fake_engine import FakeEngine
from tests.environment import environment_without_settings


class Replica:
    """What a cluster member needs from its engine: the served id, and a swap that loads CURRENT."""

    def __init__(self, name: str, link: RedisLink, shared: dict, *, poll_s: float = 60) -> None:
        self.shared = shared  # the shared INDEX_DIR's CURRENT, as a dict
        self.serving = shared.get("current", "")
        self.swapped = asyncio.Event()
        self.in_use = ServedSnapshots()
        self.cluster = RedisCluster(link, name, lambda: self.serving, self.swap, poll_s=poll_s,
                                    heartbeat_s=60, in_use=self.in_use)

    async def swap(self) -> None:
        self.serving = self.shared["current"]
        self.swapped.set()


@pytest.fixture
async def link():
    link = RedisLink(fakeredis.FakeAsyncRedis(decode_responses=True), "t:")
    yield link
    await link.aclose()


async def test_a_second_replica_cannot_take_the_reindex_lock_until_the_first_releases(link):
    shared = {"current": "snap-1"}
    first, second = Replica("r1", link, shared), Replica("r2", link, shared)
    assert await first.cluster.claim_reindex() is None
    assert await second.cluster.claim_reindex() == "r1"
    await second.cluster.release_reindex()  # not its lock: nothing happens
    assert await second.cluster.claim_reindex() == "r1"
    await first.cluster.release_reindex()
    assert await second.cluster.claim_reindex() is None
    await second.cluster.release_reindex()


async def test_an_announced_snapshot_is_swapped_in_by_a_replica_that_listens(link):
    shared = {"current": "snap-1"}
    first, second = Replica("r1", link, shared), Replica("r2", link, shared)
    await second.cluster.start()
    try:
        shared["current"] = "snap-2"
        await first.cluster.announce("snap-2")
        await asyncio.wait_for(second.swapped.wait(), 10)
        assert second.serving == "snap-2"
        assert [(seen.name, seen.snapshot_id) for seen in await second.cluster.replicas()] == [
            ("r1", "snap-1"), ("r2", "snap-2")]
    finally:
        await second.cluster.aclose()


async def test_a_replica_that_missed_the_announcement_catches_up_when_it_starts(link):
    shared = {"current": "snap-1"}
    first = Replica("r1", link, shared)
    shared["current"] = "snap-2"
    await first.cluster.announce("snap-2")
    late = Replica("late", link, {"current": "snap-2"})
    late.serving = "snap-1"
    await late.cluster.start()
    try:
        assert late.serving == "snap-2"
    finally:
        await late.cluster.aclose()
    assert [seen.name for seen in await first.cluster.replicas()] == ["r1"]  # late left


async def test_the_runner_announces_the_new_snapshot_and_frees_the_lock(link):
    engine = FakeEngine()
    shared = {"current": engine.snapshot_id}
    other = Replica("other", link, shared)
    runner = ReindexRunner(engine, RedisCluster(link, "me", lambda: engine.snapshot_id,
                                                engine.reindex))
    reports = []

    async def report(text: str) -> None:
        reports.append(text)

    assert await runner.claim() is None
    assert await other.cluster.claim_reindex() == "me"
    runner.start(report, KOREAN)
    await runner.wait()
    assert await link.client.get("t:snapshot") == engine.snapshot_id == "snap-fake-00002"
    assert await other.cluster.claim_reindex() is None
    await other.cluster.release_reindex()


async def test_the_replica_taking_the_lock_learns_which_snapshots_the_others_serve(link):
    lagging = Replica("lagging", link, {"current": "snap-1"})
    await lagging.cluster.start()
    await asyncio.sleep(0)  # its follower subscribes
    try:
        current = Replica("current", link, {"current": "snap-2"})
        assert await current.cluster.claim_reindex() is None
        assert current.in_use() == {"snap-1", "snap-2"}  # the store keeps both when it prunes
        await current.cluster.release_reindex()
    finally:
        await lagging.cluster.aclose()


async def test_one_process_alone_names_itself_as_the_cluster():
    solo = SoloCluster("only", lambda: "snap-x")
    assert await solo.claim_reindex() is None
    assert [(seen.name, seen.snapshot_id) for seen in await solo.replicas()] == [("only", "snap-x")]


def test_a_bot_without_redis_never_loads_the_redis_library():
    """About 8 MB of resident memory that a lone bot would carry for nothing."""
    code = ("import sys, bot.__main__, bot.app, engine.cli; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'redis'))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120, env=environment_without_settings())
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
