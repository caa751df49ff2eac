"""The bot's words: /help fits the chat it is asked in, the profile texts are set at start-up
(Korean for `ko`, English for every other language), and /stats speaks Korean throughout."""

import re

from tests.bot.harness import ADMIN, GROUP, MINJI


async def test_help_in_a_group_says_to_use_search_there_and_in_private_any_message(app, client):
    group = await client.ask(MINJI, "/help", chat=GROUP)
    assert "저에게 바로 메시지를 보내면" not in group["text"]
    assert "이 그룹에서는 /search 검색어 로 물어보세요." in group["text"]
    private = await client.ask(MINJI, "/help")
    assert "저에게 바로 메시지를 보내면 리뷰를 검색해요." in private["text"]


async def test_the_descriptions_are_set_at_start_up_in_korean_and_english(app, client):
    info = await client.bot_info()
    assert "리뷰에 적힌 말로 화장품을 찾아 드려요" in info["descriptions"]["ko"]
    assert info["descriptions"][""].startswith("Finds Korean cosmetics")
    assert info["short_descriptions"] == {"ko": "리뷰로 화장품을 찾아 주는 봇이에요 🧴",
                                          "": "Finds cosmetics by their reviews 🧴"}
    assert all(len(text) <= 120 for text in info["short_descriptions"].values())
    assert all(len(text) <= 512 for text in info["descriptions"].values())


async def test_stats_hold_no_english_words_besides_names_and_ids(app, client):
    await client.ask(MINJI, "크림")
    stats = await client.ask(ADMIN, "/stats")
    html = stats["versions"][0]["html"]
    prose = re.sub(r"<code>.*?</code>|&\w+;|</?\w+>", " ", html)  # names and ids are code
    assert set(re.findall(r"[A-Za-z]+", prose)) <= {"fake", "backend"}  # the fake's backend name
