"""/start and /help: a short welcome with example queries as buttons."""

from __future__ import annotations

from html import escape

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler, filters

from bot import texts
from bot.keyboards import examples_keyboard
from bot.services import CosmoContext


async def start(update: Update, context: CosmoContext) -> None:
    await update.message.reply_text(texts.WELCOME, reply_markup=examples_keyboard())


async def help_command(update: Update, context: CosmoContext) -> None:
    await update.message.reply_text(texts.HELP.format(bot_username=escape(context.bot.username)),
                                    reply_markup=examples_keyboard())


def handlers() -> list[BaseHandler]:
    new_messages = filters.UpdateType.MESSAGE
    return [CommandHandler("start", start, filters=new_messages),
            CommandHandler("help", help_command, filters=new_messages)]
