"""The query-vector cache: an LRU keyed by model, role and normalised text, counted for /stats."""

import numpy as np

from engine.query_cache import QueryVectorCache
from engine.composition import build_engine
from engine.vectorizers.base import Role


def vector(value: float) -> np.ndarray:
    return np.full(4, value, dtype=np.float32)


def test_the_least_recently_used_entry_leaves_first():
    cache = QueryVectorCache(capacity=2)
    cache.put("m", "query", "크림", vector(1))
    cache.put("m", "query", "선크림", vector(2))
    assert cache.get("m", "query", "크림") is not None  # now the most recent
    cache.put("m", "query", "토너", vector(3))
    assert cache.get("m", "query", "선크림") is None
    assert len(cache) == 2


def test_model_and_role_are_part_of_the_key():
    cache = QueryVectorCache(capacity=8)
    cache.put("e5", "query", "크림", vector(1))
    assert cache.get("other-model", "query", "크림") is None
    assert cache.get("e5", "passage", "크림") is None
    assert cache.hits == 0 and cache.misses == 2


def test_hit_rate_counts_every_lookup_and_a_zero_capacity_stores_nothing():
    cache = QueryVectorCache(capacity=0)
    cache.put("m", "query", "크림", vector(1))
    assert cache.get("m", "query", "크림") is None
    sized = QueryVectorCache(capacity=4)
    sized.put("m", "query", "크림", vector(1))
    sized.get("m", "query", "크림")
    sized.get("m", "query", "선크림")
    assert sized.hit_rate == 0.5


class CountingVectorizer:
    """The session's e5 backend, counting the query embeddings it is asked for."""

    def __init__(self, inner) -> None:
        self._inner = inner
        self.query_encodes = 0

    def __getattr__(self, name):
        return getattr(self._inner, name)

    async def encode(self, text, role=Role.QUERY):
        self.query_encodes += role is Role.QUERY
        return await self._inner.encode(text, role)


async def test_a_repeated_query_is_embedded_once_and_stats_show_the_hit_rate(
        make_settings, index_copy, e5_vectorizer, morpheme_analyzer):
    counting = CountingVectorizer(e5_vectorizer)
    engine = build_engine(make_settings(index_dir=index_copy, response_cache_size=0), counting,
                          morpheme_analyzer)
    assert await engine.load_latest_snapshot()
    first = await engine.search_products("촉촉한 보습 크림")
    again = await engine.search_products("  촉촉한   보습 크림 ")  # the same once cleaned
    assert counting.query_encodes == 1
    assert [r.product.product_id for r in again.results] == \
        [r.product.product_id for r in first.results]
    assert engine.stats().cache_hit_rate == 0.5
