"""The quote scorer: fitted weights choose among a product's sentences, a cut-off sends weak
lines to the listing, and the fitting script learns both from labels (hand-made pools, no
Kiwi or e5)."""

from dataclasses import replace

import numpy as np
import pytest

from bench.fit_quotes import Pair, fit_listwise, listing_threshold
from engine.ranking.params import RankingParams
from engine.ranking.quote_scorer import (FEATURES, QUOTE_MODEL, QuoteModel, SentenceFacts,
                                         named_in_type_only)
from engine.ranking.quotes import QuoteCandidate, QuotePool, pick_quote

LISTING = 0


def candidate(doc, similarity):
    return QuoteCandidate(doc, None, SentenceFacts((), similarity, similarity, 20, 5.0, 0, 1))


def pool(rows):
    """A pool of one-sentence reviews 1, 2, … with (similarity, need share, concern hit)."""
    features = np.array(rows, dtype=float)
    candidates = tuple(candidate(doc, row[0]) for doc, row in enumerate(rows, start=1))
    hand = features[:, 0] + 0.1 * (features[:, 1] + 0.5 * features[:, 2])
    return QuotePool(LISTING, 0.8, candidates, features, hand)


def test_a_sentence_that_names_the_need_beats_one_a_little_nearer_in_meaning():
    chosen = pick_quote(pool([(0.86, 0.0, 0.0), (0.85, 0.5, 0.0)]), RankingParams(),
                        QUOTE_MODEL, semantic=True)
    assert chosen.doc == 2


def test_a_far_nearer_sentence_still_wins_over_a_word_match():
    chosen = pick_quote(pool([(0.95, 0.0, 0.0), (0.85, 0.2, 0.0)]), RankingParams(),
                        QUOTE_MODEL, semantic=True)
    assert chosen.doc == 1


def test_the_listing_is_quoted_when_the_best_line_scores_under_the_cut_off():
    weak = pool([(0.80, 0.0, 0.0), (0.78, 0.0, 0.0)])
    model = QuoteModel(QUOTE_MODEL.weights, listing_below=0.9)
    assert pick_quote(weak, RankingParams(), model, semantic=True).doc == LISTING
    assert pick_quote(weak, RankingParams(), model, semantic=False).doc == 1  # keyword mode
    assert pick_quote(weak, RankingParams(), QUOTE_MODEL, semantic=True).doc == 1


def test_the_listing_is_quoted_when_no_review_is_a_candidate():
    empty = QuotePool(LISTING, 0.8, (), np.zeros((0, len(FEATURES))), np.zeros(0))
    assert pick_quote(empty, RankingParams(), QUOTE_MODEL, semantic=True).doc == LISTING


def test_with_the_model_off_the_hand_weights_choose():
    rows = [(0.86, 0.0, 0.0), (0.85, 0.0, 1.0)]  # a concern word: +0.05 by hand
    leaning = QuoteModel((1.0, 0.0, 0.0))
    assert pick_quote(pool(rows), RankingParams(), leaning, semantic=True).doc == 1
    hand = replace(RankingParams(), quote_model=False)
    assert pick_quote(pool(rows), hand, leaning, semantic=True).doc == 2


def synthetic_pairs(seed, count, unsupported=0):
    """Pools where the supported line uses a need word and sits lower in meaning
    than a generic line; `unsupported` more pools where nothing does, and all sit low."""
    rng = np.random.default_rng(seed)
    pairs = []
    for i in range(count + unsupported):
        has_support = i < count
        generic = [0.88 + rng.normal(0, 0.01), 0.0, 0.0]
        needed = [0.82 + rng.normal(0, 0.01), 0.5, 0.0]
        rows = np.array([generic, needed] if has_support
                        else [[0.80 + rng.normal(0, 0.005), 0.0, 0.0]] * 2)
        pairs.append(Pair("synthetic", f"q{i}", "paraphrase", True, has_support, rows,
                          rows[:, 0], np.array([False, has_support])))
    return pairs


def test_the_fit_learns_what_the_labels_reward():
    weights = fit_listwise(synthetic_pairs(0, 60), [0, 1, 2], l2=0.001)
    assert weights[1] > 0.12  # by hand (0.1) the nearer generic line would win
    held_out = synthetic_pairs(1, 40)
    assert all(p.supported[int(np.argmax(p.features @ weights))] for p in held_out)


@pytest.mark.parametrize("unsupported, cut_expected", [(0, False), (30, True)])
def test_the_listing_cut_off_is_learned_only_where_it_pays(unsupported, cut_expected):
    pairs = synthetic_pairs(2, 60, unsupported)
    weights = fit_listwise(pairs, [0, 1, 2], l2=0.001)
    cut = listing_threshold(pairs, weights)
    assert np.isfinite(cut) == cut_expected
    if cut_expected:
        best = [float(np.max(p.features @ weights)) for p in pairs]
        assert all((score >= cut) == p.has_support for score, p in zip(best, pairs))


@pytest.mark.parametrize("text, named", [
    ("수분크림 여러 개 써봤는데 이게 제일 나아요", {"수분"}),   # the type's own name
    ("수분 크림 샀는데 수분이 꽉 차요", set()),                # and the need said outright
    ("시카 토너 여러 개 써봤는데 순해요", {"시카"}),           # the need word fronting the type
    ("시카 성분이라 그런지 순해요", set()),
])
def test_a_need_word_used_only_in_the_product_types_name_is_found(text, named):
    type_words = {"수분크림"} if "수분" in text else {"토너"}
    assert named_in_type_only({"수분", "시카"}, text, type_words) == named
