"""An LRU of query vectors keyed by model, role and normalised text."""

from __future__ import annotations

from collections import OrderedDict

import numpy as np


class QueryVectorCache:
    """Bounded least-recently-used cache; counts hits and misses for /stats."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.hits = 0
        self.misses = 0
        self._entries: OrderedDict[tuple[str, str, str], np.ndarray] = OrderedDict()

    def get(self, model: str, role: str, text: str) -> np.ndarray | None:
        key = (model, role, text)
        vector = self._entries.get(key)
        if vector is None:
            self.misses += 1
            return None
        self._entries.move_to_end(key)
        self.hits += 1
        return vector

    def holds(self, model: str, role: str, text: str) -> bool:
        """Whether `get` would hit, without counting a lookup."""
        return (model, role, text) in self._entries

    def put(self, model: str, role: str, text: str, vector: np.ndarray) -> None:
        if self.capacity <= 0:
            return
        vector.setflags(write=False)
        self._entries[(model, role, text)] = vector
        self._entries.move_to_end((model, role, text))
        while len(self._entries) > self.capacity:
            self._entries.popitem(last=False)

    @property
    def hit_rate(self) -> float:
        total = self.hits + self.misses
        return self.hits / total if total else 0.0

    def __len__(self) -> int:
        return len(self._entries)
