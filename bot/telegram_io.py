"""Small Telegram calls whose failures are expected and harmless."""

from __future__ import annotations

import logging

from telegram import Bot, InlineKeyboardMarkup, Message
from telegram.constants import ChatAction
from telegram.error import BadRequest, TelegramError

log = logging.getLogger(__name__)


def is_not_modified(error: BadRequest) -> bool:
    return "not modified" in error.message.lower()


async def edit_text(message: Message, text: str,
                    reply_markup: InlineKeyboardMarkup | None = None) -> None:
    """Edit a message; an edit that changes nothing ("message is not modified") is fine."""
    try:
        await message.edit_text(text, reply_markup=reply_markup)
    except BadRequest as error:
        if not is_not_modified(error):
            raise


async def show_typing(bot: Bot, chat_id: int) -> None:
    """Show "typing…"; a failure only costs the indicator, never the answer."""
    try:
        await bot.send_chat_action(chat_id, ChatAction.TYPING)
    except TelegramError as error:
        log.debug("typing action failed: %s", error)
