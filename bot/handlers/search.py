"""Searching: any text in a private chat, and `/search <query>` everywhere.

`/search@OtherBot` is left alone (PTB's CommandHandler checks the bot's username), and edited
messages are not searched again.
"""

from __future__ import annotations

from telegram import Message, MessageEntity, Update
from telegram.ext import BaseHandler, CommandHandler, MessageHandler, filters

from bot.search_reply import reply_with_results
from bot.services import CosmoContext
from bot.texts import for_user


async def search_text(update: Update, context: CosmoContext) -> None:
    await reply_with_results(update.message, context, update.message.text, update.effective_user)


async def search_command(update: Update, context: CosmoContext) -> None:
    query = command_argument(update.message)
    if not query:
        await update.message.reply_text(for_user(update.effective_user).SEARCH_USAGE)
        return
    await reply_with_results(update.message, context, query, update.effective_user)


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
