"""An LRU of whole search responses, so a repeated search skips embedding and ranking alike."""

from __future__ import annotations

from engine.lru import LruCache
from engine.models import SearchResponse


class ResponseCache(LruCache[SearchResponse]):
    """Responses by a key that must name the snapshot searched, so a reindex never serves stale
    results (the engine also clears it on every swap)."""
