"""Result buttons: pages (edited in place), "비슷한 제품", example queries; and forged data.

A button from before a reindex runs its stored search again on the index now serving (the
session holds the query, not the results); data this bot did not make is refused and logged.
A toast is in the presser's language; a page edited in place keeps its message's language.
"""

from __future__ import annotations

import hashlib
import logging
import time

from telegram import CallbackQuery, Message, Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.callback_data import (Button, ExampleButton, FeedbackButton, InvalidCallbackData,
                               PageButton,
                               ProductSimilarButton, SimilarButton, decode, prefix_pattern)
from bot.failures import user_message_for
from bot.finder import Found
from bot.replies import results_reply
from bot.search_reply import reply_with_results
from bot.services import CosmoContext
from bot.sessions import SearchSession
from bot.shares import link_to
from bot.telegram_io import edit_text
from bot.texts import KOREAN, for_session, for_user
from engine.errors import CosmoError
from engine.insight import Vote
from engine.models import SearchResult

log = logging.getLogger(__name__)


async def show_page(update: Update, context: CosmoContext) -> None:
    query = update.callback_query
    button = await _decode(query, PageButton)
    session = await _session_for(query, context, button)
    if session is None:
        return
    texts = for_user(query.from_user)
    try:
        response = await context.services.finder.replay(session)
    except CosmoError as error:
        await query.answer(user_message_for(error, texts), show_alert=True)
        return
    share_url = await link_to(session, context.services.shares, context.bot.username)
    reply = results_reply(response, session, button.session, button.page,
                          for_session(session.language, query.from_user),
                          show_scores=context.services.settings.show_scores, share_url=share_url)
    await edit_text(query.message, reply.text, reply.keyboard, reply.link_preview)
    await query.answer(texts.PAGE_SHOWN.format(page=button.page + 1))


async def show_similar(update: Update, context: CosmoContext) -> None:
    query = update.callback_query
    button = await _decode(query, SimilarButton)
    shown = await _result_pressed(query, context, button)
    if shown is None:
        return
    session, result = shown
    texts = for_user(query.from_user)
    try:
        found = await context.services.finder.similar(result.product.product_id, session.top_n,
                                                      language=texts.LANGUAGE)
    except CosmoError as error:
        await query.answer(user_message_for(error, texts), show_alert=True)
        return
    await send_similar(query, context, found)


async def record_feedback(update: Update, context: CosmoContext) -> None:
    """👍/👎 under a result: kept with the search's words and the snapshot that answered."""
    query = update.callback_query
    button = await _decode(query, FeedbackButton)
    shown = await _result_pressed(query, context, button)
    if shown is None:
        return
    session, result = shown
    services = context.services
    await services.insight.add_vote(Vote(
        at=time.time(), query=session.text, product_id=result.product.product_id,
        snapshot_id=services.engine.snapshot_id, vote=1 if button.vote == "u" else -1,
        voter=voter_id(query.message.chat_id, button.session, button.rank)))
    thanks = for_user(query.from_user).FEEDBACK_THANKS[button.vote]
    await query.answer(thanks.format(rank=button.rank + 1))


async def _result_pressed(query: CallbackQuery, context: CosmoContext,
                          button: SimilarButton | FeedbackButton
                          ) -> tuple[SearchSession, SearchResult] | None:
    """The stored search behind a result's button, replayed, and the result pressed; None
    after answering why there is none."""
    session = await _session_for(query, context, button)
    if session is None:
        return None
    try:
        response = await context.services.finder.replay(session)
    except CosmoError as error:
        await query.answer(user_message_for(error, for_user(query.from_user)), show_alert=True)
        return None
    if button.rank >= len(response.results):
        raise InvalidCallbackData(f"rank {button.rank} beyond {len(response.results)} results")
    return session, response.results[button.rank]


