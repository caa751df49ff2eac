"""Query vectors: an LRU keyed by model, role and normalised text, and the embedder that fills it."""

from __future__ import annotations

import logging

import numpy as np

from engine.lru import LruCache
from engine.search_index import SearchIndex
from engine.vectorizers.base import Role, Vectorizer
from engine.vectorizers.static import StaticQueryTable

log = logging.getLogger(__name__)


class QueryVectorCache(LruCache[np.ndarray]):
    """Query vectors by (model, role, text); stored vectors are made read-only, since every
    caller of a repeated query gets the same array."""

    def get(self, model: str, role: str, text: str) -> np.ndarray | None:  # type: ignore[override]
        return super().get((model, role, text))

    def holds(self, model: str, role: str, text: str) -> bool:  # type: ignore[override]
        return super().holds((model, role, text))

    def put(self, model: str, role: str, text: str,  # type: ignore[override]
            vector: np.ndarray) -> None:
        vector.setflags(write=False)
        super().put((model, role, text), vector)


class QueryEmbedder:
    """Query vectors from the backend, each text embedded once while its vector stays cached.

    With `static_queries` (QUERY_ENCODER=static) a query over an index holding a static query
    table is encoded by that table instead (well under a millisecond, on the caller's thread);
    over an index without one, by the backend, said once per snapshot in the log.
    """

    def __init__(self, vectorizer: Vectorizer, cache: QueryVectorCache,
                 static_queries: bool = False) -> None:
        self._vectorizer = vectorizer
        self.cache = cache
        self._static_queries = static_queries
        self._told_no_table: set[str] = set()

    @property
    def model_identity(self) -> str:
        return self._vectorizer.model_identity

    @property
    def dim(self) -> int:
        return self._vectorizer.dim

    def table_for(self, index: SearchIndex | None) -> StaticQueryTable | None:
        """The static table that encodes queries over `index`, or None for the backend."""
        if not self._static_queries or index is None:
            return None
        if index.query_table is None and index.snapshot_id not in self._told_no_table:
            self._told_no_table.add(index.snapshot_id)
            log.warning("QUERY_ENCODER=static but snapshot %s holds no static query table: its "
                        "queries are embedded by e5; run `python -m engine index` (or /reindex) "
                        "with QUERY_ENCODER=static to distil one", index.snapshot_id)
        return index.query_table

    def holds(self, text: str, index: SearchIndex | None = None) -> bool:
        """Whether `text` would be answered from the cache."""
        return self.cache.holds(self._key(self.table_for(index)), Role.QUERY.value, text)

    def cached(self, text: str, index: SearchIndex | None = None) -> np.ndarray | None:
        """The cached vector of `text` over `index` (a hit counted), or None (nothing counted:
        the lookup that fills it counts the miss)."""
        model, role = self._key(self.table_for(index)), Role.QUERY.value
        return self.cache.get(model, role, text) if self.cache.holds(model, role, text) else None

    async def vector(self, text: str, index: SearchIndex | None = None,
                     encoded: np.ndarray | None = None) -> np.ndarray:
        """The query embedding of `text` over `index` (read-only: callers of a repeated query
        share it). `encoded`: the vector `table_for(index)` gave for `text` on another thread,
        kept here as if encoded now (the cache is touched on the event loop only)."""
        table = self.table_for(index)
        model = self._key(table)
        vector = self.cache.get(model, Role.QUERY.value, text)
        if vector is None:
            if encoded is not None:
                vector = encoded
            else:
                vector = (table.encode(text) if table is not None
                          else await self._vectorizer.encode(text, Role.QUERY))
            self.cache.put(model, Role.QUERY.value, text, vector)
        return vector

    def _key(self, table: StaticQueryTable | None) -> str:
        model = self.model_identity
        return model if table is None else f"{model}+static#{table.digest}"
