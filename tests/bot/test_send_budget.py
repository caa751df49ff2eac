"""The send budget shared by replicas: together they stay within Telegram's rate."""

from __future__ import annotations

import asyncio

import fakeredis
import pytest

from bot.redis_link import RedisLink
from bot.send_budget import SharedSendBudget, TokenBuckets

RATE, BURST = 100.0, 10.0


@pytest.fixture
async def link():
    link = RedisLink(fakeredis.FakeAsyncRedis(decode_responses=True), "t:")
    yield link
    await link.aclose()


def most_in_any_window(grants_us: list[int], window_us: int) -> int:
    grants = sorted(grants_us)
    most, start = 0, 0
    for end, granted in enumerate(grants):
        while granted - grants[start] >= window_us:
            start += 1
        most = max(most, end - start + 1)
    return most


async def test_three_replicas_together_take_no_more_than_the_rate_allows(link):
    replicas = [TokenBuckets(link) for _ in range(3)]
    grants = await asyncio.gather(*(replicas[n % 3].take("all", RATE, BURST) for n in range(60)))
    # on Redis's clock: at most the burst plus what the rate refills, in any window
    assert most_in_any_window(grants, 200_000) <= BURST + RATE * 0.2 + 1
    assert max(grants) - min(grants) >= (60 - BURST - 1) / RATE * 1_000_000


async def test_one_replica_alone_would_have_sent_them_all_at_once(link):
    """The measurement above can fail: without waiting, 60 tokens come in a few ms."""
    grants = await asyncio.gather(*(TokenBuckets(link).take(f"own-{n}", RATE, 60) for n in range(3)
                                    for _ in range(20)))
    assert most_in_any_window(grants, 200_000) == 60


class Inner:
    def __init__(self) -> None:
        self.requests = []

    async def initialize(self):
        return None

    async def shutdown(self):
        return None

    async def process_request(self, callback, args, kwargs, endpoint, data, rate_limit_args):
        self.requests.append(endpoint)
        return await callback(*args, **kwargs)


async def test_messages_to_a_group_also_take_from_that_groups_bucket(link):
    inner = Inner()
    budget = SharedSendBudget(TokenBuckets(link), inner, messages_per_s=30)

    async def call():
        return True

    for chat_id in (-100123, 7):
        assert await budget.process_request(call, (), {}, "sendMessage", {"chat_id": chat_id}, None)
    assert await budget.process_request(call, (), {}, "answerCallbackQuery", {}, None)
    keys = sorted(await link.client.keys("*"))
    assert keys == ["t:send:all", "t:send:chat:-100123"]
    assert inner.requests == ["sendMessage", "sendMessage", "answerCallbackQuery"]
