"""Webhook delivery as Telegram does it: the secret header, retries, one chat at a time."""

from __future__ import annotations

import asyncio
import contextlib

import pytest
from aiohttp import web

from emulator import TelegramUser
from tests.servers.ports import free_port

MINJI = TelegramUser(1001, "민지", "minji")
SORA = TelegramUser(1002, "소라", "sora")


@contextlib.asynccontextmanager
async def webhook_server(receive):
    port = free_port()
    app = web.Application()
    app.add_routes([web.post("/hook", receive)])
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        yield f"http://127.0.0.1:{port}/hook"
    finally:
        await runner.cleanup()


async def test_a_failed_delivery_is_retried_until_the_webhook_takes_it(bot, client):
    answers = iter([500, 503, 200])
    received: asyncio.Queue = asyncio.Queue()

    async def receive(request):
        status = next(answers)
        await received.put((status, (await request.json())["message"]["text"]))
        return web.Response(status=status)

    async with webhook_server(receive) as url:
        await bot.set_webhook(url, secret_token="s3cret")
        await client.send(MINJI, "다시 보내 주세요")
        got = [await asyncio.wait_for(received.get(), 10) for _ in range(3)]
        assert got == [(500, "다시 보내 주세요"), (503, "다시 보내 주세요"), (200, "다시 보내 주세요")]
        info = await bot.get_webhook_info()
        assert info.last_error_message == "Wrong response from the webhook: 503"
        assert info.pending_update_count == 0
        await bot.delete_webhook()


async def test_one_chats_updates_wait_for_each_other_but_not_for_other_chats(bot, client):
    release = asyncio.Event()
    received: asyncio.Queue = asyncio.Queue()

    async def receive(request):
        text = (await request.json())["message"]["text"]
        await received.put(text)
        if text == "민지 1":
            await release.wait()
        return web.Response()

    async with webhook_server(receive) as url:
        await bot.set_webhook(url, max_connections=10)
        for user, text in ((MINJI, "민지 1"), (MINJI, "민지 2"), (SORA, "소라 1")):
            await client.send(user, text)
        first_two = {await asyncio.wait_for(received.get(), 10) for _ in range(2)}
        assert first_two == {"민지 1", "소라 1"}  # 민지 2 waits behind 민지 1 still unanswered
        assert received.empty()
        release.set()
        assert await asyncio.wait_for(received.get(), 10) == "민지 2"
        await bot.delete_webhook()


async def test_get_updates_conflicts_while_a_webhook_is_set(bot):
    from telegram.error import Conflict
    await bot.set_webhook("http://127.0.0.1:9/hook")
    with pytest.raises(Conflict):
        await bot.get_updates()
    await bot.delete_webhook()
    assert await bot.get_updates() == ()
