"""The command menus and the profile texts, per language: public commands for everyone, admin
commands only in admins' chats.

Telegram shows a user the texts set for their language, else those set for no language. The
bot answers Korean to `ko` users and English to everyone else (`bot.texts`), so the menus and
profile say the same: Korean for `ko`, English for every other language.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from telegram import Bot, BotCommand, BotCommandScopeChat, BotCommandScopeDefault
from telegram.error import BadRequest, TelegramError

from bot.texts import ENGLISH, KOREAN, Texts

log = logging.getLogger(__name__)

# Telegram's language code of each set of texts; "" for users of every other language.
PROFILE_LANGUAGES: tuple[tuple[str, Texts], ...] = (("", ENGLISH), ("ko", KOREAN))


def public_commands(texts: Texts) -> list[BotCommand]:
    return [BotCommand(name, description) for name, description in texts.COMMANDS.items()]


def admin_commands(texts: Texts) -> list[BotCommand]:
    return public_commands(texts) + [BotCommand(name, description)
                                     for name, description in texts.ADMIN_COMMANDS.items()]


async def set_descriptions(bot: Bot) -> None:
    """The profile texts in each language. A failure only leaves the previous texts in place,
    so it never stops the start-up."""
    for language, texts in PROFILE_LANGUAGES:
        try:
            await bot.set_my_description(texts.DESCRIPTION, language_code=language or None)
            await bot.set_my_short_description(texts.SHORT_DESCRIPTION,
                                               language_code=language or None)
        except TelegramError as error:
            log.warning("bot description (%s) not set: %s", language or "default", error)


async def set_command_menus(bot: Bot, admin_ids: Iterable[int]) -> None:
    """Set the default menu, then the admin menu in each admin's private chat, per language."""
    admin_ids = tuple(admin_ids)
    for language, texts in PROFILE_LANGUAGES:
        await bot.set_my_commands(public_commands(texts), scope=BotCommandScopeDefault(),
                                  language_code=language or None)
        for admin_id in admin_ids:
            try:
                await bot.set_my_commands(admin_commands(texts), scope=BotCommandScopeChat(admin_id),
                                          language_code=language or None)
            except BadRequest as error:
                # Telegram knows the chat only after the admin has opened the bot once.
                log.warning("admin menu not set for user id %s: %s", admin_id, error.message)
