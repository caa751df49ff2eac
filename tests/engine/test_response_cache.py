"""Whole responses of repeated searches: served without analysing or ranking again, per snapshot."""

import json

from engine.errors import BackendUnavailableError
from engine.response_cache import ResponseCache
from engine.composition import build_engine
from engine.notices import Notice
from engine.vectorizers.base import Role


class CountingAnalyzer:
    """The real Kiwi analyser, counting the queries it analyses (one per ranked search)."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.identity = inner.identity
        self.queries = 0

    def analyze(self, text):
        self.queries += 1
        return self.inner.analyze(text)

    def analyze_many(self, texts):
        return self.inner.analyze_many(texts)


class FlakyBackend:
    """The real e5 backend, except that its first query embedding fails."""

    def __init__(self, inner) -> None:
        self._inner = inner
        self.failures_left = 1

    def __getattr__(self, name):
        return getattr(self._inner, name)

    async def encode(self, text, role=Role.QUERY):
        if self.failures_left:
            self.failures_left -= 1
            raise BackendUnavailableError("down for a moment")
        return await self._inner.encode(text, role)


def test_the_least_recently_used_response_leaves_first_and_zero_stores_nothing():
    cache = ResponseCache(capacity=2)
    cache.put("a", "A")
    cache.put("b", "B")
    assert cache.get("a") == "A"
    cache.put("c", "C")
    assert cache.get("b") is None and len(cache) == 2
    assert cache.hits == 1
    off = ResponseCache(capacity=0)
    off.put("a", "A")
    assert off.get("a") is None


async def test_a_repeated_search_is_answered_without_ranking_again(
        make_settings, index_copy, e5_vectorizer, morpheme_analyzer):
    counting = CountingAnalyzer(morpheme_analyzer)
    engine = build_engine(make_settings(index_dir=index_copy), e5_vectorizer, counting)
    assert await engine.load_latest_snapshot()
    first = await engine.search_products("촉촉한 보습 크림", top_n=3)
    again = await engine.search_products(" 촉촉한  보습 크림", top_n=3)
    assert counting.queries == 1
    assert again == first
    assert engine.stats().query_count == 2
    assert engine.stats().cache_hit_rate == 0.5


async def test_top_n_category_and_mode_are_part_of_the_key(
        make_settings, index_copy, e5_vectorizer, morpheme_analyzer):
    counting = CountingAnalyzer(morpheme_analyzer)
    engine = build_engine(make_settings(index_dir=index_copy), e5_vectorizer, counting)
    assert await engine.load_latest_snapshot()
    three = await engine.search_products("보습 크림", top_n=3)
    two = await engine.search_products("보습 크림", top_n=2)
    keyword = await engine.search_products("보습 크림", top_n=3, mode="keyword")
    category = engine.categories()[0]
    filtered = await engine.search_products("보습 크림", [category], top_n=3)
    assert counting.queries == 4
    assert (len(three.results), len(two.results)) == (3, 2)
    assert keyword.mode == "keyword" and three.mode == "hybrid"
    assert {r.product.category for r in filtered.results} == {category}


async def test_a_reindex_makes_repeated_searches_rank_the_new_snapshot(
        make_settings, index_copy, e5_vectorizer, morpheme_analyzer, tmp_path):
    lines = make_settings().catalog_path.read_text(encoding="utf-8").splitlines()
    extra = json.loads(lines[0]) | {"product_id": "m99", "name": "새로 들어온 보습 크림"}
    catalog = tmp_path / "new.jsonl"
    catalog.write_text("\n".join(lines + [json.dumps(extra, ensure_ascii=False)]),
                       encoding="utf-8")
    counting = CountingAnalyzer(morpheme_analyzer)
    engine = build_engine(make_settings(index_dir=index_copy, catalog_path=catalog),
                          e5_vectorizer, counting)
    assert await engine.load_latest_snapshot()
    before = await engine.search_products("보습 크림", top_n=20)
    await engine.reindex()
    after = await engine.search_products("보습 크림", top_n=20)
    assert counting.queries == 2
    assert after.index_version == engine.index_version != before.index_version
    assert "m99" in {r.product.product_id for r in after.results}
    assert "m99" not in {r.product.product_id for r in before.results}


async def test_a_fallback_answer_is_not_kept(make_settings, index_copy, e5_vectorizer,
                                             morpheme_analyzer):
    engine = build_engine(make_settings(index_dir=index_copy), FlakyBackend(e5_vectorizer),
                          morpheme_analyzer)
    assert await engine.load_latest_snapshot()
    degraded = await engine.search_products("무향 립밤", top_n=3)
    healthy = await engine.search_products("무향 립밤", top_n=3)
    assert degraded.mode == "keyword" and degraded.notices == (Notice.SEMANTIC_UNAVAILABLE,)
    assert healthy.mode == "hybrid" and healthy.notices == ()
