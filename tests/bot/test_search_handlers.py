"""Searching through the bot: private text, /search, groups, bad queries, errors."""

import asyncio
from html import escape

from emulator import TelegramUser
from engine.errors import SearchWorkerError
from tests.bot.harness import GROUP, MINJI, bot_settings, running_bot


async def test_private_text_is_a_search_with_cards(app, client):
    reply = await client.ask(MINJI, "겨울 촉촉 크림")
    html = reply["versions"][-1]["html"]
    assert "세라마이드 장벽 크림" in reply["text"]
    assert "32,000원" in reply["text"]
    assert "<blockquote>" in html and "점수" not in reply["text"]
    assert "‘겨울 촉촉 크림’" in reply["text"]


async def test_a_slow_search_shows_typing_before_the_answer(server, client, engine, tmp_path):
    engine.search_gate = asyncio.Event()
    async with running_bot(bot_settings(server, tmp_path, typing_delay_s=0.05), engine):
        sent = await client.send(MINJI, "크림")
        action = await client.wait_for(lambda e: e["type"] in {"chat_action", "message"},
                                       after=sent["seq"], chat_id=MINJI.id)
        engine.search_gate.set()
        reply = await client.wait_bot_message(MINJI.id, after=action["seq"])
    assert action == {**action, "type": "chat_action", "action": "typing"}
    assert "세라마이드 장벽 크림" in reply["text"]


async def test_a_quick_search_is_answered_without_a_typing_action(server, client, engine,
                                                                   tmp_path):
    async with running_bot(bot_settings(server, tmp_path, typing_delay_s=60), engine):
        sent = await client.send(MINJI, "크림")
        reply = await client.wait_bot_message(MINJI.id, after=sent["seq"])
    kinds = [e["type"] for e in await client.events(sent["seq"], chat_id=MINJI.id)]
    assert kinds[0] == "message" and "chat_action" not in kinds
    assert "세라마이드 장벽 크림" in reply["text"]


async def test_with_no_typing_delay_typing_comes_first(server, client, engine, tmp_path):
    async with running_bot(bot_settings(server, tmp_path, typing_delay_s=0), engine):
        sent = await client.send(MINJI, "크림")
        action = await client.wait_for(lambda e: e["type"] in {"chat_action", "message"},
                                       after=sent["seq"], chat_id=MINJI.id)
    assert action == {**action, "type": "chat_action", "action": "typing"}


async def test_search_command_in_a_group_addressed_to_this_bot(app, client):
    reply = await client.ask(MINJI, "/search@CosmoBot 선크림", chat=GROUP)
    assert "무기자차 선크림" in reply["text"]


async def test_group_command_for_another_bot_is_ignored(app, client, engine):
    ignored = await client.send(MINJI, "/search@OtherBot 크림", chat=GROUP)
    answered = await client.send(MINJI, "/search 선크림", chat=GROUP)
    reply = await client.wait_bot_message(GROUP["id"], after=ignored["seq"])
    assert reply["seq"] > answered["seq"]
    assert [query for query, *_ in engine.queries] == ["선크림"]


async def test_plain_group_text_is_not_a_search(app, client, engine):
    chatter = await client.send(MINJI, "오늘 날씨 좋다", chat=GROUP)
    await client.ask(MINJI, "/search 크림", chat=GROUP)
    assert [query for query, *_ in engine.queries] == ["크림"]
    assert chatter["seq"] > 0


async def test_search_without_a_query_gets_a_usage_hint(app, client):
    reply = await client.ask(MINJI, "/search")
    assert "/search 건조한 피부 보습 크림" in reply["text"]


async def test_a_query_with_nothing_searchable_is_explained(app, client):
    reply = await client.ask(MINJI, "😀😀 ‼")
    assert "검색할 단어를 찾지 못했어요" in reply["text"]


async def test_no_index_asks_for_a_reindex(app, client, engine):
    engine.has_index = False
    reply = await client.ask(MINJI, "크림")
    assert "/reindex" in reply["text"]


async def test_a_search_cut_off_by_a_lost_worker_asks_to_send_it_again(app, client, engine):
    engine.search_error = SearchWorkerError("the search worker (pid 1234) exited")
    reply = await client.ask(MINJI, "겨울 촉촉 크림")
    assert "한 번 더 보내" in reply["text"] and "1234" not in reply["text"]
    engine.search_error = None
    assert "세라마이드 장벽 크림" in (await client.ask(MINJI, "겨울 촉촉 크림"))["text"]


async def test_catalog_markup_arrives_escaped(app, client):
    reply = await client.ask(MINJI, "입술 각질 립밤")
    assert "<script>&장난 립밤" in reply["text"]
    assert escape("<script>&장난 립밤", quote=False) in reply["versions"][-1]["html"]
    assert "테스트&코" in reply["text"]


async def test_a_4000_character_query_is_answered_with_a_notice(app, client):
    reply = await client.ask(MINJI, ("보습 크림 " * 700)[:4000])
    assert "앞부분" in reply["text"] and "자만 검색했어요" in reply["text"]
    assert len(reply["text"]) < 4096


async def test_edited_messages_are_not_searched_again(app, client, engine):
    sent = await client.send(MINJI, "크림")
    await client.wait_bot_message(MINJI.id, after=sent["seq"])
    await client.edit(MINJI, MINJI.id, sent["message"]["message_id"], "선크림")
    follow_up = await client.ask(MINJI, "립밤")
    assert [query for query, *_ in engine.queries] == ["크림", "립밤"]
    assert follow_up["text"]


async def test_a_noisy_user_is_slowed_down_politely(server, client, engine, tmp_path):
    from tests.bot.harness import bot_settings, running_bot

    settings = bot_settings(server, tmp_path, user_rate_limit=2, user_rate_window_s=60)
    other = TelegramUser(2002, "지수")
    async with running_bot(settings, engine):
        for _ in range(2):
            await client.ask(MINJI, "크림")
        limited = await client.ask(MINJI, "크림")
        assert "천천히" in limited["text"]
        assert "세라마이드" in (await client.ask(other, "크림"))["text"]
    assert len(engine.queries) == 3
