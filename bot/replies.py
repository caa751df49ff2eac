"""Complete replies (text plus keyboard) for a page of results."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from telegram import InlineKeyboardMarkup, LinkPreviewOptions

from bot.callback_data import version_tag
from bot.keyboards import product_keyboard, results_keyboard
from bot.render import PAGE_SIZE, page_count, render_card, render_no_results, render_results
from bot.sessions import SearchSession
from bot.texts import Texts
from engine.models import Evidence, Product, SearchResponse, SearchResult


NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


@dataclass(frozen=True)
class Reply:
    """HTML text and an optional inline keyboard."""

    text: str
    keyboard: InlineKeyboardMarkup | None = None
    link_preview: LinkPreviewOptions = NO_PREVIEW


def photo_preview(image_url: str) -> LinkPreviewOptions:
    """The product photo shown large above the text, or no preview when there is none.

    A link preview rather than a photo message: a page of results is one text message that the
    page buttons edit in place, and a preview changes with it (a photo message would cap the
    text at 1,024 characters and could not become a page whose product has no photo).
    `is_disabled=False` is spelled out: PTB merges these options field by field with the
    bot's default, which disables previews."""
    if not image_url:
        return NO_PREVIEW
    return LinkPreviewOptions(is_disabled=False, url=image_url, prefer_large_media=True,
                              show_above_text=True)


def product_reply(product: Product, texts: Texts, *, payload: str, share_url: str,
                  show_scores: bool = False) -> Reply:
    """A shared product's card, its listing as the reason, with its photo when it has one."""
    listing = Evidence(text=product.description, source="listing") if product.description else None
    card = render_card(None, SearchResult(product, 0.0, listing, mode=""), texts,
                       show_score=show_scores)
    return Reply(card, product_keyboard(product, texts, payload=payload, share_url=share_url),
                 photo_preview(product.image_url))


def results_reply(response: SearchResponse, session: SearchSession, key: str, page: int,
                  texts: Texts, show_scores: bool = False, categories: Sequence[str] = (),
                  share_url: str | None = None) -> Reply:
    """Page `page` of `response`, with buttons bound to session `key` and the index version;
    with no results, what the shop carries (`categories`) when nothing fits."""
    if not response.results:
        return Reply(render_no_results(response, texts, categories))
    page = min(max(page, 0), page_count(response) - 1)
    return Reply(
        render_results(response, texts, page=page, category=session.category, kind=session.kind,
                       show_scores=show_scores),
        results_keyboard(response, texts, version=version_tag(response.index_version), session=key,
                         page=page, share_url=share_url),
        photo_preview(response.results[page * PAGE_SIZE].product.image_url),
    )
