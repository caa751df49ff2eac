"""Complete replies (text plus keyboard) for a page of results."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from telegram import InlineKeyboardMarkup

from bot.callback_data import version_tag
from bot.keyboards import results_keyboard
from bot.render import page_count, render_no_results, render_results
from bot.sessions import SearchSession
from engine.models import SearchResponse


@dataclass(frozen=True)
class Reply:
    """HTML text and an optional inline keyboard."""

    text: str
    keyboard: InlineKeyboardMarkup | None = None


def results_reply(response: SearchResponse, session: SearchSession, key: str, page: int,
                  show_scores: bool = False, categories: Sequence[str] = ()) -> Reply:
    """Page `page` of `response`, with buttons bound to session `key` and the index version;
    with no results, what the shop carries (`categories`) when nothing fits."""
    if not response.results:
        return Reply(render_no_results(response, categories))
    page = min(max(page, 0), page_count(response) - 1)
    return Reply(
        render_results(response, page=page, category=session.category, kind=session.kind,
                       show_scores=show_scores),
        results_keyboard(response, version=version_tag(response.index_version), session=key,
                         page=page),
    )
