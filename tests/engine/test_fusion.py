"""Score fusion and per-product aggregation as pure functions."""

from types import SimpleNamespace

import numpy as np
import pytest

from engine.ranking.fusion import (fuse_scores, normalise, normalise_with_floor,
                                   reciprocal_rank_fusion, soft_max_by_product)
from engine.ranking.params import RankingParams
from engine.ranking.fusion import top_products
from engine.ranking.rank import category_weights, trait_adjustment
from engine.understanding import QueryIntent


def test_normalise_scales_candidates_to_unit_range_and_ignores_others():
    scores = np.array([2.0, 4.0, 3.0, 100.0])
    candidates = np.array([True, True, True, False])
    assert np.allclose(normalise(scores, candidates)[:3], [0.0, 1.0, 0.5])


def test_equal_scores_normalise_to_zero_rather_than_dividing_by_zero():
    assert not normalise(np.ones(3), np.ones(3, bool)).any()


def test_fusion_lets_a_product_strong_on_both_signals_win():
    semantic = np.array([0.9, 0.5, 0.85])
    keyword = np.array([0.0, 9.0, 8.0])
    fused = fuse_scores(semantic, keyword, 0.5, np.ones(3, bool))
    assert int(np.argmax(fused)) == 2


def test_fusion_weight_one_is_pure_semantic():
    semantic, keyword = np.array([0.2, 0.9]), np.array([5.0, 0.0])
    assert int(np.argmax(fuse_scores(semantic, keyword, 1.0, np.ones(2, bool)))) == 1
    assert int(np.argmax(fuse_scores(semantic, keyword, 0.0, np.ones(2, bool)))) == 0


def test_a_range_narrower_than_the_floor_does_not_stretch_to_one():
    scores = np.array([0.80, 0.82, 0.84, 0.99])
    candidates = np.array([True, True, True, False])
    assert np.allclose(normalise_with_floor(scores, candidates, 0.1)[:3], [0.0, 0.2, 0.4])


def test_a_range_wider_than_the_floor_is_plain_min_max():
    scores, candidates = np.array([0.5, 0.6, 0.7]), np.ones(3, bool)
    assert np.allclose(normalise_with_floor(scores, candidates, 0.1), normalise(scores, candidates))
    assert np.allclose(normalise_with_floor(scores, candidates, 0.0), [0.0, 0.5, 1.0])


def test_a_flat_semantic_side_yields_to_keyword_only_with_the_floor():
    # e5 barely separates the two (0.84 against 0.82); BM25 clearly prefers the first.
    semantic, keyword = np.array([0.82, 0.84]), np.array([6.0, 4.0])
    candidates = np.ones(2, bool)
    assert int(np.argmax(fuse_scores(semantic, keyword, 0.6, candidates))) == 1
    assert int(np.argmax(fuse_scores(semantic, keyword, 0.6, candidates, 0.1))) == 0


def test_a_clear_semantic_winner_keeps_its_share_with_the_floor():
    semantic, keyword = np.array([0.70, 0.86]), np.array([6.0, 4.0])
    candidates = np.ones(2, bool)
    assert int(np.argmax(fuse_scores(semantic, keyword, 0.6, candidates, 0.1))) == 1


def test_reciprocal_rank_fusion_rewards_agreement():
    a, b = np.array([3.0, 2.0, 1.0]), np.array([1.0, 3.0, 2.0])
    fused = reciprocal_rank_fusion([a, b], np.ones(3, bool), k=1)
    assert int(np.argmax(fused)) == 1


def test_soft_max_is_the_max_at_zero_temperature_and_favours_several_matches_above():
    doc_scores = np.array([0.80, 0.80, 0.79, 0.81, 0.10])
    doc_product = np.array([0, 0, 0, 1, 1])
    assert np.allclose(soft_max_by_product(doc_scores, doc_product, 2, 0.0), [0.80, 0.81])
    smooth = soft_max_by_product(doc_scores, doc_product, 2, 0.02)
    assert smooth[0] > smooth[1]


