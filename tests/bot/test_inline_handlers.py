"""Inline mode: `@CosmoBot 검색어` answers with articles that send an escaped card."""

from tests.bot.harness import GROUP, MINJI


async def test_inline_query_answers_with_articles(app, client):
    query_id = await client.inline_query(MINJI, "입술 각질 립밤")
    answer = await client.inline_answer(query_id)
    titles = [result["title"] for result in answer["results"]]
    assert "테스트&코 <script>&장난 립밤" in titles
    chosen = await client.choose_inline_result(MINJI, query_id, "c5", chat=GROUP)
    assert "<script>&장난 립밤" in chosen["message"]["text"]
    assert "9,000원" in chosen["message"]["text"]


async def test_an_empty_inline_query_offers_help(app, client):
    answer = await client.inline_answer(await client.inline_query(MINJI, "   "))
    assert answer["results"] == [] and answer["button"]["start_parameter"] == "help"


async def test_an_inline_query_without_an_index_answers_nothing(app, client, engine):
    engine.has_index = False
    answer = await client.inline_answer(await client.inline_query(MINJI, "크림"))
    assert answer["results"] == []


async def test_a_message_sent_via_the_bot_is_not_searched_again(app, client, engine):
    query_id = await client.inline_query(MINJI, "크림")
    await client.inline_answer(query_id)
    chosen = await client.choose_inline_result(MINJI, query_id, "c1")
    follow_up = await client.ask(MINJI, "선크림")
    assert follow_up["seq"] > chosen["seq"]
    assert [query for query, *_ in engine.queries] == ["크림", "선크림"]
