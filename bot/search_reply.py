"""Answering a search in a chat: the user's rate limit, the search with the chat's
preferences, the session behind the result buttons, and the reply. Shared by the search
handlers and the buttons that search again, so no handler module imports another."""

from __future__ import annotations

import time

from telegram import Message, User

from bot.failures import user_message_for
from bot.prefs import ChatPrefs
from bot.replies import results_reply
from bot.services import CosmoContext
from bot.shares import link_to
from bot.telegram_io import typing_if_slow
from bot.texts import for_user
from engine.errors import CosmoError
from engine.insight import search_record


async def reply_with_results(message: Message, context: CosmoContext, query: str,
                             user: User | None, prefs: ChatPrefs | None = None) -> None:
    """Search `query` for `user` with the chat's preferences (or `prefs`, a shared search's)
    and reply to `message` in the user's language."""
    services = context.services
    texts = for_user(user)
    wait_s = await services.rate_limiter.acquire(user.id) if user else 0
    if wait_s:
        await message.reply_text(texts.RATE_LIMITED.format(seconds=wait_s))
        return
    try:
        async with typing_if_slow(context.bot, message.chat_id, services.settings.typing_delay_s):
            found = await services.finder.search(
                query, prefs or await services.chats.prefs(message.chat_id),
                language=texts.LANGUAGE)
    except CosmoError as error:
        await message.reply_text(user_message_for(error, texts))
        return
    await services.insight.add_search(search_record(found.response, time.time(),
                                                    services.engine.snapshot_id))
    key = await services.chats.save_session(message.chat_id, found.session)
    share_url = (await link_to(found.session, services.shares, context.bot.username)
                 if found.response.results else None)
    reply = results_reply(found.response, found.session, key, page=0, texts=texts,
                          show_scores=services.settings.show_scores,
                          categories=services.finder.categories(), share_url=share_url)
    await message.reply_text(reply.text, reply_markup=reply.keyboard,
                             link_preview_options=reply.link_preview)
