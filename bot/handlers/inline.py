"""Inline mode: `@BotName 검색어` in any chat answers with one article per product."""

from __future__ import annotations

import logging

from telegram import (InlineKeyboardMarkup, InlineQueryResultArticle, InlineQueryResultsButton, InputTextMessageContent,
                      Update)
from telegram.constants import ParseMode
from telegram.ext import BaseHandler, InlineQueryHandler

from bot import texts
from bot.keyboards import buy_button
from bot.prefs import ChatPrefs
from bot.render import render_inline_article
from bot.services import CosmoContext
from engine.errors import CosmoError, InvalidQueryError

CACHE_TIME_S = 30
log = logging.getLogger(__name__)


async def answer_inline(update: Update, context: CosmoContext) -> None:
    inline_query = update.inline_query
    services = context.services
    if not inline_query.query.strip():
        await inline_query.answer([], cache_time=CACHE_TIME_S, button=_start_button())
        return
    wait_s = await services.rate_limiter.acquire(inline_query.from_user.id)
    if wait_s:
        await inline_query.answer([], cache_time=0, is_personal=True, button=InlineQueryResultsButton(
            texts.RATE_LIMITED.format(seconds=wait_s)[:64], start_parameter="help"))
        return
    try:
        found = await services.finder.search(inline_query.query, ChatPrefs())
    except InvalidQueryError:
        await inline_query.answer([], cache_time=CACHE_TIME_S, button=_start_button())
        return
    except CosmoError as error:
        log.warning("inline search failed: %s", error)
        await inline_query.answer([], cache_time=0, button=InlineQueryResultsButton(
            texts.INLINE_NOTHING, start_parameter="help"))
        return
    articles = []
    for result in found.response.results:
        article = render_inline_article(result, show_score=services.settings.show_scores)
        buy = buy_button(result.product)
        articles.append(InlineQueryResultArticle(
            id=result.product.product_id[:64], title=article.title,
            description=article.description,
            input_message_content=InputTextMessageContent(article.html, parse_mode=ParseMode.HTML),
            reply_markup=InlineKeyboardMarkup([[buy]]) if buy else None,
            thumbnail_url=result.product.image_url or None))
    await inline_query.answer(articles, cache_time=CACHE_TIME_S, button=None if articles else
                              InlineQueryResultsButton(texts.INLINE_NOTHING, start_parameter="help"))


def _start_button() -> InlineQueryResultsButton:
    return InlineQueryResultsButton(texts.INLINE_START, start_parameter="help")


def handlers() -> list[BaseHandler]:
    return [InlineQueryHandler(answer_inline)]
