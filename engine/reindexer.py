"""Building a snapshot from a catalog: morphemes, embeddings, the written files, the loaded index.

Texts the serving snapshot already holds keep its vectors and morphemes (same model and
analyser), so editing a few reviews re-embeds only those.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Awaitable, Callable, Sequence

import numpy as np

from engine.catalog import load_catalog
from engine.catalog_limits import CatalogLimits
from engine.corpus import LISTING, Corpus, build_corpus
from engine.encoder.request_texts import request_texts
from engine.encoder.static_cache import DistilCache, load_distil_cache
from engine.errors import ReindexInProgressError, SnapshotError
from engine.keyword import MorphemeAnalyzer
from engine.search_index import (SearchIndex, ready_to_serve, read_search_index,
                                 write_index_files)
from engine.sentences import SentenceTable, review_sentences
from engine.understanding import CategoryLexicon
from engine.vectorizers.base import Role, Vectorizer
from engine.vectorizers.static import StaticQueryTable
from index import errors as store_errors
from index.hnsw import HnswParams
from index.snapshot import Snapshot, SnapshotStore

log = logging.getLogger(__name__)

EMBED_CHUNK = 64
SHORT_REVIEW_CHARS = 150  # a one-sentence review this short is a query-like training text
CHUNKS_IN_FLIGHT = 2  # keeps the backend busy between chunks


@dataclass(frozen=True)
class ReindexProgress:
    """Where a running reindex is: stage name and items done out of total."""

    stage: str
    done: int
    total: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


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

    def to_dict(self) -> dict[str, Any]:
        values = asdict(self)
        values["warnings"] = list(self.warnings)
        return values


ProgressCallback = Callable[[ReindexProgress], Awaitable[None]]


async def ignore_progress(_: ReindexProgress) -> None:
    return None


class Reindexer:
    """Builds, publishes and loads snapshots into one store."""

    def __init__(self, vectorizer: Vectorizer, analyzer: MorphemeAnalyzer, store: SnapshotStore,
                 hnsw: HnswParams, categories: CategoryLexicon, limits: CatalogLimits,
                 distiller=None) -> None:
        """`distiller` (a `StaticTableDistiller`, QUERY_ENCODER=static): each snapshot also
        gets the static query table distilled from `vectorizer`'s model."""
        self._vectorizer = vectorizer
        self._distiller = distiller
        self._limits = limits
        self._analyzer = analyzer
        self._store = store
        self._hnsw = hnsw
        self._categories = categories

    async def build(self, catalog_path: Path, previous: SearchIndex | None = None,
                    progress: ProgressCallback = ignore_progress
                    ) -> tuple[SearchIndex, ReindexSummary]:
        """Publish a snapshot of the catalog and load it, reusing what `previous` (the serving
        snapshot) already computed; one writer at a time across processes sharing the store."""
        try:
            with self._store.writing():
                return await self._build(catalog_path, previous, progress)
        except (SnapshotError, ReindexInProgressError):
            raise
        except store_errors.WriterLockedError as exc:
            raise ReindexInProgressError(str(exc)) from exc
        except store_errors.SnapshotError as exc:
            raise SnapshotError(str(exc)) from exc

    async def _build(self, catalog_path: Path, previous: SearchIndex | None,
                     report: ProgressCallback) -> tuple[SearchIndex, ReindexSummary]:
        started = time.perf_counter()
        await report(ReindexProgress("catalog", 0, 1))
        catalog = await asyncio.to_thread(load_catalog, catalog_path, self._limits)
        corpus = build_corpus(catalog.products)
        texts = corpus.document_texts()
        await report(ReindexProgress("morphemes", 0, len(texts)))
        morphemes = await asyncio.to_thread(self._analyze_documents, texts, previous)
        sentences = review_sentences(corpus, morphemes)
        # One embedding pass over documents and review sentences (a one-sentence review has no
        # sentence rows, and repeated texts are embedded once).
        embedded, fresh, reused = await self._embed(texts + sentences.texts(corpus), previous,
                                                    report)
        vectors, sentences = embedded[:len(texts)], sentences.with_vectors(embedded[len(texts):])
        query_table = await self._query_table(corpus, sentences, morphemes, catalog.sha256,
                                              previous, report)
        await report(ReindexProgress("writing", 0, 1))
        manifest = {
            "model_identity": self._vectorizer.model_identity,
            "catalog_sha256": catalog.sha256,
            "catalog_file": catalog.path.name,
            "morphology": self._analyzer.identity,
        }
        snapshot = await asyncio.to_thread(self._publish, corpus, vectors, morphemes, sentences,
                                           manifest, query_table)
        index = await asyncio.to_thread(self.load, snapshot)
        seconds = time.perf_counter() - started
        await report(ReindexProgress("done", 1, 1))
        log.info("reindexed %d products, %d documents in %.1f s into %s",
                 len(corpus.products), corpus.document_count, seconds, snapshot.snapshot_id)
        return index, ReindexSummary(
            products=len(corpus.products),
            reviews=catalog.review_count,
            documents=corpus.document_count,
            seconds=seconds,
            model_identity=index.model_identity,
            snapshot_id=index.snapshot_id,
            warnings=catalog.warnings,
            embedded_texts=fresh,
            reused_vectors=reused,
        )

    def load(self, snapshot: Snapshot) -> SearchIndex:
        """A published snapshot read into memory, ready to serve (a pass over every vector:
        run it in a thread)."""
        return ready_to_serve(read_search_index(snapshot, self._hnsw.ef_search), self._categories)

    async def _embed(self, texts: list[str], previous: SearchIndex | None,
                     report: ProgressCallback) -> tuple[np.ndarray, int, int]:
        """Vectors of `texts`, embedding in chunks only those `previous` has none for (same
        model); how many distinct texts were embedded, and how many texts were reused."""
        known = self._reusable_vectors(previous)
        missing = list(dict.fromkeys(t for t in texts if t not in known))
        await report(ReindexProgress("embedding", 0, len(missing)))
        in_flight = asyncio.Semaphore(CHUNKS_IN_FLIGHT)

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
        counts = len(missing), len(texts) - len(missing)
        if not texts:
            return np.zeros((0, self._vectorizer.dim), dtype=np.float32), *counts
        return np.ascontiguousarray(np.stack([known[t] for t in texts]), dtype=np.float32), *counts

    def _reusable_vectors(self, previous: SearchIndex | None) -> dict[str, np.ndarray]:
        """Vectors of the serving snapshot keyed by text, when it was built with this model."""
        if previous is None or previous.model_identity != self._vectorizer.model_identity:
            return {}
        known = dict(zip(previous.corpus.document_texts(), previous.vectors))
        if previous.sentences.vectors is not None:
            known.update(zip(previous.sentences.texts(previous.corpus), previous.sentences.vectors))
        return known

    def _analyze_documents(self, texts: list[str], previous: SearchIndex | None):
        """Morphemes of every text, reusing the serving snapshot's for texts it already has."""
        analyzer = self._analyzer
        known = {}
        if previous is not None and previous.morphology == analyzer.identity and previous.morphemes:
            known = dict(zip(previous.corpus.document_texts(), previous.morphemes))
        missing = [text for text in dict.fromkeys(texts) if text not in known]
        known.update(zip(missing, analyzer.analyze_many(missing)))
        return tuple(known[text] for text in texts)

    async def _query_table(self, corpus: Corpus, sentences: SentenceTable, morphemes: Sequence,
                           catalog_sha256: str, previous: SearchIndex | None,
                           report: ProgressCallback
                           ) -> tuple[StaticQueryTable, DistilCache] | None:
        """The static query table and what distilling it embedded; the serving snapshot's
        own when it was distilled the same way from the same model and catalog."""
        if self._distiller is None:
            return None
        cache = DistilCache()
        if previous is not None and previous.query_table is not None \
                and previous.model_identity == self._vectorizer.model_identity:
            cache = await asyncio.to_thread(load_distil_cache,
                                            self._store.root / previous.snapshot_id)
            if previous.catalog_sha256 == catalog_sha256 \
                    and previous.query_table.recipe == self._distiller.signature:
                return previous.query_table, cache
        await report(ReindexProgress("query table", 0, 1))
        requests = await asyncio.to_thread(review_requests, corpus, morphemes, self._analyzer.join)
        distilled = await self._distiller.distil(self._vectorizer,
                                                 query_training_texts(corpus, sentences), cache,
                                                 requests)
        return distilled.table, distilled.cache

    def _publish(self, corpus: Corpus, vectors: np.ndarray, morphemes: Sequence,
                 sentences: SentenceTable, manifest: dict,
                 query_table: tuple[StaticQueryTable, DistilCache] | None = None) -> Snapshot:
        workspace = self._store.new_workspace()
        try:
            fields = write_index_files(workspace, corpus, vectors, self._hnsw, morphemes,
                                       sentences)
            fields["query_encoder"] = {"kind": "e5"}
            if query_table is not None:
                fields["query_encoder"] = query_table[0].save(workspace)
                query_table[1].save(workspace)
            return self._store.publish(workspace, {**manifest, **fields})
        except BaseException:
            self._store.discard(workspace)
            raise


def review_requests(corpus: Corpus, morphemes: Sequence, join) -> list[str]:
    """Reviews' clauses as written and recast as requests for their product's category."""
    reviews = ((corpus.document_text(row), morphemes[row],
                corpus.products[int(corpus.doc_product[row])].category)
               for row in range(corpus.document_count) if corpus.doc_review[row] != LISTING)
    return request_texts(reviews, join)


def query_training_texts(corpus: Corpus, sentences: SentenceTable) -> list[str]:
    """Texts a static query table learns from: listing names, review sentences and short
    one-sentence reviews, which read much like shoppers' queries."""
    texts = [product.name for product in corpus.products] + sentences.texts(corpus)
    for row in range(corpus.document_count):
        if corpus.doc_review[row] != LISTING and not sentences.rows_of(row):
            text = corpus.document_text(row)
            if len(text) <= SHORT_REVIEW_CHARS:
                texts.append(text)
    return texts
