"""The Bot API side, exercised with python-telegram-bot's own `Bot` over loopback HTTP."""

import asyncio

import aiohttp
import pytest
from telegram import (Bot, BotCommand, BotCommandScopeChat, InlineKeyboardButton,
                      InlineKeyboardMarkup, InlineQueryResultArticle, InputTextMessageContent)
from telegram.error import BadRequest, Conflict, InvalidToken, NetworkError, RetryAfter, TimedOut

KEYBOARD = InlineKeyboardMarkup([[InlineKeyboardButton("다음", callback_data="p:1")]])


async def test_get_me_describes_the_bot(bot):
    me = await bot.get_me()
    assert (me.username, me.is_bot, me.supports_inline_queries) == ("CosmoBot", True, True)


async def test_a_wrong_token_is_unauthorized(server):
    with pytest.raises(InvalidToken):
        async with Bot("1:wrong", base_url=server.bot_api_base_url):
            pass


async def test_long_polling_returns_a_message_sent_while_waiting(bot, client, minji):
    poll = asyncio.create_task(bot.get_updates(timeout=10))
    await asyncio.sleep(0)  # let the poll reach the server before the user writes
    await client.send(minji, "안녕")
    updates = await asyncio.wait_for(poll, 15)
    assert [update.message.text for update in updates] == ["안녕"]


async def test_offset_confirms_updates(bot, client, minji):
    await client.send(minji, "하나")
    await client.send(minji, "둘")
    first = await bot.get_updates()
    assert [update.message.text for update in first] == ["하나", "둘"]
    rest = await bot.get_updates(offset=first[0].update_id + 1)
    assert [update.message.text for update in rest] == ["둘"]
    assert await bot.get_updates(offset=first[1].update_id + 1) == ()


async def test_commands_carry_a_bot_command_entity(bot, client, minji):
    await client.send(minji, "/search@CosmoBot 수분크림", chat={"id": -100, "type": "group"})
    (update,) = await bot.get_updates()
    assert update.message.chat.type == "group"
    assert update.message.parse_entities(["bot_command"]) == {
        update.message.entities[0]: "/search@CosmoBot"}


async def test_sent_html_is_parsed_into_text_and_entities(bot, client, minji):
    await client.start_chat(minji)
    sent = await bot.send_message(minji.id, "<b>수분</b> &lt;크림&gt;", parse_mode="HTML")
    assert sent.text == "수분 <크림>"
    (stored,) = await client.history(minji.id)
    assert stored["versions"][0]["html"] == "<b>수분</b> &lt;크림&gt;"
    assert stored["entities"] == [{"type": "bold", "offset": 0, "length": 2}]


async def test_unescaped_html_is_refused_like_telegram(bot, client, minji):
    await client.start_chat(minji)
    with pytest.raises(BadRequest, match="parse entities"):
        await bot.send_message(minji.id, "브랜드 <script>&", parse_mode="HTML")


async def test_a_message_over_4096_characters_is_refused(bot, client, minji):
    await client.start_chat(minji)
    with pytest.raises(BadRequest, match="too long"):
        await bot.send_message(minji.id, "가" * 4097)


async def test_sending_to_an_unknown_chat_fails(bot):
    with pytest.raises(BadRequest, match="not found"):
        await bot.send_message(555, "hi")


async def test_an_edit_without_reply_markup_drops_the_keyboard(bot, client, minji):
    await client.start_chat(minji)
    sent = await bot.send_message(minji.id, "1쪽", reply_markup=KEYBOARD)
    edited = await bot.edit_message_text("2쪽", minji.id, sent.message_id)
    assert edited.reply_markup is None
    stored = await client.message(minji.id, sent.message_id)
    assert [version["text"] for version in stored["versions"]] == ["1쪽", "2쪽"]
    assert stored["versions"][0]["reply_markup"] is not None
    assert "reply_markup" not in stored


async def test_an_edit_that_changes_nothing_is_not_modified(bot, client, minji):
    await client.start_chat(minji)
    sent = await bot.send_message(minji.id, "같음", reply_markup=KEYBOARD)
    with pytest.raises(BadRequest, match="not modified"):
        await bot.edit_message_text("같음", minji.id, sent.message_id, reply_markup=KEYBOARD)
    with pytest.raises(BadRequest, match="not modified"):
        await bot.edit_message_reply_markup(minji.id, sent.message_id, reply_markup=KEYBOARD)


async def test_the_bot_cannot_edit_a_users_message(bot, client, minji):
    sent = await client.send(minji, "내 메시지")
    with pytest.raises(BadRequest, match="can't be edited"):
        await bot.edit_message_text("바꿈", minji.id, sent["message"]["message_id"])


async def test_callback_data_over_64_bytes_is_refused(bot, client, minji):
    await client.start_chat(minji)
    too_long = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="가" * 22)]])
    with pytest.raises(BadRequest, match="(?i)button_data_invalid"):
        await bot.send_message(minji.id, "x", reply_markup=too_long)


