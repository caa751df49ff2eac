"""Load: 200 simulated users send 1,000 searches in total to `python -m bot` through the emulator.

Each user asks, waits for the answer, and asks again (five rounds after one warm-up round).
Every search gets exactly one reply, and the bot's resident memory after the run is close to
what it was after the warm-up. Figures go to test-artifacts/reliability-load.json for
docs/reliability.md.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections import Counter

import pytest

from emulator import DEFAULT_TOKEN, TelegramUser
from tests.reliability.bot_process import ROOT, UNCLEAN, BotProcess

USERS = [TelegramUser(100_000 + n, f"손님{n}") for n in range(200)]
ROUNDS = 5
# Lines the test catalog carries: a line it lacks ("바디로션") is answered as not sold here.
PHRASES = ("촉촉한 보습 크림", "눈 안 시린 선크림", "트러블 진정 토너", "입술 각질 립밤",
           "지성 피부 산뜻한 선크림", "건조한 겨울 장벽 크림", "자극 없는 클렌저", "향 좋은 샴푸")
ROUND_TIMEOUT_S = 120
# Generous: a few MiB of caches, sessions and allocator noise are expected, a leak is not.
MAX_RSS_GROWTH_MIB = 40
ARTIFACT = ROOT / "test-artifacts" / "reliability-load.json"


def query_for(user: TelegramUser, round_no: int) -> str:
    """Five different searches per user; across users they repeat, as shoppers' questions do."""
    return f"{PHRASES[(user.id + round_no) % len(PHRASES)]} {round_no + 1}"


@pytest.fixture
def bot(server, tmp_path, index_copy, mini_catalog_path):
    process = BotProcess(tmp_path / "bot", server.bot_api_base_url,
                         telegram_max_messages_per_s=0, user_rate_limit=10,
                         user_rate_window_s=10, catalog_path=mini_catalog_path,
                         index_dir=index_copy, bot_state_path=tmp_path / "bot" / "state.pickle")
    yield process
    process.kill_if_running()


async def ask_everyone(client, round_no: int) -> int:
    """Every user sends this round's query; return once the bot has replied as many times."""
    start_seq = await last_seq(client)
    await asyncio.gather(*(client.send(user, query_for(user, round_no)) for user in USERS))
    return await count_bot_replies(client, start_seq, len(USERS))


async def last_seq(client) -> int:
    events = await client.events(0)
    return events[-1]["seq"] if events else 0


async def count_bot_replies(client, after: int, expected: int) -> int:
    """Bot messages after `after`, until `expected` or the round's deadline."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + ROUND_TIMEOUT_S
    replies = 0
    while replies < expected and (remaining := deadline - loop.time()) > 0:
        for event in await client.events(after, timeout=min(remaining, 5.0)):
            after = event["seq"]
            replies += event["type"] == "message" and bool(event.get("from_bot"))
    return replies


@pytest.mark.slow
async def test_1000_searches_from_200_users_get_exactly_one_reply_each_and_memory_stays_flat(
        bot, client):
    bot.start()
    await asyncio.gather(*(client.start_chat(user) for user in USERS))
    assert "1." in (await client.ask(USERS[0], "보습 크림", timeout=90))["text"]
    assert await ask_everyone(client, round_no=-1) == len(USERS)  # warm-up
    rss_after_warm_up = bot.rss_kib()

    started = time.perf_counter()
    for round_no in range(ROUNDS):
        await ask_everyone(client, round_no)
    duration_s = time.perf_counter() - started
    rss_after_run = bot.rss_kib()
    exit_code = await bot.stop()

    answers = {user.id: [m["text"] for m in await client.history(user.id) if m["is_bot"]]
               for user in USERS}
    asked = [(user.id, query_for(user, r)) for user in USERS for r in range(ROUNDS)]
    answered = Counter({(uid, query): sum(f"‘{query}’" in text and "1." in text
                                          for text in answers[uid])
                        for uid, query in asked})
    expected_messages = len(asked) + len(USERS) + 1  # the run, the warm-up, the first question
    figures = {
        "users": len(USERS), "queries": len(asked),
        "replies": sum(answered.values()),
        "lost": sum(1 for key in asked if answered[key] == 0),
        "duplicated": sum(1 for key in asked if answered[key] > 1),
        "unexpected_messages": sum(map(len, answers.values())) - expected_messages,
        "distinct_texts": len({query for _, query in asked}),
        "duration_s": round(duration_s, 1),
        "queries_per_s": round(len(asked) / duration_s, 1),
        "rss_after_warm_up_mib": round(rss_after_warm_up / 1024, 1),
        "rss_after_run_mib": round(rss_after_run / 1024, 1),
        "rss_growth_mib": round((rss_after_run - rss_after_warm_up) / 1024, 1),
    }
    ARTIFACT.parent.mkdir(exist_ok=True)
    ARTIFACT.write_text(json.dumps(figures, indent=2), encoding="utf-8")

    assert exit_code == 0 and [m for m in UNCLEAN if m in bot.log] == []
    assert DEFAULT_TOKEN.split(":")[1] not in bot.log
    assert (figures["replies"], figures["lost"], figures["duplicated"]) == (1000, 0, 0), figures
    assert figures["unexpected_messages"] == 0, figures
    assert figures["rss_growth_mib"] < MAX_RSS_GROWTH_MIB, figures
