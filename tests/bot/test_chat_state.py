"""Chats' settings and sessions, the shared rate limit and update claims, in each store.

One contract, three stores: this process, Redis as fakeredis, and a real redis-server.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict

import fakeredis
import pytest
from redis.asyncio import Redis

from bot.chat_store import LocalChatStore, RedisChatStore
from bot.prefs import ChatPrefs
from bot.rate_limit import RedisUserRateLimiter
from bot.redis_link import RedisLink
from bot.sessions import SearchSession
from bot.update_claims import Claim, LocalUpdateClaims, RedisUpdateClaims

SESSION = SearchSession("search", "보습 크림", "크림", 5, "hybrid")


@pytest.fixture
async def fake_link():
    link = RedisLink(fakeredis.FakeAsyncRedis(decode_responses=True), "test:")
    yield link
    await link.aclose()


@pytest.fixture(params=["local", "fakeredis", "redis-server"])
async def chats(request):
    if request.param == "local":
        yield LocalChatStore(defaultdict(dict))
        return
    if request.param == "fakeredis":
        link = RedisLink(fakeredis.FakeAsyncRedis(decode_responses=True), "test:")
    else:
        server = request.getfixturevalue("redis_server")
        link = RedisLink.from_url(server.url, "test:", timeout_s=1)
    yield RedisChatStore(link, prefs_ttl_s=3600, session_ttl_s=3600)
    await link.aclose()


async def test_a_chats_settings_read_back_and_stay_apart_from_other_chats(chats):
    await chats.save_prefs(1, ChatPrefs(category="크림", top_n=3, mode="keyword"))
    assert await chats.prefs(1) == ChatPrefs(category="크림", top_n=3, mode="keyword")
    assert await chats.prefs(2) == ChatPrefs()


async def test_a_session_reads_back_by_its_key_in_its_own_chat_only(chats):
    first = await chats.save_session(1, SESSION)
    second = await chats.save_session(1, SearchSession("similar", "p1", None, 5, None))
    assert first != second
    assert await chats.session(1, first) == SESSION
    assert (await chats.session(1, second)).kind == "similar"
    assert await chats.session(2, first) is None
    assert await chats.session(1, "zzzzzzzz") is None


async def test_redis_holds_json_under_the_prefix_with_ttls(fake_link):
    chats = RedisChatStore(fake_link, prefs_ttl_s=3600, session_ttl_s=600)
    await chats.save_prefs(5, ChatPrefs(category="선크림"))
    key = await chats.save_session(5, SESSION)
    redis = fake_link.client
    assert sorted(await redis.keys("*")) == sorted(["test:chat:5:prefs", f"test:chat:5:session:{key}"])
    assert json.loads(await redis.get("test:chat:5:prefs"))["category"] == "선크림"
    assert json.loads(await redis.get(f"test:chat:5:session:{key}"))["text"] == "보습 크림"
    assert 0 < await redis.ttl("test:chat:5:prefs") <= 3600
    assert 0 < await redis.ttl(f"test:chat:5:session:{key}") <= 600


async def test_damaged_or_foreign_values_in_redis_read_as_defaults(fake_link):
    chats = RedisChatStore(fake_link, prefs_ttl_s=3600, session_ttl_s=600)
    redis = fake_link.client
    await redis.set("test:chat:5:prefs", "\x80\x04pickle?")
    await redis.set("test:chat:5:session:abc", json.dumps({"kind": "search", "text": 1}))
    await redis.set("test:chat:5:session:def", json.dumps({**vars(SESSION), "mode": "rm -rf"}))
    assert await chats.prefs(5) == ChatPrefs()
    assert await chats.session(5, "abc") is None
    assert await chats.session(5, "def") is None


async def test_the_shared_limit_counts_every_replica_once(fake_link):
    replicas = [RedisUserRateLimiter(fake_link, limit=3, window_s=60) for _ in range(3)]
    waits = [await replicas[n % 3].acquire(42) for n in range(9)]
    assert waits[:3] == [0, 0, 0] and all(1 <= wait <= 60 for wait in waits[3:])
    assert await replicas[0].acquire(43) == 0


async def test_the_shared_limit_against_a_real_redis_server(redis_server):
    link = RedisLink.from_url(redis_server.url, "test:", timeout_s=1)
    replicas = [RedisUserRateLimiter(link, limit=10, window_s=60) for _ in range(3)]
    try:
        shared = [await replicas[n % 3].acquire(7) for n in range(30)]
        assert shared.count(0) == 10 and shared[:10] == [0] * 10
    finally:
        await link.aclose()


@pytest.fixture(params=["local", "redis"])
def claims_pair(request, fake_link):
    """Two replicas' views of the claims (one and the same for the local store)."""
    if request.param == "local":
        local = LocalUpdateClaims()
        return local, local
    return (RedisUpdateClaims(fake_link, "replica-1", lease_s=5),
            RedisUpdateClaims(fake_link, "replica-2", lease_s=5))


