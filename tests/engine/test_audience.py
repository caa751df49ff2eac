"""A line the shopper implies but never names: the men's line for a query about a man."""

import pytest

from engine.ranking.params import RankingParams
from engine.understanding import (CATEGORIES_FILE, CategoryLexicon, category_intent,
                                  implied_categories, map_catalog_categories)

LEXICON = CategoryLexicon.load(CATEGORIES_FILE)


@pytest.fixture
def implied(morpheme_analyzer):
    def read(query, catalog):
        mapping = map_catalog_categories(catalog, LEXICON)
        return implied_categories(morpheme_analyzer.analyze(query), mapping,
                                  category_intent(query, mapping))
    return read


def test_a_query_about_a_man_implies_the_catalogs_mens_line(implied):
    assert implied("아빠 생신 선물로 스킨로션", ["스킨/토너", "맨즈케어", "크림"]) == ("맨즈케어",)
    assert implied("남편이 아침에 바빠서 한번에 끝나는 거", ["크림", "남자라인"]) == ("남자라인",)
    assert implied("남친 선물 뭐가 좋을까요", ["향수", "Men's Grooming"]) == ("Men's Grooming",)


def test_no_man_no_line_or_a_line_already_named_implies_nothing(implied):
    assert implied("엄마 생신 선물로 스킨로션", ["스킨/토너", "맨즈케어"]) == ()
    assert implied("아빠 생신 선물로 스킨로션", ["스킨/토너", "크림"]) == ()
    assert implied("남자 올인원 추천", ["스킨/토너", "남성 올인원"]) == ()


PRODUCTS = [
    ("w1", "데일리 수분 토너", "스킨/토너", ["촉촉하고 순해요", "아침에 바르기 좋아요"]),
    ("w2", "진정 토너", "스킨/토너", ["자극 없이 진정돼요", "순해서 매일 써요"]),
    ("m1", "올인원 로션", "맨즈케어", ["한 번에 끝나서 편해요", "끈적이지 않아요"]),
]


async def test_the_implied_line_lifts_its_products(catalog_engine):
    engine = await catalog_engine([
        {"product_id": pid, "name": name, "category": category,
         "reviews": [(text, 5) for text in reviews]}
        for pid, name, category, reviews in PRODUCTS])
    query = "아빠가 아침에 바빠서 순한 거 하나만 바르고 나가요"

    async def mens_score(params):
        response = await engine.with_ranking(params).search_products(query, top_n=3,
                                                                      mode="keyword")
        return next(r.score for r in response.results if r.product.product_id == "m1")

    assert await mens_score(RankingParams()) > await mens_score(RankingParams(implied_share=0))
