"""A bounded least-recently-used mapping that counts its hits and misses (for /stats)."""

from __future__ import annotations

from collections import OrderedDict
from typing import Generic, Hashable, TypeVar

Value = TypeVar("Value")


class LruCache(Generic[Value]):
    """Keeps the `capacity` most recently used entries; a capacity of 0 stores nothing."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.hits = 0
        self.misses = 0
        self._entries: OrderedDict[Hashable, Value] = OrderedDict()

    def get(self, key: Hashable) -> Value | None:
        value = self._entries.get(key)
        if value is None:
            self.misses += 1
            return None
        self._entries.move_to_end(key)
        self.hits += 1
        return value

    def holds(self, key: Hashable) -> bool:
        """Whether `get` would hit, without counting a lookup."""
        return key in self._entries

    def put(self, key: Hashable, value: Value) -> None:
        if self.capacity <= 0:
            return
        self._entries[key] = value
        self._entries.move_to_end(key)
        while len(self._entries) > self.capacity:
            self._entries.popitem(last=False)

    def clear(self) -> None:
        self._entries.clear()

    @property
    def hit_rate(self) -> float:
        total = self.hits + self.misses
        return self.hits / total if total else 0.0

    def __len__(self) -> int:
        return len(self._entries)
