"""/category, /top and /mode: chosen with buttons, applied to searches, kept across restarts."""

from tests.bot.harness import GROUP, MINJI, running_bot


async def choose(client, command, button_text, chat=None, user=MINJI):
    prompt = await client.ask(user, command, chat=chat)
    chat_id = prompt["chat"]["id"]
    pressed = await client.press(user, chat_id, prompt["message_id"], button_text=button_text)
    return await client.wait_edit(chat_id, prompt["message_id"], after=pressed["seq"])


async def test_category_filter_applies_to_later_searches(app, client, engine):
    confirmed = await choose(client, "/category", "립")
    assert "‘립’" in confirmed["text"] and "reply_markup" not in confirmed
    reply = await client.ask(MINJI, "크림")
    assert engine.queries[-1][1] == ("립",)
    assert "카테고리: 립" in reply["text"]


async def test_top_changes_the_number_of_results(app, client, engine):
    await choose(client, "/top", "3개")
    await client.ask(MINJI, "크림")
    assert engine.queries[-1][2] == 3


async def test_mode_is_passed_to_the_engine(app, client, engine):
    await choose(client, "/mode", "키워드 — 같은 단어가 나오는 리뷰")
    await client.ask(MINJI, "크림")
    assert engine.queries[-1][3].value == "keyword"


async def test_settings_are_per_chat(app, client, engine):
    await choose(client, "/category", "립", chat=GROUP)
    await client.ask(MINJI, "크림")
    assert engine.queries[-1][1] == ()


async def test_settings_survive_a_restart(settings, engine, client):
    async with running_bot(settings, engine):
        await choose(client, "/top", "10개")
    async with running_bot(settings, engine):
        await client.ask(MINJI, "크림")
    assert engine.queries[-1][2] == 10


async def test_a_category_that_disappeared_is_dropped_with_a_notice(app, client, engine):
    await choose(client, "/category", "립")
    engine.products = tuple(p for p in engine.products if p.category != "립")
    reply = await client.ask(MINJI, "크림")
    assert engine.queries[-1][1] == ()
    assert "전체에서 검색했어요" in reply["text"]
