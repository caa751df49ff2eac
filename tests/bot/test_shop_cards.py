"""Cards that lead to the shop: a "구매하기" button per product with a page, the first result's
photo as a large link preview above the text, thumbnails and buy buttons in inline answers."""

from tests.bot.fake_engine import photo, shop_page
from tests.bot.harness import GROUP, MINJI


def rows_of(message: dict) -> list[list[dict]]:
    return message["reply_markup"]["inline_keyboard"]


async def test_each_product_with_a_page_has_a_buy_button_beside_its_similar_button(app, client):
    reply = await client.ask(MINJI, "크림")  # c1 (page and photo), c2 (page), c3 (neither)
    rows = [row for row in rows_of(reply) if row[0]["text"].startswith("비슷한 제품")]
    assert [b["text"] for b in rows[0]] == ["비슷한 제품: 세라마이드 장벽 크림", "🛒 구매하기"]
    assert rows[0][1]["url"] == shop_page("c1")
    assert rows[1][1]["url"] == shop_page("c2")
    assert [b["text"] for b in rows[2]] == ["비슷한 제품: 시카 진정 크림"]
    assert "&lt;x&gt;" not in str(rows) and "utm=<x>" in rows[0][1]["url"]


async def test_the_first_results_photo_is_a_large_preview_that_follows_the_page(app, client):
    reply = await client.ask(MINJI, "크림")
    preview = reply["link_preview_options"]
    assert preview["url"] == photo("c1") and not preview.get("is_disabled")
    assert preview["prefer_large_media"] and preview["show_above_text"]
    pressed = await client.press(MINJI, MINJI.id, reply["message_id"], button_text="다음 ▶")
    edited = await client.wait_edit(MINJI.id, reply["message_id"], after=pressed["seq"])
    assert edited["link_preview_options"]["url"] == photo("c4")  # page 2 starts with c4


async def test_a_page_whose_first_product_has_no_photo_shows_no_preview(app, client):
    reply = await client.ask(MINJI, "시카 진정 트러블")  # c3 first: no photo
    assert "1. 시카 진정 크림" in reply["text"]
    assert "link_preview_options" not in reply


async def test_inline_answers_carry_the_thumbnail_and_the_buy_button(app, client):
    query_id = await client.inline_query(MINJI, "세라마이드 장벽 크림")
    answer = await client.inline_answer(query_id)
    first = next(r for r in answer["results"] if r["id"] == "c1")
    assert first["thumbnail_url"] == photo("c1")
    assert rows_of(first)[0][0] == {"text": "🛒 구매하기", "url": shop_page("c1")}
    without = next(r for r in answer["results"] if r["id"] == "c3")
    assert "thumbnail_url" not in without and "reply_markup" not in without
    chosen = await client.choose_inline_result(MINJI, query_id, "c1", chat=GROUP)
    assert rows_of(chosen["message"])[0][0]["url"] == shop_page("c1")
