"""Bad input through the real bot and engine: each gets a friendly Korean answer or a precise
refusal, nothing crashes, and the next ordinary search is answered exactly as before."""

from __future__ import annotations

import pytest

from bot.texts import KOREAN as texts
from bot.callback_data import CategoryButton, decode, encode
from tests.bot.harness import MINJI, running_bot

EMPTY_QUERIES = {
    "bare /search": "/search",
    "/search and whitespace": "/search   \n\t  ",
    "hangul filler (a 'blank' message)": "\u3164",
    "hangul fillers and spaces": "\u3164 \u3164\u3164",
    "braille blanks": "\u2800\u2800",
    "emoji only": "😀💄✨🧴",
    "/search and emoji only": "/search 😀💄",
    "zero-width characters only": "\u200b\u200c\u200d\ufeff",
    "control characters only": "\x07\x1b\x7f",
}
NOTHING_TO_SEARCH = (texts.INVALID_QUERY.split("\n")[0], "검색어를 함께 적어 주세요")


@pytest.mark.parametrize("text", EMPTY_QUERIES.values(), ids=EMPTY_QUERIES.keys())
async def test_a_query_with_nothing_to_search_gets_a_friendly_hint(app, client, engine, text):
    reply = await client.ask(MINJI, text)
    assert any(hint in reply["text"] for hint in NOTHING_TO_SEARCH), reply["text"]
    assert engine.stats().query_count == 0


async def test_zero_width_and_control_characters_inside_a_query_are_dropped(app, client):
    reply = await client.ask(MINJI, "\u200b보\u200b습\u200d 크\x07림\ufeff")
    assert "‘보습 크림’" in reply["text"] and "1." in reply["text"]


async def test_a_4096_character_query_is_answered_with_a_notice(app, client):
    query = ("건조한 피부에 바를 촉촉한 보습 크림 " * 300)[:4096]
    reply = await client.ask(MINJI, query)
    assert "질문이 길어서" in reply["text"] and "1." in reply["text"]
    assert len(reply["text"]) < 4096


async def test_html_in_a_query_is_shown_as_text_not_markup(app, client):
    query = "<b>보습</b> 크림 <script>alert(1)</script> &amp;"
    reply = await client.ask(MINJI, query)
    assert f"‘{query}’" in reply["text"]
    html = reply["versions"][0]["html"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp;" in html and "<script>" not in html


async def test_markdown_in_a_query_is_shown_as_typed(app, client):
    query = "**보습** _크림_ `코드` [링크](http://example.com)"
    reply = await client.ask(MINJI, query)
    assert f"‘{query}’" in reply["text"]
    assert "<a " not in reply["versions"][0]["html"]


async def category_tag(client) -> tuple[str, dict]:
    """The index-version tag on this chat's /category buttons, and the prompt message."""
    prompt = await client.ask(MINJI, "/category")
    first = prompt["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    return decode(first).version, prompt


@pytest.mark.parametrize("forged, answer", [
    ("unknown category number", texts.INVALID_BUTTON),
    ("category of an older index", texts.STALE_BUTTON),
])
async def test_an_unknown_category_button_is_refused_and_the_filter_kept(app, client, forged,
                                                                        answer):
    tag, prompt = await category_tag(client)
    button = (CategoryButton(tag, 999) if forged == "unknown category number"
              else CategoryButton("0" * len(tag), 0))
    pressed = await client.press(MINJI, MINJI.id, prompt["message_id"], data=encode(button))
    reply = await client.callback_answer(pressed["callback_query_id"])
    assert reply["text"] == answer and reply["show_alert"]
    after = await client.ask(MINJI, "보습 크림")
    assert "카테고리: 전체" in after["text"]


async def test_bad_input_leaves_nothing_behind(settings, engine, client):
    unlimited = settings.model_copy(update={"user_rate_limit": 0})  # many questions in a row
    async with running_bot(unlimited, engine):
        before = await client.ask(MINJI, "촉촉한 보습 크림")
        version = engine.index_version
        for text in [*EMPTY_QUERIES.values(), "<i>", "```", "\u200b보습\x00"]:
            await client.ask(MINJI, text)
        after = await client.ask(MINJI, "촉촉한 보습 크림")
    assert after["text"] == before["text"]
    assert engine.index_version == version
