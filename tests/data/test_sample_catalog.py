"""The shipped sample catalog: size, spread, realism rules, and separation from the eval set."""

import json
from collections import Counter
from pathlib import Path

import pytest

from engine.catalog import load_catalog
from engine.settings import DEFAULT_CATALOG

DEV_CATALOG = Path(__file__).resolve().parents[3] / "shared" / "eval" / "dev" / "catalog.jsonl"


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(DEFAULT_CATALOG)


@pytest.fixture(scope="module")
def reviews(catalog):
    return [review for product in catalog.products for review in product.reviews]


def test_sample_catalog_loads_without_warnings(catalog):
    assert catalog.warnings == ()


def test_size_and_reviews_per_product(catalog, reviews):
    assert len(catalog.products) >= 300
    assert len(reviews) >= 1500
    per_product = [len(p.reviews) for p in catalog.products]
    assert min(per_product) >= 2 and max(per_product) <= 12


def test_categories_are_spread_and_written_one_way(catalog):
    counts = Counter(p.category for p in catalog.products)
    assert len(counts) >= 12
    assert min(counts.values()) >= 10
    squashed = Counter(c.replace(" ", "").replace("/", "").lower() for c in counts)
    assert max(squashed.values()) == 1


def test_several_products_per_brand(catalog):
    brands = Counter(p.brand for p in catalog.products)
    assert len(brands) >= 10
    assert min(brands.values()) >= 3


def test_at_least_a_quarter_of_reviews_are_mixed_or_negative(reviews):
    assert sum(r.rating <= 3 for r in reviews) / len(reviews) >= 0.25


def test_review_texts_are_unique(reviews):
    texts = [r.text for r in reviews]
    assert len(set(texts)) == len(texts)


def test_no_sentence_skeleton_repeats(reviews):
    prefixes = Counter(" ".join(r.text.split()[:3]) for r in reviews)
    crowded = sum(1 for r in reviews if prefixes[" ".join(r.text.split()[:3])] >= 11)
    assert crowded / len(reviews) <= 0.02


def test_prices_fit_the_category(catalog):
    for product in catalog.products:
        assert 1_000 <= product.price <= 300_000, product.product_id


@pytest.mark.skipif(not DEV_CATALOG.exists(), reason="shared eval set not beside the repo")
def test_eval_set_products_and_reviews_are_not_copied(catalog, reviews):
    dev = [json.loads(line) for line in DEV_CATALOG.read_text(encoding="utf-8").splitlines() if line]
    dev_reviews = {r["text"] for product in dev for r in product["reviews"]}
    dev_names = {product["name"] for product in dev}
    assert not dev_reviews & {r.text for r in reviews}
    assert not dev_names & {p.name for p in catalog.products}
