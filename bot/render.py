"""Search responses as Telegram HTML: pure functions over engine values, everything escaped.

Catalog text and queries are untrusted (a product may be called `<script>&`), so every value
goes through `html.escape` before it meets a template of the reader's language (`bot.texts`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from html import escape
from typing import Literal, Sequence

from bot.texts import Texts
from bot.josa import particle
from engine.models import SearchResponse, SearchResult

MAX_MESSAGE_CHARS = 4096
PAGE_SIZE = 3
QUOTE_CHARS = 140
NAME_CHARS = 80
FIELD_CHARS = 40
TITLE_QUERY_CHARS = 60
NOTICE_CHARS = 200
MAX_NOTICES = 3
MAX_NAMED_WORDS = 3
MAX_NAMED_CATEGORIES = 12
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class InlineArticle:
    """One inline-mode answer: the list entry and the message it sends."""

    title: str
    description: str
    html: str


def format_price(won: int, texts: Texts) -> str:
    """`32000` → `32,000원` (`₩32,000` in English)."""
    return texts.PRICE.format(won=won)


def shorten(text: str, limit: int) -> str:
    """Fold whitespace and cut to `limit` characters, ending with `…` when cut."""
    folded = _SPACES.sub(" ", text).strip()
    return folded if len(folded) <= limit else folded[: limit - 1].rstrip() + "…"


def mode_label(mode: str, texts: Texts) -> str:
    return texts.MODE_LABELS.get(mode, mode)


def page_count(response: SearchResponse, page_size: int = PAGE_SIZE) -> int:
    return max(1, math.ceil(len(response.results) / page_size))


def render_card(rank: int | None, result: SearchResult, texts: Texts, *,
                show_score: bool = False) -> str:
    """One product: name, facts and the matching review as the reason; the score and the
    search type only for operators (`SHOW_SCORES`), since shoppers read them as noise."""
    product = result.product
    name = escape(shorten(product.name, NAME_CHARS))
    lines = [
        texts.CARD_TITLE.format(rank=rank, name=name) if rank is not None
        else texts.CARD_TITLE_UNRANKED.format(name=name),
        texts.CARD_FACTS.format(brand=escape(shorten(product.brand, FIELD_CHARS)),
                                category=escape(shorten(product.category, FIELD_CHARS)),
                                price=format_price(product.price, texts), rating=f"{product.rating:.1f}"),
    ]
    evidence = result.evidence
    if evidence is not None and evidence.text.strip():
        reason = (texts.CARD_REASON_REVIEW.format(rating=evidence.review_rating)
                  if evidence.source == "review" and evidence.review_rating
                  else texts.CARD_REASON_LISTING)
        lines.append(f"{reason}\n<blockquote>{escape(shorten(evidence.text, QUOTE_CHARS))}</blockquote>")
    if show_score:
        lines.append(texts.CARD_SCORE.format(score=f"{result.score:.2f}",
                                             mode=escape(mode_label(result.mode, texts))))
    return "\n".join(lines)


def render_results(response: SearchResponse, texts: Texts, *, page: int, category: str | None,
                   kind: Literal["search", "similar"] = "search",
                   page_size: int = PAGE_SIZE, show_scores: bool = False) -> str:
    """The message for one page of results, always under Telegram's 4,096 characters."""
    pages = page_count(response, page_size)
    page = min(max(page, 0), pages - 1)
    shown = response.results[page * page_size:(page + 1) * page_size]
    cards = [render_card(page * page_size + offset + 1, result, texts, show_score=show_scores)
             for offset, result in enumerate(shown)]
    header = _header(response, texts, kind, category, page, pages)
    # Fields are shortened before escaping, so one card and the header stay far below the
    # limit even if every character expands to `&quot;`; only extra cards may need dropping.
    message = "\n\n".join([header, *cards])
    while len(message) > MAX_MESSAGE_CHARS and len(cards) > 1:
        cards.pop()
        message = "\n\n".join([header, *cards])
    return message


def render_no_results(response: SearchResponse, texts: Texts,
                      categories: Sequence[str] = ()) -> str:
    """Nothing to show: either nothing in the catalog fits the query, said plainly with what
    the shop does carry, or the filters left nothing."""
    query = escape(shorten(response.query, TITLE_QUERY_CHARS))
    if response.nothing_fits:
        return _nothing_fits(query, response.unknown_words, categories, texts)
    lines = [texts.NO_RESULTS.format(query=query)]
    lines.extend(_notice_lines(response, texts))
    return "\n".join(lines)


def _nothing_fits(query: str, unknown_words: Sequence[str], categories: Sequence[str],
                  texts: Texts) -> str:
    lines = [texts.NOTHING_FITS.format(query=query)]
    words = [shorten(word, FIELD_CHARS) for word in unknown_words[:MAX_NAMED_WORDS]]
    if words:
        named = ", ".join(f"‘{escape(word)}’" for word in words)
        lines.append(texts.NOTHING_FITS_WORDS.format(words=named,
                                                     particle=_particle(texts, words[-1], "와")))
    if categories:
        shown = ", ".join(escape(shorten(c, FIELD_CHARS)) for c in categories[:MAX_NAMED_CATEGORIES])
        more = "…" if len(categories) > MAX_NAMED_CATEGORIES else ""
        lines.append(texts.NOTHING_FITS_OFFER.format(categories=shown + more))
    lines.append(texts.NOTHING_FITS_EXAMPLE.format(example=escape(texts.EXAMPLE_QUERIES[0])))
    return "\n".join(lines)


def render_inline_article(result: SearchResult, texts: Texts,
                          show_score: bool = False) -> InlineArticle:
    """An inline answer for one product: a short list entry and a card to send."""
    product = result.product
    quote = result.evidence.text if result.evidence else product.description
    return InlineArticle(
        title=shorten(f"{product.brand} {product.name}", NAME_CHARS),
        description=shorten(f"{format_price(product.price, texts)} · ★{product.rating:.1f} · {quote}", 120),
        html=render_card(None, result, texts, show_score=show_score),
    )


def _header(response: SearchResponse, texts: Texts, kind: str, category: str | None,
            page: int, pages: int) -> str:
    shown = shorten(response.query, TITLE_QUERY_CHARS)
    query = escape(shown)
    title = (texts.SIMILAR_TITLE.format(name=query, particle=_particle(texts, shown, "와"))
             if kind == "similar" else texts.RESULTS_TITLE.format(query=query))
    lines = [title,
             texts.RESULTS_FILTER.format(category=escape(shorten(category or texts.CATEGORY_ALL,
                                                                        FIELD_CHARS)),
                                         page=page + 1, pages=pages)]
    lines.extend(_notice_lines(response, texts))
    return "\n".join(lines)


def notice_text(response: SearchResponse, code: str, texts: Texts) -> str:
    """The words of one notice code of `response` (plain text: not yet escaped)."""
    return texts.NOTICES[code].format(chars=len(response.query),
                                      categories=", ".join(response.skipped_categories))


def _notice_lines(response: SearchResponse, texts: Texts) -> list[str]:
    return [texts.NOTICE.format(notice=escape(shorten(notice_text(response, code, texts),
                                                      NOTICE_CHARS)))
            for code in response.notices[:MAX_NOTICES]]


def _particle(texts: Texts, word: str, form: str) -> str:
    """The Korean particle agreeing with `word`; other languages have none to agree."""
    return particle(word, form) if texts.LANGUAGE == "ko" else ""
