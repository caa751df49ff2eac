"""Query vectors: an LRU keyed by model, role and normalised text, and the embedder that fills it."""

from __future__ import annotations

import numpy as np

from engine.lru import LruCache
from engine.vectorizers.base import Role, Vectorizer


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
    """Query vectors from the backend, each text embedded once while its vector stays cached."""

    def __init__(self, vectorizer: Vectorizer, cache: QueryVectorCache) -> None:
        self._vectorizer = vectorizer
        self.cache = cache

    @property
    def model_identity(self) -> str:
        return self._vectorizer.model_identity

    @property
    def dim(self) -> int:
        return self._vectorizer.dim

    def holds(self, text: str) -> bool:
        """Whether `text` would be answered from the cache."""
        return self.cache.holds(self.model_identity, Role.QUERY.value, text)

    async def vector(self, text: str) -> np.ndarray:
        """The query embedding of `text` (read-only: callers of a repeated query share it)."""
        model = self.model_identity
        vector = self.cache.get(model, Role.QUERY.value, text)
        if vector is None:
            vector = await self._vectorizer.encode(text, Role.QUERY)
            self.cache.put(model, Role.QUERY.value, text, vector)
        return vector
