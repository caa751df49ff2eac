"""Three replicas behave as one bot: shared settings, sessions, limits, reindex and failover.

Real redis-server, real haproxy, three `python -m bot` processes in webhook mode with embedded
e5, the emulator posting to haproxy. No fakeredis here.
"""

from __future__ import annotations

import asyncio
import re

import aiohttp
import pytest

from bot.texts import KOREAN as texts
from deploy.local_cluster import WEBHOOK_SECRET
from emulator import TelegramUser
from tests.bot.harness import ADMIN, wait_for_edit_containing
from tests.cluster.conftest import RATE_LIMIT, SECOND_ADMIN, delivered_by

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.slow,
              pytest.mark.timeout(600)]

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
SNAPSHOT = re.compile(r"스냅샷 (snap-\S+)")
_users = iter(range(20_000, 30_000))


def new_user() -> TelegramUser:
    return TelegramUser(next(_users), "손님")


async def ask_on(emulator, client, cluster, number: int, user: TelegramUser, text: str) -> dict:
    with delivered_by(emulator, cluster.replica_url(number)):
        return await client.ask(user, text, timeout=60)


async def press_on(emulator, client, cluster, number: int, user, message: dict, button: str):
    with delivered_by(emulator, cluster.replica_url(number)):
        pressed = await client.press(user, user.id, message["message_id"], button_text=button)
        return await client.wait_edit(user.id, message["message_id"], after=pressed["seq"],
                                      timeout=60)


async def bot_messages(client, user: TelegramUser) -> list[dict]:
    return [m for m in await client.history(user.id) if m["is_bot"]]


async def all_answered(emulator, timeout: float = 120) -> None:
    """Until the emulator has nothing left to deliver: every POST was answered."""
    await emulator.world.wait_until(lambda: emulator.delivery.idle, timeout)
    assert emulator.delivery.idle


async def test_a_category_set_on_one_replica_holds_on_the_others(emulator, client, cluster):
    user = new_user()
    await client.start_chat(user)
    prompt = await ask_on(emulator, client, cluster, 0, user, "/category")
    await press_on(emulator, client, cluster, 0, user, prompt, "선크림")
    for number in (1, 2):
        reply = await ask_on(emulator, client, cluster, number, user, "촉촉한 거")
        assert "카테고리: 선크림" in reply["text"], number


async def test_a_page_button_pressed_on_another_replica_edits_the_message(emulator, client,
                                                                          cluster):
    user = new_user()
    await client.start_chat(user)
    reply = await ask_on(emulator, client, cluster, 0, user, "크림")
    assert "1/2쪽" in reply["text"]
    edited = await press_on(emulator, client, cluster, 2, user, reply, "다음 ▶")
    assert "2/2쪽" in edited["text"]


async def test_one_users_quick_searches_across_replicas_get_exactly_the_limit(emulator, client,
                                                                              cluster):
    user = new_user()
    await client.start_chat(user)
    for number in range(30):
        await client.send(user, f"보습 크림 {number}")
    await all_answered(emulator)
    replies = await bot_messages(client, user)
    limited = [m for m in replies if "검색이 너무 잦아요" in m["text"]]
    assert (len(replies), len(replies) - len(limited)) == (30, RATE_LIMIT)


async def test_an_update_delivered_twice_gets_one_reply(emulator, client, cluster):
    user = new_user()
    await client.start_chat(user)
    with delivered_by(emulator, cluster.replica_url(0)):
        await client.ask(user, "순한 선크림", timeout=60)
        await all_answered(emulator)
    update = next(u for u in reversed(emulator.delivery.delivered)
                  if u.get("message", {}).get("chat", {}).get("id") == user.id)
    async with aiohttp.ClientSession() as session:
        for number in (1, 2, 0):
            async with session.post(cluster.replica_url(number), json=update,
                                    headers={SECRET_HEADER: WEBHOOK_SECRET}) as again:
                assert again.status == 200
    assert len(await bot_messages(client, user)) == 1


async def test_a_post_without_the_secret_is_refused_by_every_replica_and_haproxy(cluster):
    urls = [cluster.replica_url(number) for number in range(3)] + [cluster.webhook_url]
    async with aiohttp.ClientSession() as session:
        for url in urls:
            for headers in ({}, {SECRET_HEADER: "wrong"}):
                async with session.post(url, json={"update_id": 1}, headers=headers) as reply:
                    assert reply.status == 403, url


async def snapshot_on(emulator, client, cluster, number: int) -> str:
    reply = await ask_on(emulator, client, cluster, number, ADMIN, "/stats")
    assert f"replica{number + 1}" in reply["text"]
    return SNAPSHOT.search(reply["text"]).group(1)


