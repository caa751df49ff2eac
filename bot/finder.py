"""Runs the searches a chat asks for, with that chat's preferences, against the engine."""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot.callback_data import version_tag
from bot.prefs import ChatPrefs
from bot.sessions import SearchSession
from bot.shares import product_payload
from engine.models import Product, SearchResponse
from engine.service import SearchEngine
from engine.settings import SearchMode

# The bot's own notice code, beside the engine's (engine.notices.Notice): the chat's saved
# category filter is gone from the index, so the search ran over every category.
CATEGORY_GONE = "category_gone"


@dataclass(frozen=True)
class Found:
    """A response and the session that can reproduce it for page and similar buttons."""

    response: SearchResponse
    session: SearchSession


class ProductFinder:
    """Turns a chat's query and preferences into engine calls, and replays stored sessions."""

    def __init__(self, engine: SearchEngine, default_top_n: int) -> None:
        self._engine = engine
        self._default_top_n = default_top_n
        self._payloads: tuple[str | None, dict[str, Product]] = (None, {})

    @property
    def version(self) -> str:
        """Tag of the index now serving, as carried by buttons."""
        return version_tag(self._engine.index_version)

    def categories(self) -> tuple[str, ...]:
        return self._engine.categories()

    async def search(self, query: str, prefs: ChatPrefs, *, language: str = "") -> Found:
        """Search with the chat's filter; a filter the index no longer has is dropped with a
        notice. `language` is kept in the session: the texts its message is shown in."""
        category = prefs.category
        notices: tuple[str, ...] = ()
        if category is not None and category not in self._engine.categories():
            category, notices = None, (CATEGORY_GONE,)
        top_n = prefs.top_n or self._default_top_n
        response = await self._engine.search_products(
            query, [category] if category else None, top_n, prefs.search_mode())
        if notices:
            response = replace(response, notices=response.notices + notices)
        return Found(response, SearchSession("search", response.query, category, top_n, prefs.mode,
                                             language))

    def product_shared_as(self, payload: str) -> Product | None:
        """The served product whose share payload is `payload`, if any."""
        version = self._engine.index_version
        if self._payloads[0] != version:
            self._payloads = (version, {product_payload(p.product_id): p
                                        for p in self._engine.served_products()})
        return self._payloads[1].get(payload)

    async def similar(self, product_id: str, top_n: int | None = None, *,
                      language: str = "") -> Found:
        top_n = top_n or self._default_top_n
        response = await self._engine.similar_products(product_id, top_n)
        return Found(response, SearchSession("similar", product_id, None, top_n, None, language))

    async def replay(self, session: SearchSession) -> SearchResponse:
        """Run a stored session again (pages are cut from the same ranking)."""
        if session.kind == "similar":
            return await self._engine.similar_products(session.text, session.top_n)
        return await self._engine.search_products(
            session.text, [session.category] if session.category else None, session.top_n,
            SearchMode(session.mode) if session.mode else None)