async def test_a_button_press_reaches_the_bot_and_its_answer_the_user(bot, client, minji):
    await client.start_chat(minji)
    sent = await bot.send_message(minji.id, "결과", reply_markup=KEYBOARD)
    pressed = await client.press(minji, minji.id, sent.message_id, button_text="다음")
    (update,) = await bot.get_updates()
    assert update.callback_query.data == "p:1"
    assert update.callback_query.message.message_id == sent.message_id
    await update.callback_query.answer("넘겼어요")
    assert await client.callback_answer(pressed["callback_query_id"]) == {"text": "넘겼어요"}
    with pytest.raises(BadRequest, match="(?i)query id is invalid"):
        await update.callback_query.answer("두 번")


async def test_an_inline_query_and_its_answer(bot, client, minji):
    query_id = await client.inline_query(minji, "수분크림")
    (update,) = await bot.get_updates()
    assert update.inline_query.query == "수분크림"
    article = InlineQueryResultArticle("r1", "제목", InputTextMessageContent("<b>본문</b>", parse_mode="HTML"))
    await update.inline_query.answer([article], cache_time=0)
    answer = await client.inline_answer(query_id)
    assert answer["results"][0]["title"] == "제목"
    chosen = await client.choose_inline_result(minji, query_id, "r1")
    assert chosen["message"]["text"] == "본문"
    assert chosen["message"]["via_bot"]["username"] == "CosmoBot"


async def test_commands_for_a_chat_scope_need_a_known_chat(bot, client, minji):
    commands = [BotCommand("reindex", "색인 다시 만들기")]
    with pytest.raises(BadRequest, match="not found"):
        await bot.set_my_commands(commands, scope=BotCommandScopeChat(minji.id))
    await client.start_chat(minji)
    await bot.set_my_commands(commands, scope=BotCommandScopeChat(minji.id))
    assert await bot.get_my_commands(scope=BotCommandScopeChat(minji.id)) == tuple(commands)
    assert await bot.get_my_commands() == ()


async def test_json_and_form_bodies_are_both_accepted(server, client, minji):
    await client.start_chat(minji)
    url = f"{server.bot_api_base_url}{server.world.bot.token}/sendMessage"
    async with aiohttp.ClientSession() as session:
        async with session.post(url, json={"chat_id": minji.id, "text": "json"}) as reply:
            assert (await reply.json())["result"]["text"] == "json"
        async with session.post(url, data={"chat_id": str(minji.id), "text": "[1]"}) as reply:
            assert (await reply.json())["result"]["text"] == "[1]"
        async with session.post(url.replace("sendMessage", "noSuchMethod")) as reply:
            assert reply.status == 404


async def test_a_planned_429_carries_retry_after(bot, client, minji):
    await client.start_chat(minji)
    await client.set_faults(rate_limit_every=2, retry_after=3)
    await bot.send_message(minji.id, "첫째")
    with pytest.raises(RetryAfter) as raised:
        await bot.send_message(minji.id, "둘째")
    assert "Retry in 3 seconds" in str(raised.value)
    assert (await client.faults())["injected"] == {"429": 1}


async def test_a_planned_server_error_is_a_network_error(bot, client, minji):
    await client.start_chat(minji)
    await client.set_faults(fail_next=[{"status": 502}])
    with pytest.raises(NetworkError):
        await bot.send_message(minji.id, "x")
    assert (await bot.send_message(minji.id, "다시")).text == "다시"


async def test_a_planned_stall_holds_one_call_past_the_client_timeout(bot, client, minji):
    await client.start_chat(minji)
    await client.set_faults(fail_next=[{"stall_s": 0.5}])
    with pytest.raises(TimedOut):
        await bot.send_message(minji.id, "x", read_timeout=0.1)
    assert (await bot.send_message(minji.id, "다시", read_timeout=2)).text == "다시"
    assert (await client.faults())["injected"] == {"stall": 1}


async def test_webhook_delivery_sends_the_secret_token(bot, client, minji, unused_tcp_port):
    from aiohttp import web

    received: asyncio.Queue = asyncio.Queue()

    async def receive(request):
        await received.put((request.headers.get("X-Telegram-Bot-Api-Secret-Token"), await request.json()))
        return web.Response()

    app = web.Application()
    app.add_routes([web.post("/hook", receive)])
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", unused_tcp_port).start()
    try:
        await bot.set_webhook(f"http://127.0.0.1:{unused_tcp_port}/hook", secret_token="s3cret")
        with pytest.raises(Conflict):
            await bot.get_updates()
        await client.send(minji, "웹훅")
        secret, update = await asyncio.wait_for(received.get(), 10)
        assert (secret, update["message"]["text"]) == ("s3cret", "웹훅")
        assert (await bot.get_webhook_info()).url.endswith("/hook")
        await bot.delete_webhook()
        assert await bot.get_updates() == ()
    finally:
        await runner.cleanup()


async def test_a_reply_quotes_the_original_message(bot, client, minji):
    sent = await client.send(minji, "질문")
    reply = await bot.send_message(minji.id, "답", reply_to_message_id=sent["message"]["message_id"])
    assert reply.reply_to_message.text == "질문"
    with pytest.raises(BadRequest, match="(?i)replied not found"):
        await bot.send_message(minji.id, "답", reply_to_message_id=99)
