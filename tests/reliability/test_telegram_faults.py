"""The Telegram side failing: Bot API 5xx and stalls do not stop polling, and an update whose
handler raises is logged and apologised for while the next update is served as usual.

The bot is real and polls the emulator; the engine is the fast in-memory fake.
"""

from __future__ import annotations

import logging

import pytest

from bot.texts import KOREAN as texts
from tests.bot.fake_engine import FakeEngine
from tests.bot.harness import MINJI, bot_settings, running_bot

GET_UPDATES = ["getUpdates"]


class EngineWithABug(FakeEngine):
    """The fake engine, except that one query trips an unexpected exception, as a bug would."""

    async def search_products(self, query, *args, **kwargs):
        if "💥" in query:
            raise RuntimeError("index row out of range")
        return await super().search_products(query, *args, **kwargs)


@pytest.fixture
def engine() -> EngineWithABug:
    return EngineWithABug()


@pytest.fixture
async def app(server, tmp_path, engine, client):
    await client.start_chat(MINJI)
    async with running_bot(bot_settings(server, tmp_path), engine) as application:
        yield application


async def bot_messages(client, chat_id: int) -> list[str]:
    return [m["text"] for m in await client.history(chat_id) if m["is_bot"]]


async def test_get_updates_5xx_do_not_stop_polling(app, client):
    await client.set_faults(methods=GET_UPDATES,
                            fail_next=[{"status": 502}, {"status": 500}, {"status": 503}])
    during = await client.ask(MINJI, "보습 크림", timeout=20)
    after = await client.ask(MINJI, "선크림", timeout=20)
    assert (await client.faults())["injected"] == {"502": 1, "500": 1, "503": 1}
    assert "세라마이드" in during["text"] and "선크림" in after["text"]
    assert len(await bot_messages(client, MINJI.id)) == 2


async def test_a_get_updates_call_that_times_out_does_not_stop_polling(app, client):
    """The stalled poll outlasts the client's read timeout (poll 1 s + 5 s); the message sent
    meanwhile is fetched again by the next poll and answered exactly once."""
    await client.set_faults(methods=GET_UPDATES, fail_next=[{"stall_s": 8}])
    during = await client.ask(MINJI, "보습 크림", timeout=20)
    after = await client.ask(MINJI, "선크림", timeout=20)
    assert (await client.faults())["injected"] == {"stall": 1}
    assert "세라마이드" in during["text"] and "선크림" in after["text"]
    assert len(await bot_messages(client, MINJI.id)) == 2


async def test_a_reply_lost_to_a_5xx_is_reported_and_the_next_update_is_served(
        app, client, caplog):
    caplog.set_level(logging.ERROR, logger="bot.handlers.errors")
    await client.set_faults(methods=["sendMessage"], fail_next=[{"status": 502}])
    apology = await client.ask(MINJI, "보습 크림")
    after = await client.ask(MINJI, "선크림")
    assert apology["text"] == texts.UNEXPECTED
    assert "세라마이드" not in apology["text"] and "선크림" in after["text"]
    assert f"(chat {MINJI.id}, user {MINJI.id}) failed" in caplog.text
    assert "NetworkError" in caplog.text


async def test_a_handler_that_raises_is_logged_and_apologised_for_and_the_next_update_served(
        app, client, engine, caplog):
    caplog.set_level(logging.ERROR, logger="bot.handlers.errors")
    apology = await client.ask(MINJI, "💥 보습 크림")
    after = await client.ask(MINJI, "보습 크림")
    assert apology["text"] == texts.UNEXPECTED
    assert "RuntimeError: index row out of range" in caplog.text
    assert f"(chat {MINJI.id}, user {MINJI.id}) failed" in caplog.text
    assert "세라마이드" in after["text"]
    assert [query for query, *_ in engine.queries] == ["보습 크림"]
