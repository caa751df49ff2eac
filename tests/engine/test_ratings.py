"""Review ratings as polarity evidence: low-rated matches count less and are never quoted."""

import json

import numpy as np
import pytest

from engine.corpus import build_corpus
from engine.ranking.fusion import rating_discount
from engine.models import Product, Review
from engine.ranking.params import RankingParams
from engine.ranking.params import GOOD_RATING
from engine.search_index import product_terms
from engine.composition import build_engine

COMPLAINT = "겨울에 쓰니까 건조해서 하루 종일 얼굴 땡겼어요"


def test_rating_discount_lowers_low_rated_reviews_by_the_stars_missing():
    scores = np.array([0.8, 0.8, 0.8, 0.8, 0.8])
    ratings = np.array([np.nan, 5.0, 4.0, 3.0, 1.0], dtype=np.float32)
    out = rating_discount(scores, ratings, 0.02, GOOD_RATING)
    assert np.allclose(out[:3], 0.8)          # listing and well-rated reviews keep their score
    assert np.isclose(out[3], 0.78) and np.isclose(out[4], 0.74)


def test_corpus_carries_each_review_rating_and_none_for_the_listing():
    product = Product("p", "크림", "b", "크림", 1000, 4.0, "설명",
                      (Review("좋아요", 5), Review("별로", 2)))
    corpus = build_corpus((product,))
    assert np.isnan(corpus.doc_rating[0])
    assert corpus.doc_rating[1:].tolist() == [5.0, 2.0]


def test_keyword_terms_leave_out_low_rated_reviews_but_keep_the_listing(morpheme_analyzer):
    product = Product("p", "보습 크림", "b", "크림", 1000, 4.0, "촉촉한 크림",
                      (Review("촉촉해서 좋아요", 5), Review(COMPLAINT, 2)))
    corpus = build_corpus((product,))
    morphemes = tuple(morpheme_analyzer.analyze_many(corpus.document_texts()))
    every = set(product_terms(corpus, morphemes)[0])
    kept = set(product_terms(corpus, morphemes, GOOD_RATING)[0])
    assert "땡기" in every or "건조" in every
    assert "건조" not in kept and "촉촉" in kept and "보습" in kept


PRODUCTS = [
    # A cream whose one matching review is a ★2 complaint about the very need.
    ("bad", "데일리 크림", [(COMPLAINT, 2), ("용기가 예뻐요", 5)]),
    # A cream whose ★5 review says it fixes the need.
    ("good", "리치 크림", [("겨울에 얼굴 땅기는 게 싹 없어졌어요. 촉촉해요", 5), ("무난해요", 4)]),
    ("other", "수분 크림", [("여름에 가볍게 쓰기 좋아요", 5), ("향이 좋아요", 4)]),
]


@pytest.fixture
async def rated_engine(tmp_path, make_settings, e5_vectorizer, morpheme_analyzer):
    catalog = tmp_path / "catalog.jsonl"
    catalog.write_text("\n".join(json.dumps({
        "product_id": pid, "name": name, "brand": "테스트", "category": "크림", "price": 20000,
        "rating": 4.2, "description": f"{name}: 보습 크림.",
        "reviews": [{"text": text, "rating": rating} for text, rating in reviews],
    }, ensure_ascii=False) for pid, name, reviews in PRODUCTS), encoding="utf-8")
    engine = build_engine(make_settings(index_dir=tmp_path / "index", catalog_path=catalog),
                          e5_vectorizer, morpheme_analyzer)
    await engine.reindex()
    return engine


@pytest.mark.parametrize("mode", ["semantic", "keyword", "hybrid"])
async def test_a_low_rated_complaint_is_never_quoted_as_the_reason(rated_engine, mode):
    response = await rated_engine.search_products("겨울에 얼굴 땅기는 거 잡아줄 크림",
                                                  top_n=3, mode=mode)
    for result in response.results:
        assert "건조해서" not in result.evidence.text
        if result.evidence.source == "review":
            assert result.evidence.review_rating >= 4


@pytest.mark.parametrize("mode", ["semantic", "hybrid"])
async def test_the_product_whose_good_review_meets_the_need_ranks_first(rated_engine, mode):
    response = await rated_engine.search_products("겨울에 얼굴 땅기는 거 잡아줄 크림",
                                                  top_n=3, mode=mode)
    assert response.results[0].product.product_id == "good"


async def test_without_the_rating_discount_the_complaint_counts_fully(rated_engine):
    query = "겨울에 쓰니까 건조해서 얼굴 땡겨요"
    rated = await rated_engine.search_products(query, top_n=3, mode="semantic")
    plain_engine = rated_engine.with_ranking(RankingParams(review_rating_discount=0.0,
                                                           product_rating_weight=0.0))
    plain = await plain_engine.search_products(query, top_n=3, mode="semantic")
    score = {r.product.product_id: r.score for r in rated.results}
    plain_score = {r.product.product_id: r.score for r in plain.results}
    assert plain.results[0].product.product_id == "bad"
    assert score["bad"] - score["good"] < plain_score["bad"] - plain_score["good"]
