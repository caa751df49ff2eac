"""The bot speaks the sender's language: Korean to `ko` (and to a client naming none), English
to every other language code; in a group, each sender's own. Catalog words stay Korean."""

import asyncio
import re
import string

import pytest

from bot.texts import ENGLISH, KOREAN, for_language
from emulator import TelegramUser
from tests.bot.harness import ADMIN, GROUP, MINJI, wait_for_edit_containing

EMMA = TelegramUser(2001, "Emma", "emma", language_code="en")
YUKI = TelegramUser(2002, "Yuki", "yuki", language_code="ja")
ADMIN_EN = TelegramUser(ADMIN.id, "Boss", "boss", language_code="en-GB")


def button_texts(message: dict) -> list[str]:
    return [b["text"] for row in message["reply_markup"]["inline_keyboard"] for b in row]


def hangul_outside_catalog_words(text: str, catalog: set[str]) -> set[str]:
    """Hangul words in `text` that are not the fake catalog's (names, brands, categories and
    reviews stay as the catalog writes them) or the query's."""
    return {word for word in re.findall(r"[가-힣]+", text) if word not in catalog}


@pytest.fixture
def catalog_words(engine) -> set[str]:
    words = set()
    for product in engine.products:
        for field in (product.name, product.brand, product.category,
                      *(review.text for review in product.reviews)):
            words.update(re.findall(r"[가-힣]+", field))
    return words


async def test_an_english_user_searches_and_reads_english(app, client, catalog_words):
    reply = await client.ask(EMMA, "크림")
    text = reply["text"]
    assert text.startswith("🔎 Results for ‘크림’")
    assert "Category: All · page 1 of 2" in text and "₩32,000" in text and "💬 Review (★5)" in text
    assert "세라마이드 장벽 크림" in text  # the catalog's words stay as written
    assert not hangul_outside_catalog_words(text, catalog_words | {"크림"})
    buttons = button_texts(reply)
    assert "Next ▶" in buttons and "🛒 Buy" in buttons and "🔗 Copy link" in buttons
    assert any(b.startswith("Similar: ") for b in buttons)
    assert not hangul_outside_catalog_words(" ".join(buttons), catalog_words)


async def test_any_language_but_korean_gets_english(app, client):
    reply = await client.ask(YUKI, "크림")
    assert reply["text"].startswith("🔎 Results for")


async def test_an_english_users_buttons_answer_in_english(app, client):
    reply = await client.ask(EMMA, "크림")
    similar = next(b for b in button_texts(reply) if b.startswith("Similar: "))
    pressed = await client.press(EMMA, EMMA.id, reply["message_id"], button_text=similar)
    answer = await client.wait_bot_message(EMMA.id, after=pressed["seq"])
    assert answer["text"].startswith("🧴 Products like ‘포근랩 세라마이드 장벽 크림’")
    vote = await client.press(EMMA, EMMA.id, reply["message_id"], button_text="👎 1")
    assert (await client.callback_answer(vote["callback_query_id"]))["text"] == \
        "No. 1 didn't fit, then. Thanks for telling me 🙏"
    forged = await client.press(EMMA, EMMA.id, reply["message_id"], data="pg:zz")
    assert (await client.callback_answer(forged["callback_query_id"]))["text"] == \
        "I can't handle this button."
    pressed = await client.press(EMMA, EMMA.id, reply["message_id"], button_text="Next ▶")
    edited = await client.wait_edit(EMMA.id, reply["message_id"], after=pressed["seq"])
    assert "page 2 of 2" in edited["text"] and "◀ Previous" in button_texts(edited)
    assert (await client.callback_answer(pressed["callback_query_id"]))["text"] == "Page 2"


async def test_an_english_user_is_told_in_english_when_nothing_fits(app, client):
    reply = await client.ask(EMMA, "노트북 <거치대>")
    lines = reply["text"].splitlines()
    assert lines[0] == "Our shop has no product for ‘노트북 <거치대>’."
    assert lines[1] == "We don't carry anything for ‘노트북’."  # no Korean particle
    assert lines[2].startswith("I can find these for you: 크림")
    assert lines[3] == f"For example: {ENGLISH.EXAMPLE_QUERIES[0]}"
    assert "&lt;거치대&gt;" in reply["versions"][-1]["html"]


