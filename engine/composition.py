"""The composition root of the engine: settings in, a `SearchEngine` with its collaborators out.

The bot, the CLI, the playground, the benchmarks and the tests all build the engine here, so
each collaborator (vectorizer, snapshot store, lexicons, pool) is made once, in one place.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, Collection

from engine.errors import OUTAGE_ERRORS
from engine.keyword import MorphemeAnalyzer
from engine.lexicons import Lexicons
from engine.query_cache import QueryEmbedder, QueryVectorCache
from engine.query_plan import QueryPlanner
from engine.ranking.params import RankingParams
from engine.reindexer import Reindexer
from engine.service import SearchEngine
from engine.settings import QueryEncoder, Settings
from engine.understanding import load_user_words
from engine.vectorizers.base import Vectorizer
from engine.vectorizers.factory import build_query_distiller
from engine.workers import SearchWorkers
from index.hnsw import HnswParams
from index.snapshot import SnapshotStore

log = logging.getLogger(__name__)


def build_engine(settings: Settings, vectorizer: Vectorizer, analyzer: MorphemeAnalyzer, *,
                 ranking: RankingParams | None = None, lexicons: Lexicons | None = None,
                 on_swap: Callable[[], object] | None = None,
                 snapshots_in_use: Callable[[], Collection[str]] | None = None,
                 workers: SearchWorkers | None = None) -> SearchEngine:
    """An engine over `settings.index_dir` with nothing loaded yet (see `load_latest_snapshot`);
    the vectorizer must be started by the caller. `snapshots_in_use`: ids other replicas serve,
    which a reindex here must not prune. `workers`: search worker processes the engine ranks
    on instead of its threads where it can, and stops on `aclose`."""
    lexicons = lexicons or Lexicons.load()
    store = SnapshotStore(settings.index_dir, in_use=snapshots_in_use)
    embedder = QueryEmbedder(vectorizer, QueryVectorCache(settings.query_cache_size),
                             static_queries=settings.query_encoder is QueryEncoder.STATIC)
    # Its own small pool: the loop's default one grew to 5 threads under load, ~25 MB more.
    pool = ThreadPoolExecutor(settings.ranking_threads, thread_name_prefix="ranking")
    hnsw = HnswParams(settings.hnsw_m, settings.hnsw_ef_construction, settings.hnsw_ef_search)
    return SearchEngine(
        settings,
        vectorizer=vectorizer,
        analyzer=analyzer,
        store=store,
        planner=QueryPlanner(analyzer, lexicons, embedder, pool),
        embedder=embedder,
        reindexer=Reindexer(vectorizer, analyzer, store, hnsw, lexicons.categories,
                            settings.catalog_limits,
                            build_query_distiller(settings, query_phrases(lexicons))),
        ranking=ranking or RankingParams(),
        pool=pool,
        workers=workers,
        on_swap=on_swap,
    )


def _releasing_kiwi(analyzer: MorphemeAnalyzer, on_swap: Callable[[], object] | None
                    ) -> Callable[[], object]:
    """After a swap an on-demand analyser lets go of the Kiwi the reindex built, before the
    entry point's hook collects and trims the freed heap."""
    def swapped() -> None:
        analyzer.release()
        if on_swap is not None:
            on_swap()
    return swapped


def query_phrases(lexicons: Lexicons) -> list[str]:
    """The dictionaries' concern names and words, which a static query table learns too."""
    concerns = lexicons.concerns.vocabulary
    return sorted(set(concerns) | set(lexicons.vocabulary))


async def open_engine(settings: Settings, vectorizer: Vectorizer | None = None, *,
                      ranking: RankingParams | None = None,
                      on_swap: Callable[[], object] | None = None,
                      snapshots_in_use: Callable[[], Collection[str]] | None = None) -> SearchEngine:
    """Start the backend (the configured one unless given) and build the Kiwi analyser (it
    takes seconds, in a thread), then load the newest good snapshot; with SEARCH_WORKERS,
    start the search workers (and, with QUERY_ENCODER=static, leave Kiwi to be built by a
    reindex, which lets go of it after the swap)."""
    if vectorizer is None:
        from engine.vectorizers.factory import build_vectorizer

        vectorizer = build_vectorizer(settings)
    try:
        await start_backend(vectorizer)
        # Search workers read every static query: this process analyses only to reindex.
        on_demand = bool(settings.search_workers) and \
            settings.query_encoder is QueryEncoder.STATIC
        analyzer = await asyncio.to_thread(MorphemeAnalyzer, load_user_words(),
                                           on_demand=on_demand)
    except BaseException:
        await vectorizer.aclose()
        raise
    workers = SearchWorkers(settings) if settings.search_workers else None
    if on_demand:
        on_swap = _releasing_kiwi(analyzer, on_swap)
    engine = build_engine(settings, vectorizer, analyzer, ranking=ranking, on_swap=on_swap,
                          snapshots_in_use=snapshots_in_use, workers=workers)
    await engine.load_latest_snapshot()
    if workers is not None:
        workers.start()  # each loads the snapshot store's newest snapshot, as the engine did
    return engine


async def start_backend(vectorizer: Vectorizer) -> None:
    """Start the backend; during an outage go on without it, since the snapshot on disk serves
    keyword results (with the notice) until the backend answers a search. A configuration error
    (a wrong token, an unknown model) still stops the start."""
    try:
        await vectorizer.start()
    except OUTAGE_ERRORS as exc:
        log.warning("embedding backend unavailable at start-up (%s): searches get keyword "
                    "results with a notice until it answers", type(exc).__name__)
