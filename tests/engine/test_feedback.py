"""Pseudo-relevance feedback: expansion terms from the best first-ranked products."""

import pytest

from engine.keyword import KeywordIndex, feedback_terms

CATALOG = [
    ["각질", "건조", "보습", "바디로션", "촉촉"],
    ["각질", "건조", "보습", "크림"],
    ["향", "머스크", "향수"],
    ["각질", "스크럽", "보습"],
]


def expand(products, query, term_count=3, weight=0.2):
    index = KeywordIndex.build(CATALOG)
    return feedback_terms(products, query, index.document_frequency, len(CATALOG), term_count,
                          weight)


def test_words_the_top_products_share_are_added_below_a_query_words_weight():
    terms = dict(expand([(CATALOG[0], 1.0), (CATALOG[1], 0.8)], ["정강이", "허옇"]))
    assert {"각질", "건조"} <= set(terms)
    assert max(terms.values()) == pytest.approx(0.2)


def test_query_words_bigrams_and_words_of_a_single_product_are_never_added():
    terms = dict(expand([(CATALOG[0] + ["#바디", "#로션"], 1.0)], ["건조"], term_count=10))
    assert "건조" not in terms
    assert not any(t.startswith("#") for t in terms)
    assert "바디로션" not in terms and "촉촉" not in terms  # only the first product has them


def test_a_higher_ranked_product_weighs_more():
    index = KeywordIndex.build([["각질", "보습"], ["각질"], ["향", "보습"], ["향"]])
    terms = dict(feedback_terms([(["각질", "보습"], 1.0), (["향", "보습"], 0.2)], ["정강이"],
                                index.document_frequency, 4, 10, 0.2))
    assert terms["각질"] > terms["향"] > 0


def test_no_feedback_no_terms():
    assert expand([], ["건조"]) == []
    assert expand([(CATALOG[0], 1.0)], ["건조"], term_count=0) == []


def test_document_frequency_counts_documents_not_occurrences():
    index = KeywordIndex.build([["보습", "보습"], ["보습"], ["향"]])
    assert index.document_frequency("보습") == 2
    assert index.document_frequency("없는말") == 0
