"""The figures `/stats` and the CLI show: what is served, how many searches, how fast."""

from __future__ import annotations

import time
from collections import deque
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from engine.search_index import SearchIndex
from engine.vectorizers.base import Vectorizer

LATENCIES_KEPT = 2000


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

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class SearchLatencies:
    """Counts searches and keeps the latest latencies for percentiles."""

    def __init__(self, kept: int = LATENCIES_KEPT) -> None:
        self._latencies_ms: deque[float] = deque(maxlen=kept)
        self.count = 0

    def record(self, started: float) -> None:
        """One search finished; `started` is its `time.perf_counter()` at the start."""
        self.count += 1
        self._latencies_ms.append((time.perf_counter() - started) * 1000)

    def percentile(self, share: float) -> float:
        values = np.asarray(self._latencies_ms) if self._latencies_ms else np.zeros(1)
        return float(np.percentile(values, share))


def engine_stats(index: SearchIndex | None, vectorizer: Vectorizer, latencies: SearchLatencies, *,
                 cache_hits: tuple[int, int], reindexing: bool) -> EngineStats:
    """The figures of an engine serving `index` (None: nothing yet). `cache_hits` are the
    searches answered from a cache (a whole response or the query vector) and the vector
    lookups that missed: the hit rate is over the searches that needed a query vector."""
    hits, misses = cache_hits
    return EngineStats(
        backend=vectorizer.description,
        model_identity=vectorizer.model_identity,
        products=len(index.corpus.products) if index else 0,
        reviews=sum(len(p.reviews) for p in index.corpus.products) if index else 0,
        documents=index.corpus.document_count if index else 0,
        snapshot_id=index.snapshot_id if index else "",
        index_created_at=index.created_at if index else "",
        query_count=latencies.count,
        latency_p50_ms=latencies.percentile(50),
        latency_p95_ms=latencies.percentile(95),
        cache_hit_rate=hits / (hits + misses) if hits + misses else 0.0,
        reindexing=reindexing,
    )
