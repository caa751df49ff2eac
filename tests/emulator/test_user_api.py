"""The user side: what tests and the playground do as Telegram users."""

import asyncio

import pytest

from emulator import TelegramUser
from emulator.client import EmulatorClientError, group_chat


async def test_an_edited_message_reaches_the_bot_as_edited_message(bot, client, minji):
    sent = await client.send(minji, "/stats")
    await client.edit(minji, minji.id, sent["message"]["message_id"], "/reindex")
    updates = await bot.get_updates()
    assert updates[0].message.text == "/stats"
    assert updates[1].edited_message.text == "/reindex"
    assert updates[1].edited_message.edit_date is not None


async def test_a_forwarded_message_names_its_original_sender(bot, client, minji):
    admin = TelegramUser(7, "관리자", "admin")
    await client.send(minji, "/reindex", forward_from=admin)
    (update,) = await bot.get_updates()
    assert update.message.forward_origin.sender_user.id == admin.id
    assert update.message.from_user.id == minji.id


async def test_events_wait_for_the_bots_reply(bot, client, minji):
    sent = await client.send(minji, "안녕")
    waiting = asyncio.create_task(client.wait_bot_message(minji.id, after=sent["seq"], timeout=10))
    await bot.send_message(minji.id, "<i>반가워요</i>", parse_mode="HTML")
    reply = await waiting
    assert reply["text"] == "반가워요" and reply["is_bot"]


async def test_waiting_for_nothing_ends_at_the_deadline(client, minji):
    sent = await client.send(minji, "안녕")
    with pytest.raises(TimeoutError):
        await client.wait_bot_message(minji.id, after=sent["seq"], timeout=0.3)


async def test_group_messages_keep_their_chat(bot, client, minji):
    group = group_chat(-100500, "수다방")
    await client.send(minji, "hello", chat=group)
    (update,) = await bot.get_updates()
    assert (update.message.chat.id, update.message.chat.title) == (-100500, "수다방")


@pytest.mark.parametrize("body", [
    {"user": {"id": "x"}, "text": "a"},
    {"user": {"id": 1}, "text": "   "},
    {"user": {"id": 1}, "text": "a", "chat": {"type": "group", "id": 5}},
    {"user": {"id": 1}, "text": "가" * 4097},
])
async def test_bad_user_requests_are_refused(client, body):
    with pytest.raises(EmulatorClientError):
        await client._post("/_emu/messages", body)


async def test_pressing_a_missing_button_is_refused(bot, client, minji):
    await client.start_chat(minji)
    sent = await bot.send_message(minji.id, "버튼 없음")
    with pytest.raises(EmulatorClientError, match="no callback button"):
        await client.press(minji, minji.id, sent.message_id, button_text="다음")


async def test_an_in_process_observer_sees_the_users_message_then_the_bots_reply(bot, server,
                                                                              client, minji):
    seen = []
    server.world.subscribe(lambda event: seen.append((event["type"], event["from_bot"])))
    await client.send(minji, "안녕")
    await bot.send_message(minji.id, "반가워요")
    assert seen == [("message", False), ("message", True)]