async def test_one_reindex_at_a_time_and_every_replica_serves_its_snapshot(emulator, client,
                                                                           cluster, redis_client):
    before = {await snapshot_on(emulator, client, cluster, number) for number in range(3)}
    assert len(before) == 1
    status = await ask_on(emulator, client, cluster, 0, ADMIN, "/reindex")
    assert status["versions"][0]["text"] == texts.REINDEX_STARTED  # since edited with progress
    second = await ask_on(emulator, client, cluster, 1, SECOND_ADMIN, "/reindex")
    assert "이미 색인 중이에요" in second["text"]
    await wait_for_edit_containing(client, ADMIN.id, status["message_id"], "제품 52",
                                   after=status["seq"], timeout=300)
    new = redis_client.get("cosmo:snapshot")
    assert new not in before and new.startswith("snap-")
    seen: dict[int, str] = {}
    for _ in range(30):  # each round asks all three; a replica swaps within seconds
        seen = {number: await snapshot_on(emulator, client, cluster, number) for number in range(3)}
        if set(seen.values()) == {new}:
            break
        await asyncio.sleep(0.5)
    assert seen == {0: new, 1: new, 2: new}
    stats = (await ask_on(emulator, client, cluster, 2, ADMIN, "/stats"))["text"]
    assert "클러스터 (최근 1분): 3개" in stats


async def test_a_replica_killed_mid_burst_loses_no_update_and_answers_none_twice(
        emulator, client, cluster, redis_client):
    """SIGKILL while the replica has updates in hand; none of its sends is half done then.

    Bot API sends are not idempotent: a kill between Telegram accepting a reply and Redis
    recording the update as done (a few ms) would answer that update twice, whatever the design
    (docs/deploy.md). The test holds the emulator's sends for the instant of the kill so that
    it measures what the design promises: nothing lost, nothing handled twice.
    """
    users = [new_user() for _ in range(60)]
    for user in users:
        await client.start_chat(user)
    after = emulator.world.last_seq
    sent = await asyncio.gather(*(client.send(user, "건조한 피부 크림") for user in users))
    update_ids = {user.id: update_id_of(emulator, message["seq"]) for user, message in
                  zip(users, sent)}
    answered = 0

    def reply_seen(event: dict) -> bool:
        nonlocal answered
        answered += event["type"] == "message" and bool(event.get("from_bot"))
        return answered >= 10

    await client.wait_for(reply_seen, after=after, timeout=120)
    emulator.faults.hold()
    try:
        replied = [user for user in users if await bot_messages(client, user)]
        await wait_until_done(redis_client, [update_ids[user.id] for user in replied])
        cluster.bots[1].kill()
        await asyncio.sleep(0.2)  # the emulator sees the dead replica's connections close
    finally:
        emulator.faults.release()  # calls it had held are dropped, as never made
    try:
        assert len(replied) < 60  # the kill did land in the middle of the burst
        await all_answered(emulator, timeout=180)
        counts = [len(await bot_messages(client, user)) for user in users]
        assert counts == [1] * 60
    finally:
        await cluster.restart_replica(1)


def update_id_of(emulator, seq: int) -> int:
    return next(event["update_id"] for event in emulator.world.events if event["seq"] == seq)


async def wait_until_done(redis_client, update_ids: list[int], timeout: float = 30) -> None:
    """Until Redis records each of these updates as handled (their replies were sent)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while asyncio.get_running_loop().time() < deadline:
        states = redis_client.mget([f"cosmo:update:{update_id}" for update_id in update_ids])
        if all(state == "done" for state in states):
            return
        await asyncio.sleep(0.01)
    raise TimeoutError("replied updates not recorded as done")


async def test_searches_go_on_while_redis_is_down_and_sharing_resumes_when_it_is_back(
        emulator, client, cluster):
    cluster.redis.kill()
    users = [new_user() for _ in range(9)]
    for user in users:
        await client.start_chat(user)
    replies = await asyncio.gather(*(client.ask(user, "수분 크림", timeout=60) for user in users))
    assert all("1." in reply["text"] for reply in replies)
    cluster.start_redis()  # empty, on the same port
    user = new_user()
    await client.start_chat(user)
    for _ in range(20):  # each replica finds Redis again on its own
        prompt = await ask_on(emulator, client, cluster, 0, user, "/category")
        await press_on(emulator, client, cluster, 0, user, prompt, "립")
        reply = await ask_on(emulator, client, cluster, 2, user, "촉촉한 거")
        if "카테고리: 립" in reply["text"]:
            break
        await asyncio.sleep(0.5)
    assert "카테고리: 립" in reply["text"]
