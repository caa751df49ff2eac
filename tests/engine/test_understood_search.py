"""Query understanding inside real searches over a small catalog with odd category names."""

import pytest

from engine.ranking.params import RankingParams

PRODUCTS = [
    ("s1", "데일리 선 젤", "자외선 케어", 18000, ["향이 너무 세서 머리 아파요", "발림성은 좋아요"]),
    ("s2", "마일드 선 로션", "자외선 케어", 21000, ["무향이라 좋아요. 아이도 같이 써요", "백탁 없어요"]),
    ("s3", "톤업 선 크림", "자외선 케어", 35000, ["향이 하나도 없어서 좋아요", "톤업이 자연스러움"]),
    ("c1", "보습 크림", "페이스 크림", 15000, ["향 없고 촉촉해요", "겨울에 딱"]),
    ("c2", "수분 젤 크림", "페이스 크림", 42000, ["가볍고 촉촉해요", "향이 은은해요"]),
]


@pytest.fixture
async def small_engine(catalog_engine):
    return await catalog_engine([
        {"product_id": pid, "name": name, "category": category, "price": price,
         "description": f"{name}: 향료 무첨가, 순한 제품.",
         "reviews": [(text, 4) for text in reviews]}
        for pid, name, category, price, reviews in PRODUCTS])


@pytest.mark.parametrize("mode", ["semantic", "keyword", "hybrid"])
async def test_products_over_the_price_limit_are_never_returned(small_engine, mode):
    response = await small_engine.search_products("촉촉한 크림 2만원 이하로", top_n=10, mode=mode)
    assert response.results
    assert all(r.product.price <= 20000 for r in response.results)


@pytest.mark.parametrize("mode", ["semantic", "keyword", "hybrid"])
async def test_reviews_reporting_the_unwanted_trait_sink_the_product(small_engine, mode):
    response = await small_engine.search_products("향 없는 썬크림", top_n=3, mode=mode)
    ids = [r.product.product_id for r in response.results]
    assert ids.index("s1") > ids.index("s2") if "s1" in ids else True
    assert ids[0] in {"s2", "s3"}


async def test_evidence_quotes_an_absence_report_never_the_complaint(small_engine):
    response = await small_engine.search_products("향 없는 썬크림", top_n=5)
    for result in response.results:
        assert "세서" not in result.evidence.text
    top = response.results[0]
    assert top.evidence.source == "review" and "향" in top.evidence.text


async def test_sunscreen_words_lift_a_category_named_differently(small_engine):
    response = await small_engine.search_products("순한 썬크림", top_n=3, mode="keyword")
    assert response.results[0].product.category == "자외선 케어"
    # Without the category boost (and the sun-protection concern's words), "크림" alone wins.
    plain_engine = small_engine.with_ranking(RankingParams(use_categories=False,
                                                           concern_weight=0.0))
    plain = await plain_engine.search_products("순한 썬크림", top_n=3, mode="keyword")
    assert plain.results[0].product.category == "페이스 크림"  # "크림" alone would win
