"""Inline mode: `@BotName 검색어` in any chat answers with one article per product.

Answers are in the asker's language, so Telegram may cache them for that user only
(`is_personal`): the same words from a user of another language get their own answer.
"""

from __future__ import annotations

import logging

from telegram import (InlineKeyboardMarkup, InlineQueryResultArticle, InlineQueryResultsButton,
                      InputTextMessageContent, Update)
from telegram.constants import ParseMode
from telegram.ext import BaseHandler, InlineQueryHandler

from bot.keyboards import buy_button
from bot.prefs import ChatPrefs
from bot.render import render_inline_article
from bot.services import CosmoContext
from bot.texts import for_user
from engine.errors import CosmoError, InvalidQueryError

CACHE_TIME_S = 30
log = logging.getLogger(__name__)


async def answer_inline(update: Update, context: CosmoContext) -> None:
    inline_query = update.inline_query
    services = context.services
    texts = for_user(inline_query.from_user)

    async def answer(articles: list, button_text: str | None, cache_time: int = CACHE_TIME_S):
        button = (InlineQueryResultsButton(button_text[:64], start_parameter="help")
                  if button_text else None)
        await inline_query.answer(articles, cache_time=cache_time, is_personal=True, button=button)

    if not inline_query.query.strip():
        await answer([], texts.INLINE_START)
        return
    wait_s = await services.rate_limiter.acquire(inline_query.from_user.id)
    if wait_s:
        await answer([], texts.RATE_LIMITED.format(seconds=wait_s), cache_time=0)
        return
    try:
        found = await services.finder.search(inline_query.query, ChatPrefs())
    except InvalidQueryError:
        await answer([], texts.INLINE_START)
        return
    except CosmoError as error:
        log.warning("inline search failed: %s", error)
        await answer([], texts.INLINE_NOTHING, cache_time=0)
        return
    articles = []
    for result in found.response.results:
        article = render_inline_article(result, texts, show_score=services.settings.show_scores)
        buy = buy_button(result.product, texts)
        articles.append(InlineQueryResultArticle(
            id=result.product.product_id[:64], title=article.title,
            description=article.description,
            input_message_content=InputTextMessageContent(article.html, parse_mode=ParseMode.HTML),
            reply_markup=InlineKeyboardMarkup([[buy]]) if buy else None,
            thumbnail_url=result.product.image_url or None))
    await answer(articles, None if articles else texts.INLINE_NOTHING)


def handlers() -> list[BaseHandler]:
    return [InlineQueryHandler(answer_inline)]
