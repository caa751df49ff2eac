"""Searching: any text in a private chat, and `/search <query>` everywhere.

`/search@OtherBot` is left alone (PTB's CommandHandler checks the bot's username), and edited
messages are not searched again.
"""

from __future__ import annotations

from telegram import Message, MessageEntity, Update, User
from telegram.ext import BaseHandler, CommandHandler, MessageHandler, filters

from bot import texts
from bot.failures import user_message_for
from bot.prefs import ChatPrefs
from bot.replies import results_reply
from bot.services import CosmoContext
from bot.shares import link_to
from bot.telegram_io import typing_if_slow
from engine.errors import CosmoError


async def search_text(update: Update, context: CosmoContext) -> None:
    await reply_with_results(update.message, context, update.message.text, update.effective_user)


async def search_command(update: Update, context: CosmoContext) -> None:
    query = command_argument(update.message)
    if not query:
        await update.message.reply_text(texts.SEARCH_USAGE)
        return
    await reply_with_results(update.message, context, query, update.effective_user)


async def reply_with_results(message: Message, context: CosmoContext, query: str,
                             user: User | None, prefs: ChatPrefs | None = None) -> None:
    """Search `query` for `user` with the chat's preferences (or `prefs`, a shared search's)
    and reply to `message`."""
    services = context.services
    wait_s = await services.rate_limiter.acquire(user.id) if user else 0
    if wait_s:
        await message.reply_text(texts.RATE_LIMITED.format(seconds=wait_s))
        return
    try:
        async with typing_if_slow(context.bot, message.chat_id, services.settings.typing_delay_s):
            found = await services.finder.search(
                query, prefs or await services.chats.prefs(message.chat_id))
    except CosmoError as error:
        await message.reply_text(user_message_for(error))
        return
    key = await services.chats.save_session(message.chat_id, found.session)
    share_url = (await link_to(found.session, services.shares, context.bot.username)
                 if found.response.results else None)
    reply = results_reply(found.response, found.session, key, page=0,
                          show_scores=services.settings.show_scores,
                          categories=services.finder.categories(), share_url=share_url)
    await message.reply_text(reply.text, reply_markup=reply.keyboard,
                             link_preview_options=reply.link_preview)


def command_argument(message: Message) -> str:
    """The text after the leading command (`/search@Bot 크림` → `크림`), newlines kept."""
    text = message.text or ""
    commands = message.parse_entities([MessageEntity.BOT_COMMAND])
    leading = next((command for entity, command in commands.items() if entity.offset == 0), "")
    return text[len(leading):].strip()


def handlers() -> list[BaseHandler]:
    private_text = (filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE & filters.TEXT
                    & ~filters.COMMAND & ~filters.VIA_BOT)
    return [CommandHandler("search", search_command, filters=filters.UpdateType.MESSAGE),
            MessageHandler(private_text, search_text)]
