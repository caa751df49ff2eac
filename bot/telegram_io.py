"""Small Telegram calls whose failures are expected and harmless."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from telegram import Bot, InlineKeyboardMarkup, LinkPreviewOptions, Message
from telegram.constants import ChatAction
from telegram.error import BadRequest, TelegramError

log = logging.getLogger(__name__)


def is_not_modified(error: BadRequest) -> bool:
    return "not modified" in error.message.lower()


async def edit_text(message: Message, text: str,
                    reply_markup: InlineKeyboardMarkup | None = None,
                    link_preview: LinkPreviewOptions | None = None) -> None:
    """Edit a message; an edit that changes nothing ("message is not modified") is fine.

    Without `link_preview`, the bot's default (no preview) applies."""
    try:
        if link_preview is None:
            await message.edit_text(text, reply_markup=reply_markup)
        else:
            await message.edit_text(text, reply_markup=reply_markup,
                                    link_preview_options=link_preview)
    except BadRequest as error:
        if not is_not_modified(error):
            raise


@contextlib.asynccontextmanager
async def typing_if_slow(bot: Bot, chat_id: int, delay_s: float) -> AsyncIterator[None]:
    """Show "typing…" once the block has run for `delay_s` (0: before it starts).

    The Bot API asks for chat actions only when an answer takes noticeable time; a quick answer
    then costs one request instead of two, which halves its share of the 30 messages/s limit.
    """
    if delay_s <= 0:
        await show_typing(bot, chat_id)
        yield
        return

    async def later() -> None:
        await asyncio.sleep(delay_s)
        await asyncio.shield(show_typing(bot, chat_id))  # once sent, let it finish

    pending = asyncio.create_task(later())
    try:
        yield
    finally:
        pending.cancel()


async def show_typing(bot: Bot, chat_id: int) -> None:
    """Show "typing…"; a failure only costs the indicator, never the answer."""
    try:
        await bot.send_chat_action(chat_id, ChatAction.TYPING)
    except TelegramError as error:
        log.debug("typing action failed: %s", error)
