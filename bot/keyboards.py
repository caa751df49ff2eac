"""Inline keyboards: pure builders from plain values to `InlineKeyboardMarkup`, labelled in the
reader's language."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import CopyTextButton, InlineKeyboardButton, InlineKeyboardMarkup

from bot.callback_data import (CategoryButton, ExampleButton, FeedbackButton, ModeButton,
                               PageButton,
                               ProductSimilarButton, SimilarButton, TopButton, encode)
from bot.prefs import TOP_CHOICES
from bot.render import PAGE_SIZE, shorten
from bot.texts import Texts
from engine.models import Product, SearchResponse
from engine.settings import SearchMode

SIMILAR_NAME_CHARS = 18
CATEGORIES_PER_ROW = 2


def _button(text: str, data) -> InlineKeyboardButton:
    return InlineKeyboardButton(text, callback_data=encode(data))


def examples_keyboard(texts: Texts) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[_button(query, ExampleButton(index))]
                                 for index, query in enumerate(texts.EXAMPLE_QUERIES)])


def buy_button(product: Product, texts: Texts) -> InlineKeyboardButton | None:
    """A button opening the product's page in the shop, when the catalog gives one."""
    return InlineKeyboardButton(texts.BUTTON_BUY, url=product.url) if product.url else None


def share_button(link: str, texts: Texts) -> InlineKeyboardButton:
    """Copies the t.me link that opens this search (or product) for whoever it is sent to."""
    return InlineKeyboardButton(texts.BUTTON_SHARE, copy_text=CopyTextButton(link))


def product_keyboard(product: Product, texts: Texts, *, payload: str,
                     share_url: str) -> InlineKeyboardMarkup:
    """A shared product's card: its similar products, its shop page, and its link again."""
    similar = _button(texts.BUTTON_SIMILAR.format(name=shorten(product.name, SIMILAR_NAME_CHARS)),
                      ProductSimilarButton(payload))
    buy = buy_button(product, texts)
    return InlineKeyboardMarkup([[similar] if buy is None else [similar, buy],
                                 [share_button(share_url, texts)]])


def results_keyboard(response: SearchResponse, texts: Texts, *, version: str, session: str,
                     page: int, page_size: int = PAGE_SIZE,
                     share_url: str | None = None) -> InlineKeyboardMarkup | None:
    """For each shown result "비슷한 제품", "구매하기" when the catalog has its page, and 👍/👎;
    then ◀ / ▶ when there is more than one page, and "링크 복사" with `share_url`."""
    pages = max(1, -(-len(response.results) // page_size))
    first = page * page_size
    rows = []
    for offset, result in enumerate(response.results[first:first + page_size]):
        similar = _button(texts.BUTTON_SIMILAR.format(name=shorten(result.product.name,
                                                                   SIMILAR_NAME_CHARS)),
                          SimilarButton(version, session, first + offset))
        buy = buy_button(result.product, texts)
        rows.append([similar] if buy is None else [similar, buy])
        rank = first + offset
        rows.append([_button(texts.BUTTON_VOTE_UP.format(rank=rank + 1),
                             FeedbackButton(version, session, rank, "u")),
                     _button(texts.BUTTON_VOTE_DOWN.format(rank=rank + 1),
                             FeedbackButton(version, session, rank, "d"))])
    navigation = []
    if page > 0:
        navigation.append(_button(texts.BUTTON_PREVIOUS, PageButton(version, session, page - 1)))
    if page + 1 < pages:
        navigation.append(_button(texts.BUTTON_NEXT, PageButton(version, session, page + 1)))
    if navigation:
        rows.append(navigation)
    if share_url:
        rows.append([share_button(share_url, texts)])
    return InlineKeyboardMarkup(rows) if rows else None


def category_keyboard(categories: Sequence[str], texts: Texts, *,
                      version: str) -> InlineKeyboardMarkup:
    buttons = [_button(texts.CATEGORY_ALL, CategoryButton(version, -1))]
    buttons += [_button(shorten(name, 30), CategoryButton(version, index))
                for index, name in enumerate(categories)]
    return InlineKeyboardMarkup([buttons[start:start + CATEGORIES_PER_ROW]
                                 for start in range(0, len(buttons), CATEGORIES_PER_ROW)])


def top_keyboard(texts: Texts) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[_button(texts.TOP_CHOICE.format(top=top), TopButton(top))
                                  for top in TOP_CHOICES]])


def mode_keyboard(texts: Texts) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[_button(texts.MODE_HINTS[mode.value], ModeButton(mode.value))]
                                 for mode in SearchMode])
