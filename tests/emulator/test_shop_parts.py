"""What shop cards need from the emulator: URL and copy buttons, link previews with a photo,
inline thumbnails, and the bot's descriptions, checked as Telegram checks them."""

import pytest
from telegram import (CopyTextButton, InlineKeyboardButton, InlineKeyboardMarkup,
                      InlineQueryResultArticle, InputTextMessageContent, LinkPreviewOptions)
from telegram.error import BadRequest

PHOTO = LinkPreviewOptions(is_disabled=False, url="https://img.example/a.jpg",
                           prefer_large_media=True, show_above_text=True)


async def test_a_link_preview_is_kept_with_the_message_and_changes_with_an_edit(bot, client, minji):
    await client.start_chat(minji)
    sent = await bot.send_message(minji.id, "1쪽", link_preview_options=PHOTO)
    other = LinkPreviewOptions(is_disabled=False, url="https://img.example/b.jpg")
    await bot.edit_message_text("1쪽", minji.id, sent.message_id, link_preview_options=other)
    stored = await client.message(minji.id, sent.message_id)
    assert stored["versions"][0]["link_preview_options"]["url"] == "https://img.example/a.jpg"
    assert stored["link_preview_options"]["url"] == "https://img.example/b.jpg"
    disabled = await bot.send_message(minji.id, "x", link_preview_options=LinkPreviewOptions(
        is_disabled=True, url="https://img.example/a.jpg"))
    assert "link_preview_options" not in await client.message(minji.id, disabled.message_id)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd", "img.example/a.jpg"])
async def test_a_preview_or_button_address_that_is_not_a_web_address_is_refused(bot, client,
                                                                                minji, url):
    await client.start_chat(minji)
    with pytest.raises(BadRequest, match="(?i)webpage_url_invalid"):
        await bot.send_message(minji.id, "x", link_preview_options=LinkPreviewOptions(url=url))
    with pytest.raises(BadRequest, match="(?i)button_url_invalid"):
        await bot.send_message(minji.id, "x", reply_markup=InlineKeyboardMarkup(
            [[InlineKeyboardButton("구매하기", url=url)]]))


async def test_a_copy_text_button_is_accepted_within_256_characters(bot, client, minji):
    await client.start_chat(minji)
    link = "https://t.me/CosmoBot?start=s_abc"
    sent = await bot.send_message(minji.id, "x", reply_markup=InlineKeyboardMarkup(
        [[InlineKeyboardButton("링크 복사", copy_text=CopyTextButton(link))]]))
    assert sent.reply_markup.inline_keyboard[0][0].copy_text.text == link
    with pytest.raises(BadRequest, match="(?i)copy_text_invalid"):
        await bot.send_message(minji.id, "x", reply_markup=InlineKeyboardMarkup(
            [[InlineKeyboardButton("복사", copy_text=CopyTextButton("x" * 257))]]))


async def test_an_inline_thumbnail_must_be_a_web_address(bot, client, minji):
    query_id = await client.inline_query(minji, "크림")
    article = InlineQueryResultArticle("a", "크림", InputTextMessageContent("크림"),
                                       thumbnail_url="ftp://img.example/a.jpg")
    with pytest.raises(BadRequest, match="(?i)thumbnail_url_invalid"):
        await bot.answer_inline_query(query_id, [article])


async def test_descriptions_are_kept_per_language_and_shown_to_the_page(bot, client):
    assert await bot.set_my_description("리뷰로 화장품을 찾아요")
    assert await bot.set_my_description("Finds cosmetics by reviews", language_code="en")
    assert await bot.set_my_short_description("리뷰 검색 봇")
    assert (await bot.get_my_description(language_code="en")).description == \
        "Finds cosmetics by reviews"
    assert (await bot.get_my_short_description()).short_description == "리뷰 검색 봇"
    info = await client.bot_info()
    assert info["descriptions"] == {"": "리뷰로 화장품을 찾아요", "en": "Finds cosmetics by reviews"}
    with pytest.raises(BadRequest, match="(?i)short_description_invalid"):
        await bot.set_my_short_description("x" * 121)
