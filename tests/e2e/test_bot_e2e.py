"""End to end: PTB over HTTP to the emulator, the real engine with embedded e5 on the mini catalog."""

import asyncio
from html import escape

import aiohttp

from bot.lifecycle import running
from bot.app import build_application
from bot.services import SERVICES_KEY
from bot.webhook import SECRET_HEADER, serving_webhook
from emulator import TelegramUser
from tests.bot.harness import ADMIN, GROUP, MINJI, wait_for_edit_containing


def shopper(n: int) -> TelegramUser:
    """Distinct users, so concurrent questions are told apart by chat."""
    return TelegramUser(5000 + n, f"손님{n}")


async def test_a_private_message_finds_products_with_the_review_as_reason(app, client):
    reply = await client.ask(MINJI, "겨울에 얼굴 땅기는 거 잡아줄 크림")
    text = reply["text"]
    assert text.index("세라마이드 장벽 크림") < text.index("2.")
    assert "32,000원" in text and "포근랩" in text
    assert "💬 리뷰" in text and "땅겼는데" in text


async def test_group_search_for_this_bot_is_answered_and_another_bots_ignored(app, client):
    ignored = await client.send(MINJI, "/search@OtherBot 선크림", chat=GROUP)
    asked = await client.send(MINJI, "/search@CosmoBot 땀 나도 눈 안 시린 선크림", chat=GROUP)
    reply = await client.wait_bot_message(GROUP["id"], after=ignored["seq"])
    assert reply["seq"] > asked["seq"], "the bot answered the command for another bot"
    assert "선크림" in reply["text"]
    history = await client.history(GROUP["id"])
    assert [m["is_bot"] for m in history] == [False, False, True]


async def test_pages_turn_by_editing_the_message(app, client):
    reply = await client.ask(MINJI, "촉촉한 보습 크림")
    assert "1/2쪽" in reply["text"]
    pressed = await client.press(MINJI, MINJI.id, reply["message_id"], button_text="다음 ▶")
    edited = await client.wait_edit(MINJI.id, reply["message_id"], after=pressed["seq"])
    assert "2/2쪽" in edited["text"] and "4." in edited["text"]
    assert len(await client.history(MINJI.id)) == 2


async def test_admin_reindex_reports_progress_while_searches_are_answered(app, client, vectorizer,
                                                                          engine):
    old_version = engine.index_version
    vectorizer.gate = asyncio.Event()
    status = await client.ask(ADMIN, "/reindex")
    progress = await wait_for_edit_containing(client, ADMIN.id, status["message_id"], "/",
                                              after=status["seq"])
    assert "🔄" in progress["text"]
    queries = ("보습 크림", "눈 시린 선크림", "입술 각질")
    replies = await asyncio.gather(*(client.ask(shopper(n), query)
                                     for n, query in enumerate(queries)))
    assert [f"‘{query}’" in reply["text"] and "1." in reply["text"]
            for query, reply in zip(queries, replies)] == [True, True, True]
    vectorizer.gate.set()
    summary = await wait_for_edit_containing(client, ADMIN.id, status["message_id"], "✅",
                                             after=progress["seq"])
    assert "제품 12개" in summary["text"] and "multilingual-e5" in summary["text"]
    assert engine.index_version != old_version
    assert "1." in (await client.ask(MINJI, "보습 크림"))["text"]


async def test_a_non_admin_cannot_reindex(app, client, engine):
    version = engine.index_version
    reply = await client.ask(MINJI, "/reindex")
    assert reply["text"] == "이 명령은 관리자만 쓸 수 있어요."
    assert engine.index_version == version and not engine.is_reindexing


async def test_inline_mode_answers_with_articles(app, client):
    query_id = await client.inline_query(MINJI, "건조한 피부 보습 크림")
    answer = await client.inline_answer(query_id)
    assert answer["results"] and answer["results"][0]["type"] == "article"
    first = answer["results"][0]
    chosen = await client.choose_inline_result(MINJI, query_id, first["id"], chat=GROUP)
    assert "원" in chosen["message"]["text"] and chosen["message"]["via_bot"]


async def test_a_product_named_script_arrives_escaped(app, client):
    reply = await client.ask(MINJI, "무향 립밤 입술 각질")
    assert "<script>&장난 립밤" in reply["text"]
    html = reply["versions"][0]["html"]
    assert escape("<script>&장난 립밤", quote=False) in html and "<script>" not in html


async def test_a_4000_character_query_is_answered_with_a_notice(app, client):
    query = ("건조한 피부에 바를 촉촉한 보습 크림 " * 200)[:4000]
    reply = await client.ask(MINJI, query)
    assert "질문이 길어서" in reply["text"]
    assert "1." in reply["text"] and len(reply["text"]) < 4096


async def test_telegram_429s_are_retried_and_no_reply_is_lost(app, client):
    await client.set_faults(rate_limit_every=3, retry_after=1, methods=["sendMessage"])
    replies = await asyncio.gather(*(client.ask(shopper(n), f"보습 크림 {n}", timeout=30)
                                     for n in range(6)))
    assert [f"‘보습 크림 {n}’" in reply["text"] for n, reply in enumerate(replies)] == [True] * 6
    assert (await client.faults())["injected"]["429"] >= 2
    for n in range(6):
        assert [m["is_bot"] for m in await client.history(shopper(n).id)] == [False, True]


async def test_webhook_mode_takes_updates_only_with_the_secret(settings, engine, client,
                                                               unused_tcp_port):
    url = f"http://127.0.0.1:{unused_tcp_port}/telegram/hook"
    application = build_application(settings, engine)
    async with running(application, polling=False):
        claims = application.bot_data[SERVICES_KEY].claims
        async with serving_webhook(application, claims, url=url, secret="s3cret-token",
                                   listen="127.0.0.1", port=unused_tcp_port):
            async with aiohttp.ClientSession() as session:
                async with session.post(url, json={"update_id": 1}) as refused:
                    assert refused.status == 403
                async with session.post(url, json={"update_id": 1},
                                        headers={SECRET_HEADER: "wrong"}) as refused:
                    assert refused.status == 403
            reply = await client.ask(MINJI, "보습 크림")
            assert "1." in reply["text"]
            assert (await client.bot_info())["webhook"]["url"] == url
