"""Shared searches in each store: a JSON-lines file (one process), fakeredis, a real redis-server."""

import fakeredis
import pytest

from engine.record_log import RecordLog
from bot.redis_link import RedisLink
from bot.share_store import LocalShareStore, RedisShareStore
from bot.sessions import SearchSession
from bot.shares import search_payload

SEARCH = SearchSession("search", "눈 안 시린 선크림", "선크림", 5, "hybrid")


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(params=["local", "fakeredis", "redis-server"])
async def shares(request, tmp_path):
    if request.param == "local":
        yield LocalShareStore(RecordLog(tmp_path / "shares.jsonl"), ttl_s=3600)
        return
    if request.param == "fakeredis":
        link = RedisLink(fakeredis.FakeAsyncRedis(decode_responses=True), "test:")
    else:
        link = RedisLink.from_url(request.getfixturevalue("redis_server").url, "test:", timeout_s=1)
    yield RedisShareStore(link, ttl_s=3600)
    await link.aclose()


async def test_a_shared_search_reads_back_by_its_payload_only(shares):
    payload = search_payload(SEARCH)
    await shares.put(payload, SEARCH)
    assert await shares.get(payload) == SEARCH
    assert await shares.get("sAAAAAAAAAAAA") is None


def test_the_same_search_has_the_same_payload_and_another_another():
    assert search_payload(SEARCH) == search_payload(SearchSession(*vars_of(SEARCH)))
    assert search_payload(SEARCH) != search_payload(SearchSession("search", "눈 안 시린 선크림",
                                                                  None, 5, "hybrid"))
    assert len(search_payload(SEARCH)) <= 64


def vars_of(session: SearchSession) -> tuple:
    return (session.kind, session.text, session.category, session.top_n, session.mode)


async def test_the_file_store_forgets_a_search_after_its_lifetime_and_across_a_restart(tmp_path):
    clock = Clock()
    path = tmp_path / "shares.jsonl"
    store = LocalShareStore(RecordLog(path), ttl_s=3600, clock=clock)
    await store.put("s1", SEARCH)
    clock.now += 1800
    reopened = LocalShareStore(RecordLog(path), ttl_s=3600, clock=clock)
    assert await reopened.get("s1") == SEARCH
    clock.now += 1801
    assert await reopened.get("s1") is None
    assert await LocalShareStore(RecordLog(path), ttl_s=3600, clock=clock).get("s1") is None


async def test_the_file_store_skips_a_damaged_line_and_compacts_what_it_no_longer_keeps(tmp_path):
    clock = Clock()
    path = tmp_path / "shares.jsonl"
    path.write_text('{"payload": "s0", "expires": 1, "search": {}}\n{half a line\n')
    store = LocalShareStore(RecordLog(path), ttl_s=60, clock=clock)
    for number in range(1100):
        await store.put(f"s{number}", SEARCH)
        clock.now += 1  # each lives 60 s: only the newest stay
    lines = path.read_text().splitlines()
    assert len(lines) < 1100
    assert await store.get("s1099") == SEARCH and await store.get("s5") is None


async def test_redis_keeps_a_search_with_its_lifetime(redis_server):
    link = RedisLink.from_url(redis_server.url, "test:", timeout_s=1)
    try:
        await RedisShareStore(link, ttl_s=3600).put("s1", SEARCH)
        assert 3590 <= await link.client.ttl("test:share:s1") <= 3600
    finally:
        await link.aclose()
