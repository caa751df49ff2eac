"""An in-memory stand-in for `SearchEngine`, for fast handler tests (not for testing the engine).

It speaks the engine's contract (same methods, values and errors) with a trivial ranking:
products sharing more words with the query come first.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from engine.errors import CatalogError, NoIndexError, ReindexInProgressError
from engine.models import Evidence, Product, Review, SearchResponse, SearchResult
from engine.notices import Notice
from engine.query import clean_query
from engine.reindexer import ReindexProgress, ReindexSummary
from engine.stats import EngineStats


def product(product_id: str, name: str, category: str = "크림", *, brand: str = "포근랩",
            price: int = 32000, review: str = "겨울에도 촉촉해요", url: str = "",
            image_url: str = "") -> Product:
    return Product(product_id=product_id, name=name, brand=brand, category=category, price=price,
                   rating=4.5, description=f"{name} 설명", reviews=(Review(review, 5),), url=url,
                   image_url=image_url)


def shop_page(product_id: str) -> str:
    return f"https://shop.example/p/{product_id}?ref=bot&utm=<x>"


def photo(product_id: str) -> str:
    return f"https://img.example/{product_id}.jpg"


DEFAULT_PRODUCTS = (
    product("c1", "세라마이드 장벽 크림", review="겨울마다 볼이 땅겼는데 촉촉해요",
            url=shop_page("c1"), image_url=photo("c1")),
    product("c2", "아쿠아 젤 크림", review="지성 피부도 산뜻한 크림", url=shop_page("c2")),
    product("c3", "시카 진정 크림", review="트러블 진정 크림"),
    product("c4", "수분 폭탄 크림", review="수분 크림 중 최고", image_url=photo("c4")),
    product("c5", "<script>&장난 립밤", "립", brand="테스트&코", price=9000, review="입술 <각질> 크림 대신"),
    product("s1", "무기자차 선크림", "선크림", review="눈 안 시린 선크림"),
)


# Words of lines the fake shop does not carry: a query with one finds nothing that fits.
UNSOLD_WORDS = frozenset({"노트북", "사료"})


class FakeEngine:
    """Answers searches from a fixed product list; flags simulate the engine's failures."""

    def __init__(self, products: Sequence[Product] = DEFAULT_PRODUCTS) -> None:
        self.products = tuple(products)
        self.snapshot = 1
        self.has_index = True
        self.closed = False
        self.queries: list[tuple[str, tuple[str, ...], int, object]] = []
        self.reindex_gate: asyncio.Event | None = None
        self.search_gate: asyncio.Event | None = None  # set: searches wait for it
        self.reindex_error: Exception | None = None
        self.search_error: Exception | None = None  # set: searches raise it
        self._reindexing = False

    @property
    def snapshot_id(self) -> str:
        return f"snap-fake-{self.snapshot:05d}" if self.has_index else ""

    @property
    def index_version(self) -> str:
        return f"v{self.snapshot:05d}" if self.has_index else ""

    def categories(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p.category for p in self.products)) if self.has_index else ()

    def served_products(self) -> tuple[Product, ...]:
        return self.products if self.has_index else ()

    def get_product(self, product_id: str) -> Product | None:
        return next((p for p in self.products if p.product_id == product_id), None)

    async def search_products(self, query: str, categories: Sequence[str] | None = None,
                              top_n: int | None = None, mode=None) -> SearchResponse:
        cleaned = clean_query(query)
        if self.search_gate is not None:
            await self.search_gate.wait()
        if not self.has_index:
            raise NoIndexError("no index yet")
        if self.search_error is not None:
            raise self.search_error
        wanted = tuple(categories or ())
        self.queries.append((cleaned.text, wanted, top_n or 5, mode))
        words = set(cleaned.text.split())
        pool = [p for p in self.products if not wanted or p.category in wanted]
        if words & UNSOLD_WORDS:
            return SearchResponse(query=cleaned.text, results=(), mode="semantic",
                                  index_version=self.index_version, nothing_fits=True,
                                  unknown_words=tuple(sorted(words & UNSOLD_WORDS)))

        def overlap(p: Product) -> int:
            return len(words & set(f"{p.name} {p.reviews[0].text}".split()))

        ranked = sorted(pool, key=lambda p: -overlap(p))
        # the quote of a product sharing no word with the query is a weak match
        results = tuple(self._result(p, 1.0 - rank / 10, similarity=None if overlap(p) else 0.5)
                        for rank, p in enumerate(ranked[:top_n or 5]))
        notices = (Notice.QUERY_TRUNCATED,) if cleaned.truncated else ()
        return SearchResponse(query=cleaned.text, results=results, mode="semantic",
                              categories=wanted, notices=notices, index_version=self.index_version)

    async def similar_products(self, product_id: str, top_n: int | None = None) -> SearchResponse:
        source = self.get_product(product_id)
        others = [p for p in self.products if p.product_id != product_id][:top_n or 5]
        return SearchResponse(query=f"{source.brand} {source.name}",
                              results=tuple(self._result(p, 0.5) for p in others),
                              mode="semantic", index_version=self.index_version)

    async def reindex(self, progress=None) -> ReindexSummary:
        if self._reindexing:
            raise ReindexInProgressError("a reindex is already running")
        self._reindexing = True
        try:
            if progress:
                await progress(ReindexProgress("embedding", 0, 10))
            if self.reindex_gate is not None:
                await self.reindex_gate.wait()
            if self.reindex_error is not None:
                raise self.reindex_error
            if progress:
                await progress(ReindexProgress("embedding", 10, 10))
            self.snapshot += 1
            self.has_index = True
            return ReindexSummary(products=len(self.products), reviews=len(self.products),
                                  documents=len(self.products) * 2, seconds=1.5,
                                  model_identity="fake-model", snapshot_id=self.index_version)
        finally:
            self._reindexing = False

    def stats(self) -> EngineStats:
        return EngineStats(backend="fake <backend>", model_identity="fake-model",
                           products=len(self.products), reviews=len(self.products),
                           documents=12, snapshot_id=self.index_version,
                           index_created_at="2025-01-01T00:00:00+00:00",
                           query_count=len(self.queries), latency_p50_ms=3.0, latency_p95_ms=9.0,
                           cache_hit_rate=0.25, reindexing=self._reindexing)

    async def aclose(self) -> None:
        self.closed = True

    def _result(self, item: Product, score: float, similarity: float | None = None) -> SearchResult:
        evidence = Evidence(text=item.reviews[0].text, source="review", review_rating=5,
                            similarity=score if similarity is None else similarity)
        return SearchResult(product=item, score=round(score, 4), evidence=evidence, mode="semantic")


__all__ = ["CatalogError", "FakeEngine", "product"]
