"""Searches and votes in each store (files, fakeredis, a real redis-server), within retention."""

import time

import fakeredis
import pytest

from engine.insight_store import LocalInsightStore, RedisInsightStore
from engine.record_log import RecordLog
from bot.redis_link import RedisLink
from engine.insight import SearchRecord, Vote

DAY = 86400.0


class Clock:
    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(params=["local", "fakeredis", "redis-server"])
async def store_and_clock(request, tmp_path):
    clock = Clock()
    if request.param == "local":
        yield LocalInsightStore(RecordLog(tmp_path / "s.jsonl"), RecordLog(tmp_path / "v.jsonl"),
                                retention_s=30 * DAY, clock=clock), clock
        return
    if request.param == "fakeredis":
        link = RedisLink(fakeredis.FakeAsyncRedis(decode_responses=True), "test:")
    else:
        link = RedisLink.from_url(request.getfixturevalue("redis_server").url, "test:", timeout_s=1)
    yield RedisInsightStore(link, retention_s=30 * DAY, clock=clock), clock
    await link.aclose()


async def test_records_read_back_in_order_and_drop_out_after_the_retention(store_and_clock):
    store, clock = store_and_clock
    clock.now = time.time()  # Redis stream ids follow the server's clock
    old = SearchRecord(at=clock.now - 40 * DAY, query="옛 검색", snapshot_id="snap-1", results=3)
    new = SearchRecord(at=clock.now, query="수분 <크림>", snapshot_id="snap-2", results=0,
                       nothing_fits=True)
    await store.add_search(old)
    await store.add_search(new)
    await store.add_vote(Vote(clock.now, "수분 <크림>", "p1", "snap-2", -1, "v1"))
    searches, votes = await store.records()
    assert new in searches and votes == [Vote(clock.now, "수분 <크림>", "p1", "snap-2", -1, "v1")]
    assert old not in searches  # older than the retention when read
    clock.now += 31 * DAY
    assert await store.records() == ([], [])
