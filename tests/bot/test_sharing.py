"""Share links: results carry a "링크 복사" button holding a t.me link; `/start <payload>` opens
the shared search or product; a payload that opens nothing gets the normal welcome."""

import re
from urllib.parse import parse_qs, urlsplit

from emulator import TelegramUser
from tests.bot.fake_engine import photo, shop_page
from tests.bot.harness import MINJI, running_bot
from tests.bot.test_settings_handlers import choose

FRIEND = TelegramUser(2002, "수아", "sua")
PAYLOAD = re.compile(r"[A-Za-z0-9_-]{1,64}")


def shared_link(message: dict) -> str:
    (button,) = [b for row in message["reply_markup"]["inline_keyboard"] for b in row
                 if "copy_text" in b]
    assert button["text"] == "🔗 링크 복사"
    return button["copy_text"]["text"]


def payload_of(link: str) -> str:
    parts = urlsplit(link)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "t.me", "/CosmoBot")
    (payload,) = parse_qs(parts.query)["start"]
    assert PAYLOAD.fullmatch(payload)
    return payload


async def test_a_shared_search_opens_the_same_search_for_a_friend(app, client, engine):
    await choose(client, "/top", "3개")
    reply = await client.ask(MINJI, "트러블 진정 크림")
    payload = payload_of(shared_link(reply))
    assert "트러블" not in payload and "진정" not in payload
    await client.start_chat(FRIEND)
    opened = await client.ask(FRIEND, f"/start {payload}")
    assert "‘트러블 진정 크림’ 검색 결과" in opened["text"]
    assert engine.queries[-1][0] == "트러블 진정 크림" and engine.queries[-1][2] == 3  # her /top
    assert shared_link(opened) == shared_link(reply)  # the same search, the same link


async def test_turning_the_page_keeps_the_same_link(app, client):
    reply = await client.ask(MINJI, "크림")
    pressed = await client.press(MINJI, MINJI.id, reply["message_id"], button_text="다음 ▶")
    edited = await client.wait_edit(MINJI.id, reply["message_id"], after=pressed["seq"])
    assert shared_link(edited) == shared_link(reply)


async def test_similar_products_share_the_product_whose_link_opens_its_card(app, client, engine):
    reply = await client.ask(MINJI, "크림")
    pressed = await client.press(MINJI, MINJI.id, reply["message_id"],
                                 button_text="비슷한 제품: 세라마이드 장벽 크림")
    similar = await client.wait_bot_message(MINJI.id, after=pressed["seq"])
    payload = payload_of(shared_link(similar))
    assert "c1" not in payload
    await client.start_chat(FRIEND)
    card = await client.ask(FRIEND, f"/start {payload}")
    assert card["text"].startswith("세라마이드 장벽 크림") and "32,000원" in card["text"]
    assert card["link_preview_options"]["url"] == photo("c1")
    rows = card["reply_markup"]["inline_keyboard"]
    assert rows[0][1] == {"text": "🛒 구매하기", "url": shop_page("c1")}
    assert payload_of(shared_link(card)) == payload
    again = await client.press(FRIEND, FRIEND.id, card["message_id"], button_text=rows[0][0]["text"])
    others = await client.wait_bot_message(FRIEND.id, after=again["seq"])
    assert "세라마이드 장벽 크림’과 비슷한 제품" in others["text"]


async def test_a_payload_that_opens_nothing_gets_the_welcome(app, client, engine):
    await client.start_chat(FRIEND)
    welcome = (await client.ask(FRIEND, "/start"))["text"]
    for payload in ("sAAAAAAAAAAAA", "pAAAAAAAAAAAAAAAA", "zzz", "s" * 65, "../../etc/passwd",
                    "크림", "s_a b"):
        answer = await client.ask(FRIEND, f"/start {payload}")
        assert answer["text"] == welcome, payload
    assert engine.queries == []


async def test_a_product_gone_from_the_catalog_gets_the_welcome(app, client, engine):
    reply = await client.ask(MINJI, "크림")
    pressed = await client.press(MINJI, MINJI.id, reply["message_id"],
                                 button_text="비슷한 제품: 세라마이드 장벽 크림")
    payload = payload_of(shared_link(await client.wait_bot_message(MINJI.id, after=pressed["seq"])))
    engine.products = tuple(p for p in engine.products if p.product_id != "c1")
    engine.snapshot += 1
    answer = await client.ask(MINJI, f"/start {payload}")
    assert answer["text"].startswith("안녕하세요")


async def test_a_shared_search_outlives_a_restart_of_the_bot(server, client, engine, settings):
    async with running_bot(settings, engine):
        payload = payload_of(shared_link(await client.ask(MINJI, "수분 크림")))
    async with running_bot(settings, engine):
        await client.start_chat(FRIEND)
        opened = await client.ask(FRIEND, f"/start {payload}")
    assert "‘수분 크림’ 검색 결과" in opened["text"]
