"""/start and /help: a short welcome with example queries as buttons; `/start <payload>` from
a share link (`bot/shares.py`) opens the shared search or product instead.

A payload this bot did not make, or whose search expired or product left the catalog, gets
the normal welcome: a link should never answer with an error.
"""

from __future__ import annotations

from html import escape

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import BaseHandler, CommandHandler, filters

from bot.keyboards import examples_keyboard
from bot.prefs import ChatPrefs
from bot.replies import product_reply
from bot.search_reply import reply_with_results
from bot.services import CosmoContext
from bot.shares import PRODUCT_PREFIX, SEARCH_PREFIX, is_payload, share_link
from bot.texts import for_user


async def start(update: Update, context: CosmoContext) -> None:
    payload = context.args[0] if context.args and len(context.args) == 1 else ""
    if is_payload(payload) and await open_shared(update, context, payload):
        return
    texts = for_user(update.effective_user)
    await update.message.reply_text(texts.WELCOME, reply_markup=examples_keyboard(texts))


async def open_shared(update: Update, context: CosmoContext, payload: str) -> bool:
    """Answer a share link's payload; False when it opens nothing (then the welcome follows)."""
    services = context.services
    if payload.startswith(SEARCH_PREFIX):
        shared = await services.shares.get(payload)
        if shared is None or shared.kind != "search":
            return False
        await reply_with_results(update.message, context, shared.text, update.effective_user,
                                 ChatPrefs(shared.category, shared.top_n, shared.mode))
        return True
    if payload.startswith(PRODUCT_PREFIX):
        product = services.finder.product_shared_as(payload)
        if product is None:
            return False
        await _send_product(update, context, product, payload)
        return True
    return False


async def _send_product(update: Update, context: CosmoContext, product, payload: str) -> None:
    reply = product_reply(product, for_user(update.effective_user), payload=payload,
                          share_url=share_link(context.bot.username, payload),
                          show_scores=context.services.settings.show_scores)
    await update.message.reply_text(reply.text, reply_markup=reply.keyboard,
                                    link_preview_options=reply.link_preview)


async def help_command(update: Update, context: CosmoContext) -> None:
    """How to search here: in a group by /search, in the private chat by any message."""
    private = update.effective_chat is not None and update.effective_chat.type == ChatType.PRIVATE
    texts = for_user(update.effective_user)
    template = texts.HELP if private else texts.HELP_GROUP
    await update.message.reply_text(template.format(bot_username=escape(context.bot.username)),
                                    reply_markup=examples_keyboard(texts))


def handlers() -> list[BaseHandler]:
    new_messages = filters.UpdateType.MESSAGE
    return [CommandHandler("start", start, filters=new_messages),
            CommandHandler("help", help_command, filters=new_messages)]
