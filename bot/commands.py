"""The command menus: public commands for everyone, admin commands only in admins' chats."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from telegram import Bot, BotCommand, BotCommandScopeChat, BotCommandScopeDefault
from telegram.error import BadRequest, TelegramError

from bot import texts

log = logging.getLogger(__name__)


def public_commands() -> list[BotCommand]:
    return [BotCommand(name, description) for name, description in texts.COMMANDS.items()]


def admin_commands() -> list[BotCommand]:
    return public_commands() + [BotCommand(name, description)
                                for name, description in texts.ADMIN_COMMANDS.items()]


async def set_descriptions(bot: Bot) -> None:
    """The profile texts: Korean by default, English for English-speaking users. A failure
    only leaves the previous texts in place, so it never stops the start-up."""
    for language, long, short in (("", texts.DESCRIPTION, texts.SHORT_DESCRIPTION),
                                  ("en", texts.DESCRIPTION_EN, texts.SHORT_DESCRIPTION_EN)):
        try:
            await bot.set_my_description(long, language_code=language or None)
            await bot.set_my_short_description(short, language_code=language or None)
        except TelegramError as error:
            log.warning("bot description (%s) not set: %s", language or "default", error)


async def set_command_menus(bot: Bot, admin_ids: Iterable[int]) -> None:
    """Set the default menu, then the admin menu in each admin's private chat."""
    await bot.set_my_commands(public_commands(), scope=BotCommandScopeDefault())
    for admin_id in admin_ids:
        try:
            await bot.set_my_commands(admin_commands(), scope=BotCommandScopeChat(admin_id))
        except BadRequest as error:
            # Telegram knows the chat only after the admin has opened the bot once.
            log.warning("admin menu not set for user id %s: %s", admin_id, error.message)