async def test_an_english_user_gets_english_help_start_and_usage(app, client):
    help_text = await client.ask(EMMA, "/help")
    assert help_text["text"].startswith("How to use Cosmo")
    assert "Send me any message" in help_text["text"]
    assert button_texts(help_text) == list(ENGLISH.EXAMPLE_QUERIES)
    group_help = await client.ask(EMMA, "/help", chat=GROUP)
    assert "In this group, ask with /search your words." in group_help["text"]
    welcome = await client.ask(EMMA, "/start")
    assert welcome["text"].startswith("Hi! I'm Cosmo")
    usage = await client.ask(EMMA, "/search")
    assert "/search moisturizing cream for dry skin" in usage["text"]
    invalid = await client.ask(EMMA, "😀😀 ‼")
    assert invalid["text"].startswith("I couldn't find words to search for.")


async def test_an_english_example_button_searches_the_korean_example(app, client, engine):
    welcome = await client.ask(EMMA, "/start")
    pressed = await client.press(EMMA, EMMA.id, welcome["message_id"],
                                 button_text=ENGLISH.EXAMPLE_QUERIES[2])
    reply = await client.wait_bot_message(EMMA.id, after=pressed["seq"])
    assert engine.queries[-1][0] == KOREAN.EXAMPLE_QUERIES[2]
    assert reply["text"].startswith(f"🔎 Results for ‘{KOREAN.EXAMPLE_QUERIES[2]}’")


async def test_settings_menus_speak_english(app, client, engine):
    top = await client.ask(EMMA, "/top")
    assert top["text"] == "How many results should I show? (Now: 5)"
    assert "개" not in " ".join(button_texts(top))
    pressed = await client.press(EMMA, EMMA.id, top["message_id"], button_text="3")
    edited = await client.wait_edit(EMMA.id, top["message_id"], after=pressed["seq"])
    assert edited["text"] == "I'll show up to 3 results from now on."
    mode = await client.ask(EMMA, "/mode")
    assert mode["text"] == "Choose how to search. (Now: hybrid)"
    assert button_texts(mode)[0] == "Meaning — reviews that mean the same"
    category = await client.ask(EMMA, "/category")
    assert category["text"] == "Choose a category to search in. (Now: All)"
    assert button_texts(category)[0] == "All"


async def test_a_korean_user_is_unchanged_and_so_is_one_whose_client_names_no_language(
        app, client):
    for user in (MINJI, TelegramUser(2003, "지우", language_code="ko-KR"),
                 TelegramUser(2004, "무명", language_code="")):
        reply = await client.ask(user, "크림")
        assert reply["text"].startswith("🔎 ‘크림’ 검색 결과"), user
        assert "카테고리: 전체 · 1/2쪽" in reply["text"] and "32,000원" in reply["text"]
        assert "다음 ▶" in button_texts(reply) and "🛒 구매하기" in button_texts(reply)


async def test_in_a_group_each_sender_reads_their_own_language(app, client):
    korean = await client.ask(MINJI, "/search 크림", chat=GROUP)
    assert korean["text"].startswith("🔎 ‘크림’ 검색 결과")
    pressed = await client.press(EMMA, GROUP["id"], korean["message_id"], button_text="다음 ▶")
    edited = await client.wait_edit(GROUP["id"], korean["message_id"], after=pressed["seq"])
    assert "2/2쪽" in edited["text"]  # the page keeps the language it was shown in
    assert (await client.callback_answer(pressed["callback_query_id"]))["text"] == "Page 2"
    english = await client.ask(EMMA, "/search 크림", chat=GROUP)
    assert english["text"].startswith("🔎 Results for ‘크림’")


async def test_inline_answers_are_in_the_askers_language(app, client):
    english = await client.inline_answer(await client.inline_query(EMMA, "입술 각질 립밤"))
    korean = await client.inline_answer(await client.inline_query(MINJI, "입술 각질 립밤"))
    lip = next(r for r in english["results"] if r["id"] == "c5")
    assert lip["description"].startswith("₩9,000 · ★4.5")
    assert "💬 Review (★5)" in lip["input_message_content"]["message_text"]
    assert next(r for r in korean["results"] if r["id"] == "c5")["description"].startswith(
        "9,000원")
    empty = await client.inline_answer(await client.inline_query(EMMA, "  "))
    assert empty["button"]["text"] == ENGLISH.INLINE_START