def test_top_k_soft_max_does_not_reward_the_number_of_reviews():
    # Product 0: twelve middling reviews; product 1: two good ones and a weak listing.
    doc_scores = np.array([0.80] * 12 + [0.83, 0.82, 0.40])
    doc_product = np.array([0] * 12 + [1, 1, 1])
    unbounded = soft_max_by_product(doc_scores, doc_product, 2, 0.02)
    bounded = soft_max_by_product(doc_scores, doc_product, 2, 0.02, top_k=2)
    assert unbounded[0] > unbounded[1]
    assert bounded[1] > bounded[0]
    assert bounded[0] <= 0.80 + 0.02 * np.log(2) + 1e-9


def test_top_k_soft_max_ranks_documents_within_each_product_wherever_they_sit():
    doc_scores = np.array([0.1, 0.9, 0.5, 0.7, 0.2, 0.8])
    doc_product = np.array([1, 0, 1, 0, 1, 0])
    one = soft_max_by_product(doc_scores, doc_product, 2, 0.02, top_k=1)
    assert np.allclose(one, [0.9, 0.5])


def test_complaints_weigh_more_than_praise_and_are_capped():
    params = RankingParams(complaint_penalty=0.5, absence_bonus=0.2, reports_counted=2)
    assert trait_adjustment(1, 1, params) < 0
    assert trait_adjustment(5, 0, params) == trait_adjustment(2, 0, params)
    assert trait_adjustment(0, 2, params) > 0


def test_top_products_skips_non_candidates_and_breaks_ties_by_row():
    scores = np.array([1.0, 3.0, 3.0, 5.0])
    candidates = np.array([True, True, True, False])
    assert [row for row, _ in top_products(scores, candidates, 3)] == [1, 2, 0]


def test_a_category_named_only_as_a_modifier_gets_a_share_of_the_boost():
    products = [SimpleNamespace(category=c) for c in ("클렌징폼", "필링/스크럽", "크림")]
    intent = QueryIntent(categories=("클렌징폼", "필링/스크럽"), modifier_categories=("클렌징폼",))
    weights = category_weights(products, intent, RankingParams(modifier_share=0.5))
    assert weights.tolist() == [0.5, 1.0, 0.0]


def test_query_words_unknown_to_the_catalog_shift_trust_to_semantic():
    from engine.ranking.rank import query_semantic_weight
    params = RankingParams(semantic_weight=0.5, known_share_slope=0.5, known_share_pivot=0.75)
    catalog_words = {"프로폴리스", "앰플", "코"}.__contains__
    keyword_style = query_semantic_weight(["프로폴리스", "앰플", "#프로"], catalog_words, params)
    everyday = query_semantic_weight(["코", "깨", "뿌려놓", "박히"], catalog_words, params)
    assert keyword_style < 0.5 < everyday
    assert query_semantic_weight(["깨"], catalog_words, params) <= 0.6
    off = RankingParams(semantic_weight=0.5, known_share_slope=0.0)
    assert query_semantic_weight(["깨"], catalog_words, off) == 0.5


def test_unknown_words_move_the_semantic_share_up_less_far_than_catalog_words_move_it_down():
    # The keyword side of a query the catalog has no word of still carries its concerns' review
    # words and its nouns' bigrams, so it keeps at least 0.4 of the mix; catalog words alone may
    # leave e5 only 0.2.
    from engine.ranking.rank import query_semantic_weight
    params = RankingParams(semantic_weight=0.5, known_share_slope=1.0, known_share_pivot=0.5)
    catalog_words = {"프로폴리스", "앰플"}.__contains__
    assert query_semantic_weight(["깨", "뿌려놓"], catalog_words, params) == pytest.approx(0.6)
    assert query_semantic_weight(["프로폴리스", "앰플"], catalog_words, params) == pytest.approx(0.2)


def test_terse_reviews_move_the_semantic_share_less():
    # Reviews of a few characters ("ㄹㅇ 순함") leave both sides weak: a query's unknown words
    # then say less about which side to trust.
    from engine.ranking.rank import query_semantic_weight
    params = RankingParams(semantic_weight=0.5, known_share_slope=0.5, known_share_pivot=0.75,
                           known_share_review_chars=20.0, semantic_weight_bounds=(0.2, 0.8))
    catalog_words = {"코"}.__contains__
    query = ["코", "깨", "뿌려놓", "박히"]
    vocal = query_semantic_weight(query, catalog_words, params, review_chars=24.0)
    terse = query_semantic_weight(query, catalog_words, params, review_chars=10.0)
    assert 0.5 < terse < vocal
    assert terse - 0.5 == pytest.approx((vocal - 0.5) / 2)
