"""The category prior learned from a catalog's own text (engine/category_prior.py)."""

import json

import numpy as np

from engine.category_prior import (build_category_prior, category_distribution,
                                   dominant_categories, prior_weights, vector_evidence)
from engine.corpus import build_corpus
from engine.ranking.rank import category_prior_weights, keyword_agrees
from engine.models import Product
from engine.ranking.params import RankingParams
from engine.composition import build_engine

# Six categories; "워터파크" and "물놀이" only in the sun products' reviews.
CATALOG = {
    "자외선차단": ["워터파크 가서 아이랑 같이 발랐어요 좋아요", "물놀이 할 때 덧발라요 좋아요",
               "워터파크 물놀이에도 안 지워져요 순해요"],
    "보습크림": ["건조할 때 바르면 촉촉해요 좋아요", "밤에 바르고 자요 순해요",
             "속건조가 잡혀요 좋아요"],
    "샴푸": ["머리 감을 때 거품이 풍성해요 좋아요", "두피가 시원해요 순해요",
           "머리카락이 부드러워요 좋아요"],
    "립": ["입술이 촉촉해져요 좋아요", "발색이 예뻐요 순해요", "각질이 안 일어나요 좋아요"],
    "향수": ["향이 오래가요 좋아요", "잔향이 은은해요 순해요", "선물하기 좋아요"],
    "클렌저": ["세안 후 개운해요 좋아요", "거품이 쫀쫀해요 순해요", "메이크업이 잘 지워져요 좋아요"],
}


def test_two_categories_may_share_the_boost_but_not_three():
    shares = np.array([0.45, 0.4, 0.15])
    assert dominant_categories(shares, 0.8) == {0: 0.45, 1: 0.4}
    assert dominant_categories(np.array([0.3, 0.3, 0.2, 0.2]), 0.7) == {}


def _toy_prior(vectors_by_category):
    categories = [c for c, vectors in vectors_by_category.items() for _ in vectors]
    products = tuple(Product(f"p{i}", "n", "b", c, 1, 4.0, "d") for i, c in enumerate(categories))
    corpus = build_corpus(products)
    vectors = np.array([v for vs in vectors_by_category.values() for v in vs], dtype=np.float32)
    return build_category_prior(corpus, vectors)


def test_query_vector_points_to_the_nearest_category_centroid():
    axes = np.eye(6)
    prior = _toy_prior({str(i): [axes[i]] for i in range(6)})
    shares = category_distribution(vector_evidence(prior, axes[2] * 0.9 + axes[3] * 0.1, 2.0))
    assert shares.argmax() == 2 and shares[2] > 0.7
    dominant = dominant_categories(shares, 0.7)
    assert list(dominant) == [2]
    weights = prior_weights(prior, dominant)
    assert weights[2] > 0.7 and np.count_nonzero(weights) == 1


def test_a_vector_as_close_to_every_centroid_gives_no_boost():
    axes = np.eye(6)
    prior = _toy_prior({str(i): [axes[i]] for i in range(6)})
    shares = category_distribution(vector_evidence(prior, np.ones(6) / np.sqrt(6), 2.0))
    assert np.allclose(shares, 1 / 6)
    params = RankingParams(prior_boost=0.2)
    assert not category_prior_weights(prior, np.ones(6) / np.sqrt(6), params).any()


def test_a_catalog_with_few_categories_gets_no_prior():
    axes = np.eye(3)
    prior = _toy_prior({str(i): [axes[i]] for i in range(3)})
    assert not category_prior_weights(prior, axes[0], RankingParams(prior_boost=0.2)).any()


def test_no_prior_is_built_from_vectors_that_do_not_fit_the_corpus():
    products = tuple(Product(f"p{i}", "n", "b", str(i), 1, 4.0, "d") for i in range(6))
    corpus = build_corpus(products)
    assert build_category_prior(corpus, np.eye(6, dtype=np.float32)[:5]) is None


async def test_e5_centroids_boost_the_category_whose_reviews_tell_the_situation(
        tmp_path, make_settings, e5_vectorizer, morpheme_analyzer):
    rows = [{"product_id": f"{category}-{i}", "name": f"상품 {i}", "brand": "b",
             "category": category, "price": 10000, "rating": 4.5, "description": "데일리 제품",
             "reviews": [{"text": text, "rating": 5}]}
            for category, reviews in CATALOG.items() for i, text in enumerate(reviews)]
    catalog = tmp_path / "catalog.jsonl"
    catalog.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
    engine = build_engine(make_settings(index_dir=tmp_path / "index", catalog_path=catalog),
                          e5_vectorizer, morpheme_analyzer)
    await engine.reindex()
    try:
        prior = engine.search_index.category_prior
        vector = await engine.query_vector("애 데리고 워터파크 가서 물놀이할 때 바를 거")
        weights = category_prior_weights(prior, vector, RankingParams(prior_boost=0.2))
        boosted = {engine.search_index.corpus.products[row].category
                   for row in np.flatnonzero(weights)}
        assert "자외선차단" in boosted and len(boosted) <= 2
        # In hybrid the prior keeps only a category the query's words also reach.
        index = engine.search_index
        candidates = np.ones(len(index.corpus.products), dtype=bool)
        keyword = index.keyword.weighted_scores([("머리", 1.0), ("두피", 1.0)])
        agrees = keyword_agrees(index, keyword, candidates, RankingParams(prior_agreement=2))
        reached = {index.corpus.products[row].category for row in np.flatnonzero(agrees)}
        assert reached == {"샴푸"}
        assert keyword_agrees(index, keyword, candidates, RankingParams(prior_agreement=0)).all()
        # Products the words do not reach at all (score 0) lend no category their agreement.
        nothing = np.zeros(len(index.corpus.products))
        assert not keyword_agrees(index, nothing, candidates, RankingParams()).any()
    finally:
        await engine.aclose()


def test_only_a_word_beyond_those_any_request_uses_names_something():
    from engine.ranking.terms import names_something
    catalog = {"있", "얼굴", "오돌토돌"}.__contains__
    assert not names_something(["팔뚝", "있", "반팔", "얼굴"], catalog)
    assert names_something(["팔뚝", "오돌토돌", "있"], catalog)
