"""An LRU of whole search responses, so a repeated search skips embedding and ranking alike."""

from __future__ import annotations

from collections import OrderedDict
from typing import Hashable

from engine.models import SearchResponse


class ResponseCache:
    """Bounded least-recently-used cache of responses; the key must name the snapshot searched,
    so a reindex never serves stale results (the engine also clears it on every swap)."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.hits = 0
        self._entries: OrderedDict[Hashable, SearchResponse] = OrderedDict()

    def get(self, key: Hashable) -> SearchResponse | None:
        response = self._entries.get(key)
        if response is not None:
            self._entries.move_to_end(key)
            self.hits += 1
        return response

    def put(self, key: Hashable, response: SearchResponse) -> None:
        if self.capacity <= 0:
            return
        self._entries[key] = response
        self._entries.move_to_end(key)
        while len(self._entries) > self.capacity:
            self._entries.popitem(last=False)

    def clear(self) -> None:
        self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)