async def test_an_update_is_new_once_busy_while_handled_and_done_after(claims_pair):
    first, second = claims_pair
    assert await first.claim(100) is Claim.NEW
    async with first.holding(100):
        assert await second.claim(100) is Claim.BUSY
    assert await second.claim(100) is Claim.DONE
    assert await second.claim(101) is Claim.NEW


async def test_an_update_whose_handling_was_cancelled_can_be_claimed_again(claims_pair):
    first, second = claims_pair
    assert await first.claim(7) is Claim.NEW
    with pytest.raises(KeyboardInterrupt):
        async with first.holding(7):
            raise KeyboardInterrupt
    assert await second.claim(7) is Claim.NEW


async def test_a_dead_replicas_lease_runs_out(fake_link):
    dead = RedisUpdateClaims(fake_link, "dead", lease_s=5)
    assert await dead.claim(9) is Claim.NEW  # and then it is SIGKILLed: no renewal, no "done"
    assert 0 < await fake_link.client.pttl("test:update:9") <= 5000
    await fake_link.client.delete("test:update:9")  # what the lease's expiry does
    assert await RedisUpdateClaims(fake_link, "alive").claim(9) is Claim.NEW


class DownRedis:
    """A client whose every command fails as an unreachable server does."""

    def __init__(self) -> None:
        self.calls = 0

    def __getattr__(self, name):
        async def fail(*args, **kwargs):
            self.calls += 1
            raise ConnectionError("connection refused")
        return fail

    def register_script(self, script):
        async def fail(**kwargs):
            self.calls += 1
            raise ConnectionError("connection refused")
        return fail


async def test_with_redis_down_settings_default_the_limit_is_open_and_updates_are_new(caplog):
    clock = [0.0]
    client = DownRedis()
    link = RedisLink(client, "test:", retry_after_s=1.0, clock=lambda: clock[0])
    chats = RedisChatStore(link, prefs_ttl_s=60, session_ttl_s=60)
    limiter = RedisUserRateLimiter(link, limit=1, window_s=60)
    claims = RedisUpdateClaims(link, "r1")
    with caplog.at_level(logging.WARNING, logger="bot.redis_link"):
        assert await chats.prefs(1) == ChatPrefs()
        assert [await limiter.acquire(1) for _ in range(5)] == [0] * 5
        assert await claims.claim(1) is Claim.NEW
        key = await chats.save_session(1, SESSION)
        assert await chats.session(1, key) is None
    assert client.calls == 1  # after one failure, calls skip Redis for `retry_after_s`
    assert len([r for r in caplog.records if "unreachable" in r.getMessage()]) == 1
    clock[0] = 2.0
    await chats.prefs(1)
    assert client.calls == 2 and not link.is_up


async def test_a_restarted_redis_server_is_used_again_without_a_restart_of_the_bot(
        redis_server, caplog):
    link = RedisLink.from_url(redis_server.url, "test:", timeout_s=0.5)
    link._retry_after_s = 0
    chats = RedisChatStore(link, prefs_ttl_s=60, session_ttl_s=60)
    try:
        await chats.save_prefs(1, ChatPrefs(top_n=3))
        redis_server.kill()
        with caplog.at_level(logging.WARNING, logger="bot.redis_link"):
            assert await chats.prefs(1) == ChatPrefs()
            assert not link.is_up
            redis_server.start()  # empty: what was stored is gone, nothing crashes
            assert await chats.prefs(1) == ChatPrefs()
            await chats.save_prefs(1, ChatPrefs(top_n=10))
            assert await chats.prefs(1) == ChatPrefs(top_n=10)
        assert link.is_up
        assert [r.getMessage()[:22] for r in caplog.records] == [
            "redis unreachable (Con", "redis is back after 0 "]
    finally:
        await link.aclose()
