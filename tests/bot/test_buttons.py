"""Result buttons: pages by edit, similar products, examples, stale and forged data."""

from tests.bot.harness import MINJI


async def ask_with_pages(client):
    reply = await client.ask(MINJI, "크림")  # the fake returns 5 products: two pages of 3
    buttons = [b for row in reply["reply_markup"]["inline_keyboard"] for b in row]
    return reply, buttons


async def test_next_page_edits_the_same_message(app, client):
    reply, buttons = await ask_with_pages(client)
    assert "1/2쪽" in reply["text"]
    pressed = await client.press(MINJI, MINJI.id, reply["message_id"], button_text="다음 ▶")
    edited = await client.wait_edit(MINJI.id, reply["message_id"], after=pressed["seq"])
    assert "2/2쪽" in edited["text"] and "4." in edited["text"]
    assert [b["text"] for b in edited["reply_markup"]["inline_keyboard"][-2]] == ["◀ 이전"]
    assert (await client.callback_answer(pressed["callback_query_id"]))["text"] == "2쪽"


async def test_pressing_the_shown_page_again_is_not_an_error(app, client):
    reply, buttons = await ask_with_pages(client)
    next_page = next(b["callback_data"] for b in buttons if b["text"] == "다음 ▶")
    first = await client.press(MINJI, MINJI.id, reply["message_id"], data=next_page)
    await client.wait_edit(MINJI.id, reply["message_id"], after=first["seq"])
    # a second client showing the old keyboard presses it again: the edit changes nothing
    again = await client.press(MINJI, MINJI.id, reply["message_id"], data=next_page)
    answer = await client.callback_answer(again["callback_query_id"])
    assert answer == {"text": "2쪽"}


async def test_similar_products_arrive_as_a_new_message(app, client):
    reply, buttons = await ask_with_pages(client)
    similar = next(b for b in buttons if b["text"].startswith("비슷한 제품"))
    pressed = await client.press(MINJI, MINJI.id, reply["message_id"], button_text=similar["text"])
    answer = await client.wait_bot_message(MINJI.id, after=pressed["seq"])
    assert "비슷한 제품" in answer["text"] and "세라마이드 장벽 크림’" in answer["text"]


async def test_a_button_from_before_a_reindex_replays_its_search_on_the_new_index(app, client,
                                                                                  engine):
    reply, buttons = await ask_with_pages(client)
    engine.snapshot += 1
    pressed = await client.press(MINJI, MINJI.id, reply["message_id"], button_text="다음 ▶")
    edited = await client.wait_edit(MINJI.id, reply["message_id"], after=pressed["seq"])
    assert "2/2쪽" in edited["text"]
    assert [query[0] for query in engine.queries] == ["크림", "크림"]
    old_data = {b["callback_data"] for b in buttons if "callback_data" in b}
    new_data = {b["callback_data"] for row in edited["reply_markup"]["inline_keyboard"] for b in row
                if "callback_data" in b}
    assert not old_data & new_data  # the new buttons carry the new index's tag


async def test_forged_callback_data_is_refused(app, client, engine):
    reply, _ = await ask_with_pages(client)
    for data in ("pg:deadbeef", "sim:00000000:1:999", "pg:0000000g:1:1", "x" * 64, "ex:77", "cat:zz:1", ""):
        pressed = await client.press(MINJI, MINJI.id, reply["message_id"], data=data)
        answer = await client.callback_answer(pressed["callback_query_id"])
        assert answer["text"] == "이 버튼은 처리할 수 없어요.", data
    assert len(engine.queries) == 1


async def test_a_similar_rank_beyond_the_results_is_refused(app, client, engine):
    reply, buttons = await ask_with_pages(client)
    data = next(b["callback_data"] for b in buttons if b.get("callback_data", "").startswith("sim:"))
    forged = data.rsplit(":", 1)[0] + ":19"
    pressed = await client.press(MINJI, MINJI.id, reply["message_id"], data=forged)
    assert (await client.callback_answer(pressed["callback_query_id"]))["text"] == "이 버튼은 처리할 수 없어요."


async def test_an_example_button_runs_its_query(app, client, engine):
    start = await client.ask(MINJI, "/start")
    first_example = start["reply_markup"]["inline_keyboard"][0][0]["text"]
    pressed = await client.press(MINJI, MINJI.id, start["message_id"], button_text=first_example)
    await client.wait_bot_message(MINJI.id, after=pressed["seq"])
    assert engine.queries[-1][0] == first_example


async def test_every_callback_data_fits_in_64_bytes(app, client):
    _, buttons = await ask_with_pages(client)
    assert all(len(b["callback_data"].encode()) <= 64 for b in buttons if "callback_data" in b)
