"""`open_engine`: the engine from Python, as an async context manager.

The bot and the CLI drive `SearchEngine` (engine/service.py) directly; a shop's own code (a
FastAPI service, a Streamlit page, a notebook) gets this smaller surface instead, with names in
the shop's language and frozen values it can keep or turn into JSON (`to_dict()`). The
synchronous twin for code without an event loop is `engine.connect` (engine/_client.py).
"""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from engine.models import Product, SearchResponse
from engine.reindexer import ReindexProgress, ReindexSummary
from engine.settings import SearchMode, Settings, load_settings
from engine.stats import EngineStats

if TYPE_CHECKING:
    from engine.service import SearchEngine
    from engine.vectorizers.base import Vectorizer

# What a reindex reports its stages and embedding progress to: a plain function or a coroutine.
Progress = Callable[[ReindexProgress], Awaitable[None] | None]


class Engine:
    """A started search engine: `search`, `similar`, `reindex`; see `open_engine`."""

    def __init__(self, engine: "SearchEngine") -> None:
        self._engine = engine

    @property
    def is_ready(self) -> bool:
        """True once a snapshot is served (after start-up found one, or after `reindex`)."""
        return self._engine.is_ready

    @property
    def snapshot_id(self) -> str:
        """The served snapshot's id (`snap-…`); "" before there is one."""
        return self._engine.snapshot_id

    async def search(self, query: str, categories: Sequence[str] | None = None,
                     top_n: int | None = None,
                     mode: SearchMode | str | None = None) -> SearchResponse:
        """The products whose reviews best match `query`, best first.

        `categories` keeps only those; `top_n` is 1-20 (default DEFAULT_TOP_N); `mode` is
        "semantic" (문맥), "keyword" (키워드) or "hybrid" (하이브리드, default SEARCH_MODE).
        A response with `nothing_fits` has no results: nothing the shop sells fits the query.
        Raises `NoIndexError` before any snapshot exists, `InvalidQueryError` on an empty query.
        """
        return await self._engine.search_products(query, categories, top_n, mode)

    async def similar(self, product_id: str, top_n: int | None = None) -> SearchResponse:
        """Products of the same type praised for the same things as `product_id`.

        Raises `InvalidQueryError` for an id the served catalog lacks."""
        return await self._engine.similar_products(product_id, top_n)

    async def reindex(self, catalog_path: str | Path | None = None,
                      progress: Progress | None = None) -> ReindexSummary:
        """Build, publish and serve a snapshot of `catalog_path` (default CATALOG_PATH).

        Searches keep being answered from the old snapshot until the new one is swapped in;
        `progress` gets each stage and the embedding count. Raises `CatalogError` for a bad
        catalog (the old snapshot still serves) and `ReindexInProgressError` during another."""
        return await self._engine.reindex(progress=_awaitable_progress(progress),
                                          catalog_path=Path(catalog_path) if catalog_path else None)

    def product(self, product_id: str) -> Product | None:
        """The served catalog's product with this id, reviews included."""
        return self._engine.get_product(product_id)

    def categories(self) -> tuple[str, ...]:
        """The served catalog's categories (what `search(categories=…)` accepts)."""
        return self._engine.categories()

    def stats(self) -> EngineStats:
        """The backend in use, the served snapshot and its creation time, search counts."""
        return self._engine.stats()

    async def aclose(self) -> None:
        """Stop the backend and the ranking threads; `open_engine` does it on leaving."""
        await self._engine.aclose()


@asynccontextmanager
async def open_engine(settings: Settings | None = None, *,
                      vectorizer: "Vectorizer | None" = None) -> AsyncIterator[Engine]:
    """Start the engine on `settings` (default: the environment and `.env`, like the bot) and
    serve the newest snapshot in `INDEX_DIR`, if any; close it on leaving.

    `vectorizer` replaces the configured backend (the engine closes it too). Starting takes
    a few seconds: the embedding model and the Korean morpheme analyser load."""
    from engine.composition import open_engine as start_engine

    search_engine = await start_engine(settings or load_settings(), vectorizer)
    try:
        yield Engine(search_engine)
    finally:
        await search_engine.aclose()


def _awaitable_progress(
        progress: Progress | None) -> Callable[[ReindexProgress], Awaitable[None]] | None:
    if progress is None:
        return None

    async def report(step: ReindexProgress) -> None:
        outcome = progress(step)
        if inspect.isawaitable(outcome):
            await outcome

    return report
