"""The search engine: holds the served snapshot and delegates searches and reindexes.

A search reads one immutable `SearchIndex` reference; a reindex builds and publishes a new
snapshot, then swaps the reference in one assignment, so searches are never interrupted. The
collaborators are built once by `engine.composition`.
"""

from __future__ import annotations

import asyncio
import copy
import logging
import time
from concurrent.futures import Executor
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from engine.errors import NoIndexError, ReindexInProgressError
from engine.keyword import MorphemeAnalyzer
from engine.models import Product, SearchResponse
from engine.query import clean_query
from engine.query_cache import QueryEmbedder
from engine.query_plan import QueryPlanner
from engine.ranking.params import RankingParams
from engine.reindexer import ProgressCallback, Reindexer, ReindexSummary, ignore_progress
from engine.response_cache import ResponseCache
from engine.search_index import SearchIndex
from engine.search_path import OrderRunner, planned_response
from engine.settings import SearchMode, Settings, bounded_top_n
from engine.similar import similar_products
from engine.stats import EngineStats, SearchLatencies, engine_stats
from engine.vectorizers.base import Vectorizer
from index import errors as store_errors
from index.snapshot import SnapshotStore

log = logging.getLogger(__name__)


class SearchEngine:
    """Searches products by what their reviews say; see `search_products`. `on_swap` runs
    after every snapshot swap: the entry points freeze the new snapshot out of the garbage
    collector's sight with it (engine/runtime.py); `workers` are told of every swap too."""

    def __init__(self, settings: Settings, *, vectorizer: Vectorizer, analyzer: MorphemeAnalyzer,
                 store: SnapshotStore, planner: QueryPlanner, embedder: QueryEmbedder,
                 reindexer: Reindexer, ranking: RankingParams, pool: Executor,
                 workers: OrderRunner | None = None,
                 on_swap: Callable[[], object] | None = None) -> None:
        self._settings = settings
        self._vectorizer = vectorizer
        self.analyzer = analyzer  # the one Kiwi analyser (evaluation baselines read with it)
        self._store = store
        self._planner = planner
        self._embedder = embedder
        self._reindexer = reindexer
        self._ranking = ranking
        self._pool = pool
        self._workers = workers  # search worker processes (SEARCH_WORKERS), else the pool
        self._on_swap = on_swap
        self._index: SearchIndex | None = None
        self._reindex_lock = asyncio.Lock()
        self._responses = ResponseCache(settings.response_cache_size)
        self._latencies = SearchLatencies()

    def with_ranking(self, ranking: RankingParams) -> "SearchEngine":
        """This engine ranking by other params (evaluation, tests): same collaborators and
        caches, and the snapshot served now (a later swap reaches only the engine it ran on)."""
        twin = copy.copy(self)
        twin._ranking = ranking
        return twin

    @property
    def search_index(self) -> SearchIndex | None:
        """The snapshot being served (for evaluation baselines)."""
        return self._index

    @property
    def snapshot_id(self) -> str:
        """The id (`snap-…`) of the snapshot being served; "" before there is one."""
        index = self._index
        return index.snapshot_id if index else ""

    @property
    def index_version(self) -> str:
        return self.snapshot_id[-6:]

    @property
    def is_ready(self) -> bool:
        return self._index is not None

    @property
    def is_reindexing(self) -> bool:
        return self._reindex_lock.locked()

    def categories(self) -> tuple[str, ...]:
        index = self._index
        return tuple(index.corpus.category_rows) if index else ()

    def get_product(self, product_id: str) -> Product | None:
        return next((p for p in self.served_products() if p.product_id == product_id), None)

    def served_products(self) -> tuple[Product, ...]:
        """The served catalog's products in file order (none before the first index)."""
        return tuple(self._index.corpus.products) if self._index else ()

    async def load_latest_snapshot(self) -> bool:
        """Load the newest verified snapshot; keep serving the current one if none loads."""
        try:
            index = await asyncio.to_thread(self._store.open_latest, self._reindexer.load)
        except store_errors.NoSnapshotError as exc:
            log.info("no index loaded: %s", exc)
            return False
        except store_errors.SnapshotError as exc:
            log.error("no index loaded: %s", exc)
            return False
        self._serve(index)
        log.info("serving snapshot %s (%d products, %d documents, model %s)",
                 index.snapshot_id, len(index.corpus.products), index.corpus.document_count,
                 index.model_identity)
        return True

    async def search_products(self, query: str, categories: Sequence[str] | None = None,
                              top_n: int | None = None,
                              mode: SearchMode | str | None = None) -> SearchResponse:
        """Rank products whose reviews best match `query`, optionally within categories.

        Hybrid and semantic searches fall back to keyword results with a notice when the
        embedding backend fails or the index was built with another model.
        """
        started = time.perf_counter()
        cleaned = clean_query(query)
        index = self._index
        if index is None:
            raise NoIndexError("no index yet: run a reindex")
        top_n = bounded_top_n(top_n, self._settings.default_top_n)
        wanted = tuple(dict.fromkeys(categories or ()))
        mode = SearchMode(mode or self._settings.search_mode)
        key = (index.snapshot_id, self._ranking, mode, wanted, top_n, cleaned)
        response = self._responses.get(key)
        if response is None:
            ranked_in, response = await planned_response(
                self._planner, self._pool, index, cleaned, wanted, mode, self._ranking, top_n,
                self._workers)
            if ranked_in is mode:  # a fallback (the backend failing) may pass: not kept
                self._responses.put(key, response)
        self._latencies.record(started)
        return response

    async def query_vector(self, text: str) -> np.ndarray:
        """The cached query embedding of `text` (used by evaluation baselines)."""
        return await self._embedder.vector(text, self._index)

    async def similar_products(self, product_id: str, top_n: int | None = None) -> SearchResponse:
        """Products of the same type praised for the same things as `product_id`."""
        return similar_products(self._require_index(), product_id, self._ranking,
                                bounded_top_n(top_n, self._settings.default_top_n),
                                self._planner.concerns)

    async def reindex(self, progress: ProgressCallback | None = None,
                      catalog_path: Path | None = None) -> ReindexSummary:
        """Build, publish and swap in a new snapshot; the old one serves until the swap."""
        if self._reindex_lock.locked():
            raise ReindexInProgressError("a reindex is already running")
        async with self._reindex_lock:
            index, summary = await self._reindexer.build(
                Path(catalog_path or self._settings.catalog_path), self._index,
                progress or ignore_progress)
            self._serve(index)
            return summary

    def stats(self) -> EngineStats:
        vectors = self._embedder.cache
        return engine_stats(self._index, self._vectorizer, self._latencies,
                            cache_hits=(self._responses.hits + vectors.hits, vectors.misses),
                            reindexing=self.is_reindexing)

    def _serve(self, index: SearchIndex) -> None:
        self._index = index
        self._responses.clear()
        if self._workers is not None:
            self._workers.follow(index.snapshot_id)
        if self._on_swap is not None:
            self._on_swap()

    async def aclose(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        if self._workers is not None:
            await self._workers.aclose()
        await self._vectorizer.aclose()

    def _require_index(self) -> SearchIndex:
        index = self._index
        if index is None:
            raise NoIndexError("no index yet: run a reindex")
        index.check_model(self._vectorizer.model_identity, self._vectorizer.dim)
        return index

