"""The command menus: public commands for everyone, admin commands only in admins' chats."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from telegram import Bot, BotCommand, BotCommandScopeChat, BotCommandScopeDefault
from telegram.error import BadRequest

from bot import texts

log = logging.getLogger(__name__)


def public_commands() -> list[BotCommand]:
    return [BotCommand(name, description) for name, description in texts.COMMANDS.items()]


def admin_commands() -> list[BotCommand]:
    return public_commands() + [BotCommand(name, description)
                                for name, description in texts.ADMIN_COMMANDS.items()]


async def set_command_menus(bot: Bot, admin_ids: Iterable[int]) -> None:
    """Set the default menu, then the admin menu in each admin's private chat."""
    await bot.set_my_commands(public_commands(), scope=BotCommandScopeDefault())
    for admin_id in admin_ids:
        try:
            await bot.set_my_commands(admin_commands(), scope=BotCommandScopeChat(admin_id))
        except BadRequest as error:
            # Telegram knows the chat only after the admin has opened the bot once.
            log.warning("admin menu not set for user id %s: %s", admin_id, error.message)
