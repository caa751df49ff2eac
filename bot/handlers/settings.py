"""/category, /top and /mode: per-chat preferences chosen with buttons, kept across restarts."""

from __future__ import annotations

from html import escape

from telegram import Message, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, filters

from bot.callback_data import (CategoryButton, InvalidCallbackData, ModeButton, TopButton,
                               decode, prefix_pattern)
from bot.keyboards import category_keyboard, mode_keyboard, top_keyboard
from bot.prefs import TOP_CHOICES, ChatPrefs
from bot.render import mode_label
from bot.services import CosmoContext
from bot.telegram_io import edit_text
from bot.texts import Texts, for_user


async def ask_category(update: Update, context: CosmoContext) -> None:
    finder = context.services.finder
    texts = for_user(update.effective_user)
    current = (await context.services.chats.prefs(update.message.chat_id)).category or texts.CATEGORY_ALL
    await update.message.reply_text(
        texts.CATEGORY_PROMPT.format(current=escape(current)),
        reply_markup=category_keyboard(finder.categories(), texts, version=finder.version))


async def ask_top(update: Update, context: CosmoContext) -> None:
    prefs = await context.services.chats.prefs(update.message.chat_id)
    current = prefs.top_n or context.services.settings.default_top_n
    texts = for_user(update.effective_user)
    await update.message.reply_text(texts.TOP_PROMPT.format(current=current),
                                    reply_markup=top_keyboard(texts))


async def ask_mode(update: Update, context: CosmoContext) -> None:
    prefs = await context.services.chats.prefs(update.message.chat_id)
    current = prefs.mode or context.services.settings.search_mode.value
    texts = for_user(update.effective_user)
    await update.message.reply_text(
        texts.MODE_PROMPT.format(current=escape(mode_label(current, texts))),
        reply_markup=mode_keyboard(texts))


async def choose(update: Update, context: CosmoContext) -> None:
    """Store the chosen category, top or mode for this chat and confirm in place."""
    query = update.callback_query
    texts = for_user(query.from_user)
    if not isinstance(query.message, Message):  # an inline message: no chat to keep settings in
        await query.answer(texts.INVALID_BUTTON, show_alert=True)
        return
    chats = context.services.chats
    prefs = await chats.prefs(query.message.chat_id)
    try:
        button = decode(query.data)
        prefs, confirmation = _apply(button, prefs, context, texts)
    except InvalidCallbackData:
        await query.answer(texts.INVALID_BUTTON, show_alert=True)
        return
    if prefs is None:
        await query.answer(texts.STALE_BUTTON, show_alert=True)
        return
    await chats.save_prefs(query.message.chat_id, prefs)
    await edit_text(query.message, confirmation)
    await query.answer()


def _apply(button, prefs: ChatPrefs, context: CosmoContext,
           texts: Texts) -> tuple[ChatPrefs | None, str]:
    finder = context.services.finder
    if isinstance(button, CategoryButton):
        if button.version != finder.version:
            return None, ""
        if button.index == -1:
            return prefs.with_category(None), texts.CATEGORY_SET.format(category=texts.CATEGORY_ALL)
        categories = finder.categories()
        if button.index >= len(categories):
            raise InvalidCallbackData(f"no category {button.index}")
        category = categories[button.index]
        return prefs.with_category(category), texts.CATEGORY_SET.format(category=escape(category))
    if isinstance(button, TopButton) and button.top in TOP_CHOICES:
        return prefs.with_top_n(button.top), texts.TOP_SET.format(top=button.top)
    if isinstance(button, ModeButton):
        return prefs.with_mode(button.mode), texts.MODE_SET.format(
            mode=escape(mode_label(button.mode, texts)))
    raise InvalidCallbackData(f"not a settings button: {button!r}")


def handlers() -> list[BaseHandler]:
    new_messages = filters.UpdateType.MESSAGE
    return [
        CommandHandler("category", ask_category, filters=new_messages),
        CommandHandler("top", ask_top, filters=new_messages),
        CommandHandler("mode", ask_mode, filters=new_messages),
        CallbackQueryHandler(choose, pattern=prefix_pattern(CategoryButton, TopButton, ModeButton)),
    ]
