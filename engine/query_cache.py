"""An LRU of query vectors keyed by model, role and normalised text."""

from __future__ import annotations

import numpy as np

from engine.lru import LruCache


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