async def test_an_english_admin_reads_stats_and_reindex_progress_in_english(app, client, engine):
    await client.ask(MINJI, "노트북")
    stats = await client.ask(ADMIN_EN, "/stats")
    assert stats["text"].startswith("📊 Cosmo status")
    assert "Searches: 1" in stats["text"] and "Queries that found nothing: 노트북 (1)" in stats["text"]
    assert not re.findall(r"[가-힣]+", stats["text"].replace("노트북", ""))
    engine.reindex_gate = asyncio.Event()
    status = await client.ask(ADMIN_EN, "/reindex")
    assert status["text"] == "🔄 Started rebuilding the index…"
    progress = await client.wait_edit(ADMIN.id, status["message_id"], after=status["seq"])
    assert "embedding reviews: 0/10" in progress["text"]
    engine.reindex_gate.set()
    final = await wait_for_edit_containing(client, ADMIN.id, status["message_id"], "✅",
                                           after=progress["seq"])
    assert "6 products" in final["text"] and " s\n" in final["text"]
    refused = await client.ask(EMMA, "/stats")
    assert refused["text"] == "Only admins can use this command."


async def test_the_menus_and_profile_are_korean_for_ko_and_english_for_everyone_else(app, client):
    info = await client.bot_info()
    assert info["descriptions"] == {"": ENGLISH.DESCRIPTION, "ko": KOREAN.DESCRIPTION}
    assert info["short_descriptions"] == {"": ENGLISH.SHORT_DESCRIPTION,
                                          "ko": KOREAN.SHORT_DESCRIPTION}
    menus = {(str(item["scope"]), item["language_code"]): {c["command"]: c["description"]
                                                            for c in item["commands"]}
             for item in info["commands"]}
    default = str({"type": "default"})
    assert menus[(default, "")]["search"] == ENGLISH.COMMANDS["search"]
    assert menus[(default, "ko")]["search"] == KOREAN.COMMANDS["search"]
    admin = str({"chat_id": ADMIN.id, "type": "chat"})
    assert menus[(admin, "")]["stats"] == ENGLISH.ADMIN_COMMANDS["stats"]
    assert menus[(admin, "ko")]["stats"] == KOREAN.ADMIN_COMMANDS["stats"]


def test_the_language_comes_from_the_language_code():
    assert [for_language(code) for code in ("ko", "ko-KR", "KO", None, "")] == [KOREAN] * 5
    assert [for_language(code) for code in ("en", "en-US", "ja", "zh-hans", "kok")] == [ENGLISH] * 5


def fields_of(value, ignored: frozenset[str] = frozenset()) -> list:
    """The format fields of a text, or of each text in a tuple or dict (keys kept)."""
    if isinstance(value, str):
        return sorted({name for _, name, _, _ in string.Formatter().parse(value)
                       if name and name not in ignored})
    if isinstance(value, dict):
        return [(key, fields_of(item, ignored)) for key, item in sorted(value.items())]
    if isinstance(value, tuple):
        return [fields_of(item, ignored) for item in value]
    return [type(value).__name__]


def names_of(texts) -> set[str]:
    return {name for name in vars(texts) if name.isupper()}


# A Korean particle agrees with the word before it; English has none to fill in.
KOREAN_ONLY = frozenset({"particle"})


def test_every_korean_text_has_an_english_one_with_the_same_fields():
    assert names_of(KOREAN) == names_of(ENGLISH)
    for name in sorted(names_of(KOREAN)):
        korean, english = getattr(KOREAN, name), getattr(ENGLISH, name)
        assert type(korean) is type(english), name
        assert fields_of(korean, KOREAN_ONLY) == fields_of(english), name
        assert fields_of(english) == fields_of(english, KOREAN_ONLY), name


def test_the_field_reader_tells_texts_apart():
    assert fields_of("{a} {b:,}") == ["a", "b"] != fields_of("{a}")
    assert fields_of({"x": "{n}"}) != fields_of({"x": "{m}"})
    assert fields_of(("{n}", "{n}")) != fields_of(("{n}",))
    assert fields_of("{word}{particle}", KOREAN_ONLY) == ["word"]
