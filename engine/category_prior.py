"""A category prior learned from the catalog: which categories a query points to when it names
no product type ("샤워할 때 쓰는 거", "애 데리고 워터파크 가는데 같이 바를 거").

Built once per loaded snapshot (pure: no I/O): each category's centroid of its document
vectors. A query's evidence for a category is its vector's cosine to the centroid, as a
z-score across the categories, so no cosine range of one embedding model is built in. The
query's distribution over categories is then gated: only when one or two categories hold
most of it do their products get a soft boost (`engine/ranking/rank.py`). A word-count (naive
Bayes) source was measured and dropped: one misleading word decided it (docs/quality.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

import numpy as np

from engine.corpus import Corpus


@dataclass(frozen=True)
class CategoryPrior:
    """The categories of one catalog, each product's category and each category's centroid."""

    categories: tuple[str, ...]
    product_category: np.ndarray  # int index into `categories` of each product row
    centroids: np.ndarray         # (categories, dim) unit mean vector of each category

    @property
    def size(self) -> int:
        return len(self.categories)


def build_category_prior(corpus: Corpus, vectors: np.ndarray) -> CategoryPrior | None:
    """Each category's unit mean document vector (rows are contiguous, see engine/corpus.py);
    None when the vectors do not fit the corpus."""
    categories = tuple(dict.fromkeys(p.category for p in corpus.products))
    if not categories or vectors.ndim != 2 or vectors.shape[0] != corpus.document_count:
        return None
    column = {c: i for i, c in enumerate(categories)}
    product_category = np.fromiter((column[p.category] for p in corpus.products), np.int64,
                                   len(corpus.products))
    sums = np.stack([vectors[slice(*corpus.category_rows[c])].sum(axis=0, dtype=np.float64)
                     for c in categories])
    norms = np.linalg.norm(sums, axis=1, keepdims=True)
    return CategoryPrior(categories, product_category, sums / np.where(norms > 0, norms, 1.0))


def vector_evidence(prior: CategoryPrior, vector: np.ndarray | None,
                    scale: float) -> np.ndarray:
    """The query vector's cosine to each centroid as z-scores across categories, times `scale`
    (free of the embedding model's cosine range)."""
    if vector is None or scale <= 0 or prior.size < 2:
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