def voter_id(chat_id: int, session: str, rank: int) -> str:
    """The same for one card of one chat's search, and no chat id in it."""
    return hashlib.blake2s(f"{chat_id}:{session}:{rank}".encode(), digest_size=8).hexdigest()


async def show_product_similar(update: Update, context: CosmoContext) -> None:
    """"비슷한 제품" under a shared product's card."""
    query = update.callback_query
    button = await _decode(query, ProductSimilarButton)
    product = context.services.finder.product_shared_as(button.payload)
    texts = for_user(query.from_user)
    if product is None:
        await query.answer(texts.PRODUCT_GONE, show_alert=True)
        return
    try:
        found = await context.services.finder.similar(product.product_id, language=texts.LANGUAGE)
    except CosmoError as error:
        await query.answer(user_message_for(error, texts), show_alert=True)
        return
    await send_similar(query, context, found)


async def send_similar(query: CallbackQuery, context: CosmoContext, found: Found) -> None:
    services = context.services
    key = await services.chats.save_session(query.message.chat_id, found.session)
    share_url = await link_to(found.session, services.shares, context.bot.username)
    reply = results_reply(found.response, found.session, key, page=0,
                          texts=for_user(query.from_user),
                          show_scores=services.settings.show_scores, share_url=share_url)
    await query.message.reply_text(reply.text, reply_markup=reply.keyboard,
                                   link_preview_options=reply.link_preview)
    await query.answer()


async def search_example(update: Update, context: CosmoContext) -> None:
    """An example query, searched in Korean whatever language its button was labelled in: the
    reviews are Korean, and the Korean words find them best."""
    query = update.callback_query
    button = await _decode(query, ExampleButton)
    if button.index >= len(KOREAN.EXAMPLE_QUERIES):
        raise InvalidCallbackData(f"no example {button.index}")
    await query.answer()
    await reply_with_results(query.message, context, KOREAN.EXAMPLE_QUERIES[button.index],
                             query.from_user)


async def refuse_unknown(update: Update, context: CosmoContext) -> None:
    await _refuse(update.callback_query)


async def _decode(query: CallbackQuery, kind: type) -> Button:
    button = decode(query.data)
    if not isinstance(button, kind) or not isinstance(query.message, Message):
        raise InvalidCallbackData(f"{type(button).__name__} where {kind.__name__} was expected")
    return button


async def _session_for(query: CallbackQuery, context: CosmoContext,
                       button: PageButton | SimilarButton | FeedbackButton) -> SearchSession | None:
    """The stored search behind a button, or None after answering why there is none."""
    session = await context.services.chats.session(query.message.chat_id, button.session)
    if session is None:
        await query.answer(for_user(query.from_user).SESSION_EXPIRED, show_alert=True)
    return session


async def _refuse(query: CallbackQuery) -> None:
    log.warning("refused callback data %r from user %s", (query.data or "")[:64],
                query.from_user.id if query.from_user else None)
    await query.answer(for_user(query.from_user).INVALID_BUTTON, show_alert=True)


def _refusing(callback):
    """Wrap a button callback so forged or mismatched data gets a refusal, not an error."""
    async def guarded(update: Update, context: CosmoContext) -> None:
        try:
            await callback(update, context)
        except InvalidCallbackData:
            await _refuse(update.callback_query)
    guarded.__name__ = callback.__name__
    return guarded


def handlers() -> list[BaseHandler]:
    return [
        CallbackQueryHandler(_refusing(show_page), pattern=prefix_pattern(PageButton)),
        CallbackQueryHandler(_refusing(show_similar), pattern=prefix_pattern(SimilarButton)),
        CallbackQueryHandler(_refusing(search_example), pattern=prefix_pattern(ExampleButton)),
        CallbackQueryHandler(_refusing(record_feedback), pattern=prefix_pattern(FeedbackButton)),
        CallbackQueryHandler(_refusing(show_product_similar),
                             pattern=prefix_pattern(ProductSimilarButton)),
        CallbackQueryHandler(refuse_unknown),
    ]
