"""The error handler: log the cause with the update's ids, and tell the user in their language."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import TelegramError

from bot.services import CosmoContext
from bot.texts import for_user

log = logging.getLogger(__name__)


async def on_error(update: object, context: CosmoContext) -> None:
    if not isinstance(update, Update):
        log.error("error outside an update", exc_info=context.error)
        return
    log.error("update %s (chat %s, user %s) failed", update.update_id,
              update.effective_chat.id if update.effective_chat else None,
              update.effective_user.id if update.effective_user else None,
              exc_info=context.error)
    texts = for_user(update.effective_user)
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(texts.UNEXPECTED, show_alert=True)
        elif update.effective_message is not None:
            await update.effective_message.reply_text(texts.UNEXPECTED)
    except TelegramError as error:
        log.warning("could not tell the user about the failure: %s", error)
