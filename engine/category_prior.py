"""A category prior learned from the catalog: which categories a query points to when it names
no product type ("샤워할 때 쓰는 거", "애 데리고 워터파크 가는데 같이 바를 거").

Built once per loaded snapshot from the catalog's own text (pure: no I/O):
- terms: for each content word, in how many products of each category it occurs (listing or
  reviews); a query word's evidence for a category is its smoothed log-likelihood ratio there
  against the whole catalog (Bernoulli naive Bayes with a uniform category prior);
- vectors (the default): each category's centroid of its document vectors; the query
  vector's cosine to each centroid, as z-scores across the categories (so no cosine range of
  one embedding model is built in).
The query's distribution over categories is then gated: only when one or two categories hold
most of it do their products get a soft boost (`engine/hybrid.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np

from engine.corpus import Corpus
from engine.keyword import BIGRAM_PREFIX, Morpheme, index_terms


@dataclass(frozen=True)
class CategoryPrior:
    """Per-category statistics of one catalog."""

    categories: tuple[str, ...]
    product_category: np.ndarray        # int index into `categories` of each product row
    category_products: np.ndarray       # products per category
    term_rows: Mapping[str, int]        # term -> its row of `term_counts`
    term_counts: np.ndarray             # (terms, categories) products containing the term
    centroids: np.ndarray | None = None    # (categories, dim) unit mean vector of each category

    @property
    def size(self) -> int:
        return len(self.categories)


def build_category_prior(corpus: Corpus, morphemes: Sequence[Sequence[Morpheme]],
                         vectors: np.ndarray | None = None) -> CategoryPrior:
    """Count each content word's products per category; average each category's vectors."""
    categories = tuple(dict.fromkeys(p.category for p in corpus.products))
    column = {c: i for i, c in enumerate(categories)}
    product_category = np.fromiter((column[p.category] for p in corpus.products), np.int64,
                                   len(corpus.products))
    per_product: list[set[str]] = [set() for _ in corpus.products]
    for doc, doc_morphemes in enumerate(morphemes):
        per_product[int(corpus.doc_product[doc])].update(index_terms(doc_morphemes))
    term_rows: dict[str, int] = {}
    pairs = [(term_rows.setdefault(term, len(term_rows)), product_category[row])
             for row, terms in enumerate(per_product) for term in sorted(terms)]
    counts = np.zeros((len(term_rows), len(categories)), dtype=np.float32)
    if pairs:
        np.add.at(counts, tuple(np.asarray(pairs).T), 1)
    return CategoryPrior(
        categories=categories,
        product_category=product_category,
        category_products=np.bincount(product_category, minlength=len(categories)).astype(float),
        term_rows=term_rows,
        term_counts=counts,
        centroids=_centroids(corpus, vectors, categories),
    )


def _centroids(corpus: Corpus, vectors: np.ndarray | None,
               categories: Sequence[str]) -> np.ndarray | None:
    """Unit mean vector of each category's documents (contiguous rows, see engine/corpus.py)."""
    if vectors is None or vectors.shape[0] != corpus.document_count or not categories:
        return None
    sums = np.stack([vectors[slice(*corpus.category_rows[c])].sum(axis=0, dtype=np.float64)
                     for c in categories])
    norms = np.linalg.norm(sums, axis=1, keepdims=True)
    return sums / np.where(norms > 0, norms, 1.0)


def term_evidence(prior: CategoryPrior, terms: Sequence[str], smoothing: float,
                  min_products: int) -> np.ndarray:
    """Summed log-likelihood ratio of each category for the query's words (0 for none).

    A word in every category says nothing; a word whose products sit in one category says
    that category. Words in fewer than `min_products` products are too rare to judge.
    """
    evidence = np.zeros(prior.size)
    total = prior.category_products.sum()
    for term in dict.fromkeys(t for t in terms if not t.startswith(BIGRAM_PREFIX)):
        row = prior.term_rows.get(term)
        if row is None or prior.term_counts[row].sum() < min_products:
            continue
        counts = prior.term_counts[row].astype(float)
        inside = (counts + smoothing) / (prior.category_products + 2 * smoothing)
        overall = (counts.sum() + smoothing) / (total + 2 * smoothing)
        evidence += np.log(inside / overall)
    return evidence


def vector_evidence(prior: CategoryPrior, vector: np.ndarray | None,
                    scale: float) -> np.ndarray:
    """The query vector's cosine to each centroid as z-scores across categories, times `scale`
    (free of the embedding model's cosine range)."""
    if prior.centroids is None or vector is None or scale <= 0 or prior.size < 2:
        return np.zeros(prior.size)
    sims = prior.centroids @ vector
    spread = sims.std()
    return scale * (sims - sims.mean()) / spread if spread > 0 else np.zeros(prior.size)


def category_distribution(evidence: np.ndarray) -> np.ndarray:
    """Soft-max of the evidence into shares that sum to 1 (uniform when it says nothing)."""
    if evidence.size == 0:
        return evidence
    shifted = np.exp(evidence - evidence.max())
    return shifted / shifted.sum()


def dominant_categories(shares: np.ndarray, threshold: float,
                        most: int = 2) -> dict[int, float]:
    """The one or two categories that hold at least `threshold` of the shares, with their
    shares; empty when no such small set dominates."""
    if shares.size < 2:
        return {}
    order = np.argsort(-shares, kind="stable")[:most]
    held = 0.0
    for count, column in enumerate(order, start=1):
        held += float(shares[column])
        if held >= threshold:
            return {int(c): float(shares[c]) for c in order[:count]}
    return {}


def prior_weights(prior: CategoryPrior, dominant: Mapping[int, float]) -> np.ndarray:
    """Each product's boost share: its category's share when that category dominates, else 0."""
    share = np.zeros(prior.size)
    for column, value in dominant.items():
        share[column] = value
    return share[prior.product_category]

