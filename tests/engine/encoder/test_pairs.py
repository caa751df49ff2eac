"""Training triplets from the catalog alone: who is the query, who the positive, who the negative."""

from __future__ import annotations

import pytest

from engine.catalog import load_catalog
from engine.encoder.pairs import LOW_RATING, QUERY_PREFIX, PASSAGE_PREFIX, training_triplets
from engine.keyword import MorphemeAnalyzer
from engine.lexicons import Lexicons
from engine.ranking.params import GOOD_RATING
from engine.understanding import load_user_words


@pytest.fixture(scope="module")
def sample():
    from tests.engine.encoder.conftest import ROOT

    catalog = load_catalog(ROOT / "data" / "catalog.jsonl")
    analyzer = MorphemeAnalyzer(load_user_words())
    return catalog, analyzer.analyze, Lexicons.load().concerns


def owners(catalog):
    """Each review text's products, rating and category (a text may repeat across products)."""
    found: dict[str, list[tuple[str, int, str]]] = {}
    for product in catalog.products:
        for review in product.reviews:
            found.setdefault(review.text, []).append((product.product_id, review.rating,
                                                      product.category))
    return found


def test_review_triplets_pair_a_product_with_itself_against_a_rival(sample):
    catalog, analyze, concerns = sample
    triplets = training_triplets(catalog, analyze, concerns, listings=False)
    assert len(triplets) > 100
    reviews = owners(catalog)
    for triplet in triplets:
        query_owner = {p for text, rows in reviews.items() if triplet.query in text
                       for p, rating, _ in rows if rating >= GOOD_RATING}
        positive_owner = {p for p, rating, _ in reviews[triplet.positive] if rating >= GOOD_RATING}
        assert query_owner & positive_owner, triplet
        categories = {c for p, _, c in reviews[triplet.positive] if p in positive_owner}
        rivals = {p for p, _, c in reviews[triplet.negative] if c in categories}
        assert rivals - (query_owner & positive_owner), triplet


def test_complaints_are_the_hard_negatives_where_a_rival_has_them(sample):
    catalog, analyze, concerns = sample
    triplets = training_triplets(catalog, analyze, concerns, listings=False)
    reviews = owners(catalog)
    complaints = [t for t in triplets
                  if all(rating <= LOW_RATING for _, rating, _ in reviews[t.negative])]
    assert complaints  # the sample catalog has low-rated reviews naming the same concerns


def test_listings_query_their_own_good_reviews(sample):
    catalog, analyze, concerns = sample
    with_listings = training_triplets(catalog, analyze, concerns)
    names = {p.name: p for p in catalog.products}
    listing_triplets = [t for t in with_listings if t.query.split(". ")[0] in names]
    assert listing_triplets
    for triplet in listing_triplets:
        product = names[triplet.query.split(". ")[0]]
        assert triplet.positive in {r.text for r in product.reviews if r.rating >= GOOD_RATING}


def test_the_order_depends_only_on_the_seed(sample):
    catalog, analyze, concerns = sample
    first = training_triplets(catalog, analyze, concerns, seed=3)
    assert first == training_triplets(catalog, analyze, concerns, seed=3)
    assert first != training_triplets(catalog, analyze, concerns, seed=4)
    query, positive, negative = first[0].texts()
    assert query.startswith(QUERY_PREFIX) and positive.startswith(PASSAGE_PREFIX)
    assert negative.startswith(PASSAGE_PREFIX)
