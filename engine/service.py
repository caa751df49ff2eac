"""The search engine: holds the current snapshot, answers searches, and reindexes.

A search reads one immutable `SearchIndex` reference; a reindex builds and publishes a new
snapshot, then swaps the reference in one assignment, so searches are never interrupted.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Awaitable, Callable, Sequence

import numpy as np

from engine.blas import use_one_blas_thread
from engine.catalog import load_catalog
from engine.category_prior import build_category_prior
from engine.corpus import build_corpus
from engine.errors import (EmbeddingError, IndexModelMismatchError, InvalidQueryError,
                           NoIndexError, ReindexInProgressError, SnapshotError)
from engine.gc_pauses import freeze_loaded_objects
from engine.gil import use_switch_interval
from engine.keyword import MorphemeAnalyzer
from engine.lexicons import Lexicons
from engine.models import Evidence, Product, SearchResponse, SearchResult
from engine.query import clean_query
from engine.query_cache import QueryEmbedder, QueryVectorCache
from engine.query_plan import QueryPlan, QueryPlanner
from engine.ranking.params import RankingParams
from engine.ranking.quotes import quote_text
from engine.ranking.rank import RankedProduct, rank_for_query
from engine.response_cache import ResponseCache
from engine.search_index import SearchIndex, read_search_index, write_index_files
from engine.sentences import review_sentences
from engine.understanding import load_user_words, map_catalog_categories
from engine.settings import MAX_TOP_N, SearchMode, Settings
from engine.vectorizers.base import Role, Vectorizer
from index.hnsw import HnswParams
from index.snapshot import SnapshotStore

log = logging.getLogger(__name__)

EMBED_CHUNK = 64
CHUNKS_IN_FLIGHT = 2


@dataclass(frozen=True)
class ReindexProgress:
    """Where a running reindex is: stage name and items done out of total."""

    stage: str
    done: int
    total: int


@dataclass(frozen=True)
class ReindexSummary:
    """What a finished reindex produced."""

    products: int
    reviews: int
    documents: int
    seconds: float
    model_identity: str
    snapshot_id: str
    warnings: tuple[str, ...] = ()
    embedded_texts: int = 0    # distinct texts embedded (documents and review sentences)
    reused_vectors: int = 0    # texts whose vectors came from the serving snapshot


@dataclass(frozen=True)
class EngineStats:
    """Figures for /stats and the CLI."""

    backend: str
    model_identity: str
    products: int
    reviews: int
    documents: int
    snapshot_id: str
    index_created_at: str
    query_count: int
    latency_p50_ms: float
    latency_p95_ms: float
    cache_hit_rate: float
    reindexing: bool


ProgressCallback = Callable[[ReindexProgress], Awaitable[None]]


class SearchEngine:
    """Searches products by what their reviews say; see `search_products`."""

    def __init__(self, settings: Settings, vectorizer: Vectorizer,
                 ranking: RankingParams | None = None,
                 analyzer: MorphemeAnalyzer | None = None) -> None:
        self._settings = settings
        self._vectorizer = vectorizer
        self._ranking = ranking or RankingParams()
        self._analyzer = analyzer
        self._analyzer_lock = asyncio.Lock()
        self._lexicons = Lexicons.load()
        self._store = SnapshotStore(settings.index_dir)
        self._index: SearchIndex | None = None
        self._reindex_lock = asyncio.Lock()
        self._cache = QueryVectorCache(settings.query_cache_size)
        self._embedder = QueryEmbedder(vectorizer, self._cache)
        self._responses = ResponseCache(settings.response_cache_size)
        # Its own small pool: the loop's default one grew to 5 threads under load, ~25 MB more.
        self._ranking_pool = ThreadPoolExecutor(settings.ranking_threads,
                                                thread_name_prefix="ranking")
        self._latencies_ms: deque[float] = deque(maxlen=2000)
        self._query_count = 0
        self.last_reindex_reused = 0
        self.last_reindex_embedded = 0

    @classmethod
    async def open(cls, settings: Settings, vectorizer: Vectorizer | None = None,
                   ranking: RankingParams | None = None) -> "SearchEngine":
        """Start the backend and the morpheme analyser; load the newest good snapshot."""
        use_one_blas_thread()
        use_switch_interval(settings.gil_switch_interval_ms)
        if vectorizer is None:
            from engine.vectorizers.factory import build_vectorizer

            vectorizer = build_vectorizer(settings)
        engine = cls(settings, vectorizer, ranking)
        try:
            await vectorizer.start()
        except BaseException:
            await vectorizer.aclose()
            raise
        await engine.morpheme_analyzer()
        await engine.load_latest_snapshot()
        return engine

    async def morpheme_analyzer(self) -> MorphemeAnalyzer:
        """The engine's one Kiwi analyser, built in a thread on first use (it takes seconds)."""
        if self._analyzer is None:
            async with self._analyzer_lock:
                if self._analyzer is None:
                    self._analyzer = await asyncio.to_thread(MorphemeAnalyzer, load_user_words())
        return self._analyzer

    @property
    def search_index(self) -> SearchIndex | None:
        """The snapshot being served (for evaluation baselines)."""
        return self._index

    async def load_latest_snapshot(self) -> bool:
        """Load the newest verified snapshot; keep serving the current one if none loads."""
        try:
            index = await asyncio.to_thread(self._store.open_latest, self._read_index)
            index = await asyncio.to_thread(self._with_category_map, index)
        except NoIndexError as exc:
            log.info("no index loaded: %s", exc)
            return False
        except SnapshotError as exc:
            log.error("no index loaded: %s", exc)
            return False
        self._serve(index)
        log.info("serving snapshot %s (%d products, %d documents, model %s)",
                 index.snapshot_id, len(index.corpus.products), index.corpus.document_count,
                 index.model_identity)
        return True

    def _read_index(self, snapshot) -> SearchIndex:
        return read_search_index(snapshot, self._settings.hnsw_ef_search)

    @property
    def index_version(self) -> str:
        index = self._index
        return index.snapshot_id[-6:] if index else ""

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
        index = self._index
        if index is None:
            return None
        return next((p for p in index.corpus.products if p.product_id == product_id), None)

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
        top_n = _bounded_top_n(top_n, self._settings.default_top_n)
        wanted = tuple(dict.fromkeys(categories or ()))
        mode = SearchMode(mode or self._settings.search_mode)
        key = (index.snapshot_id, self._ranking, mode, wanted, top_n, cleaned)
        cached = self._responses.get(key)
        if cached is not None:
            self._record_latency(started)
            return cached
        requested = mode
        planner = QueryPlanner(await self.morpheme_analyzer(), self._lexicons, self._embedder,
                               self._ranking_pool, self._ranking.concern_query_share)
        plan = await planner.plan(index, cleaned, wanted, mode)
        # Ranking is a few ms of Python: off the loop, so other chats are served meanwhile.
        results = await asyncio.get_running_loop().run_in_executor(
            self._ranking_pool, self._rank, index, plan, top_n)
        response = SearchResponse(
            query=cleaned.text,
            results=results,
            mode=plan.mode.value,
            categories=wanted,
            notices=plan.notices,
            index_version=index.snapshot_id[-6:],
        )
        if plan.mode is requested:  # a fallback (the backend failing) may pass: not kept
            self._responses.put(key, response)
        self._record_latency(started)
        return response

    def _rank(self, index: SearchIndex, plan: QueryPlan, top_n: int) -> tuple[SearchResult, ...]:
        ranked = rank_for_query(index, plan, self._ranking, top_n)
        return tuple(self._ranked_result(index, hit, plan.mode.value) for hit in ranked)

    async def query_vector(self, text: str) -> np.ndarray:
        """The cached query embedding of `text` (used by evaluation baselines)."""
        return await self._embedder.vector(text)

    async def similar_products(self, product_id: str, top_n: int | None = None) -> SearchResponse:
        """Products whose reviews and listing resemble those of `product_id`."""
        index = self._require_index()
        top_n = _bounded_top_n(top_n, self._settings.default_top_n)
        rows = np.flatnonzero(index.corpus.doc_product == _product_row(index, product_id))
        if rows.size == 0:
            raise InvalidQueryError(f"unknown product {product_id!r}")
        source_row = int(index.corpus.doc_product[rows[0]])
        source = index.corpus.products[source_row]
        centroid = index.vectors[rows].mean(axis=0)
        centroid = (centroid / np.linalg.norm(centroid)).astype(np.float32)
        plan = QueryPlan(text=source.name, vector=centroid, mode=SearchMode.SEMANTIC)
        ranked = rank_for_query(index, plan, self._ranking, top_n + 1)
        hits = [hit for hit in ranked if hit.product_row != source_row][:top_n]
        return SearchResponse(
            query=f"{source.brand} {source.name}",
            results=tuple(self._ranked_result(index, hit, SearchMode.SEMANTIC.value)
                          for hit in hits),
            mode=SearchMode.SEMANTIC.value,
            index_version=self.index_version,
        )

    async def reindex(self, progress: ProgressCallback | None = None,
                      catalog_path: Path | None = None) -> ReindexSummary:
        """Build, publish and swap in a new snapshot; the old one serves until the swap."""
        if self._reindex_lock.locked():
            raise ReindexInProgressError("a reindex is already running")
        async with self._reindex_lock:
            with self._store.writing():  # one writer across processes sharing INDEX_DIR
                return await self._reindex(progress,
                                           Path(catalog_path or self._settings.catalog_path))

    async def _reindex(self, progress: ProgressCallback | None, catalog_path: Path) -> ReindexSummary:
        started = time.perf_counter()
        report = progress or _ignore_progress
        await report(ReindexProgress("catalog", 0, 1))
        catalog = await asyncio.to_thread(load_catalog, catalog_path,
                                          self._settings.catalog_limits)
        corpus = build_corpus(catalog.products)
        texts = corpus.document_texts()
        analyzer = await self.morpheme_analyzer()
        await report(ReindexProgress("morphemes", 0, len(texts)))
        morphemes = await asyncio.to_thread(self._analyze_documents, analyzer, texts)
        sentences = review_sentences(corpus, morphemes)
        # One embedding pass over documents and review sentences (a one-sentence review has no
        # sentence rows, and repeated texts are embedded once).
        embedded = await self._embed_documents(texts + sentences.texts(corpus), report)
        vectors, sentences = embedded[:len(texts)], sentences.with_vectors(embedded[len(texts):])
        await report(ReindexProgress("writing", 0, 1))
        params = HnswParams(self._settings.hnsw_m, self._settings.hnsw_ef_construction,
                            self._settings.hnsw_ef_search)
        manifest = {
            "model_identity": self._vectorizer.model_identity,
            "catalog_sha256": catalog.sha256,
            "catalog_file": catalog.path.name,
            "morphology": analyzer.identity,
        }
        snapshot = await asyncio.to_thread(self._publish, corpus, vectors, params, morphemes,
                                           sentences, manifest)
        index = await asyncio.to_thread(read_search_index, snapshot, self._settings.hnsw_ef_search)
        self._serve(await asyncio.to_thread(self._with_category_map, index))
        seconds = time.perf_counter() - started
        await report(ReindexProgress("done", 1, 1))
        log.info("reindexed %d products, %d documents in %.1f s into %s",
                 len(corpus.products), corpus.document_count, seconds, snapshot.snapshot_id)
        return ReindexSummary(
            products=len(corpus.products),
            reviews=catalog.review_count,
            documents=corpus.document_count,
            seconds=seconds,
            model_identity=index.model_identity,
            snapshot_id=index.snapshot_id,
            warnings=catalog.warnings,
            embedded_texts=self.last_reindex_embedded,
            reused_vectors=self.last_reindex_reused,
        )

    async def _embed_documents(self, texts: list[str], report: ProgressCallback) -> np.ndarray:
        """Embed only texts the current snapshot has no vector for (same model), in chunks."""
        known = self._reusable_vectors()
        missing = list(dict.fromkeys(t for t in texts if t not in known))
        await report(ReindexProgress("embedding", 0, len(missing)))
        in_flight = asyncio.Semaphore(CHUNKS_IN_FLIGHT)  # keeps the backend busy between chunks

        async def embed(chunk: list[str]) -> list[str]:
            async with in_flight:
                vectors = await self._vectorizer.encode_batch(chunk, role=Role.PASSAGE)
            known.update(zip(chunk, vectors))
            return chunk

        chunks = [missing[i:i + EMBED_CHUNK] for i in range(0, len(missing), EMBED_CHUNK)]
        tasks = [asyncio.ensure_future(embed(chunk)) for chunk in chunks]
        done = 0
        try:
            for finished in asyncio.as_completed(tasks):
                done += len(await finished)
                await report(ReindexProgress("embedding", done, len(missing)))
        except BaseException:
            for task in tasks:
                task.cancel()
            raise
        self.last_reindex_reused = len(texts) - len(missing)
        self.last_reindex_embedded = len(missing)
        if not texts:
            return np.zeros((0, self._vectorizer.dim), dtype=np.float32)
        return np.ascontiguousarray(np.stack([known[t] for t in texts]), dtype=np.float32)

    def _reusable_vectors(self) -> dict[str, np.ndarray]:
        """Vectors of the serving snapshot keyed by text, when it was built with this model."""
        index = self._index
        if index is None or index.model_identity != self._vectorizer.model_identity:
            return {}
        known = dict(zip(index.corpus.document_texts(), index.vectors))
        if index.sentences.vectors is not None:
            known.update(zip(index.sentences.texts(index.corpus), index.sentences.vectors))
        return known

    def _analyze_documents(self, analyzer: MorphemeAnalyzer, texts: list[str]):
        """Morphemes of every text, reusing the serving snapshot's for texts it already has."""
        index = self._index
        known = {}
        if index is not None and index.morphology == analyzer.identity and index.morphemes:
            known = dict(zip(index.corpus.document_texts(), index.morphemes))
        missing = [text for text in dict.fromkeys(texts) if text not in known]
        known.update(zip(missing, analyzer.analyze_many(missing)))
        return tuple(known[text] for text in texts)

    def _publish(self, corpus, vectors, params, morphemes, sentences, manifest):
        workspace = self._store.new_workspace()
        try:
            fields = write_index_files(workspace, corpus, vectors, params, morphemes, sentences)
            return self._store.publish(workspace, {**manifest, **fields})
        except BaseException:
            self._store.discard(workspace)
            raise

    def stats(self) -> EngineStats:
        index = self._index
        latencies = np.asarray(self._latencies_ms) if self._latencies_ms else np.zeros(1)
        return EngineStats(
            backend=self._vectorizer.description,
            model_identity=self._vectorizer.model_identity,
            products=len(index.corpus.products) if index else 0,
            reviews=sum(len(p.reviews) for p in index.corpus.products) if index else 0,
            documents=index.corpus.document_count if index else 0,
            snapshot_id=index.snapshot_id if index else "",
            index_created_at=index.created_at if index else "",
            query_count=self._query_count,
            latency_p50_ms=float(np.percentile(latencies, 50)),
            latency_p95_ms=float(np.percentile(latencies, 95)),
            cache_hit_rate=self._cache_hit_rate(),
            reindexing=self.is_reindexing,
        )

    def _cache_hit_rate(self) -> float:
        """Share of the searches needing a query vector that found it cached, or found the
        whole response cached."""
        hits = self._responses.hits + self._cache.hits
        lookups = hits + self._cache.misses
        return hits / lookups if lookups else 0.0

    def _serve(self, index: SearchIndex) -> None:
        self._index = index
        self._responses.clear()
        freeze_loaded_objects()

    async def aclose(self) -> None:
        self._ranking_pool.shutdown(wait=False, cancel_futures=True)
        await self._vectorizer.aclose()

    def _require_index(self) -> SearchIndex:
        index = self._index
        if index is None:
            raise NoIndexError("no index yet: run a reindex")
        index.check_model(self._vectorizer.model_identity, self._vectorizer.dim)
        return index

    def _with_category_map(self, index: SearchIndex) -> SearchIndex:
        """Attach this catalog's mapping of category words onto its own category names, and
        the category prior learned from its vectors (a pass over every vector: run in a
        thread)."""
        return replace(index, category_map=map_catalog_categories(index.corpus.category_rows,
                                                                  self._lexicons.categories),
                       category_prior=build_category_prior(index.corpus, index.vectors))

    def _ranked_result(self, index: SearchIndex, hit: RankedProduct, mode: str) -> SearchResult:
        product = index.corpus.products[hit.product_row]
        review = int(index.corpus.doc_review[hit.evidence_doc])
        if review < 0:
            evidence = Evidence(text=product.description or product.name, source="listing",
                                similarity=round(hit.evidence_similarity, 4))
        else:
            chosen = product.reviews[review]
            evidence = Evidence(text=quote_text(chosen.text, hit.evidence_span), source="review",
                                review_rating=chosen.rating,
                                similarity=round(hit.evidence_similarity, 4))
        return SearchResult(product=product, score=round(hit.score, 4), evidence=evidence,
                            mode=mode)

    def _record_latency(self, started: float) -> None:
        self._query_count += 1
        self._latencies_ms.append((time.perf_counter() - started) * 1000)


def _product_row(index: SearchIndex, product_id: str) -> int:
    for row, product in enumerate(index.corpus.products):
        if product.product_id == product_id:
            return row
    return -1


def _bounded_top_n(top_n: int | None, default: int) -> int:
    return max(1, min(MAX_TOP_N, top_n or default))


async def _ignore_progress(_: ReindexProgress) -> None:
    return None
