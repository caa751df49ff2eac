"""Pure score fusion for hybrid search: normalise each signal over the candidates, then mix.

Measured on the dev set (docs/quality.md): a convex mix of min-max normalised scores beat
reciprocal-rank fusion (k=10 and k=60) and z-score mixing, with the weight flat near 0.5.
"""

from __future__ import annotations

import numpy as np


def normalise(scores: np.ndarray, candidates: np.ndarray) -> np.ndarray:
    """Min-max scale scores to [0, 1] over the candidate products; all-equal scores give zeros."""
    out = np.zeros(scores.shape, dtype=np.float64)
    if not candidates.any():
        return out
    values = scores[candidates]
    low, high = float(values.min()), float(values.max())
    if high > low:
        out = (scores - low) / (high - low)
    return out


def normalise_with_floor(scores: np.ndarray, candidates: np.ndarray, floor: float) -> np.ndarray:
    """Scale scores from their minimum over the candidates by their range, or by `floor` when
    the range is narrower, so the best candidate reaches 1 only when it stands `floor` above
    the worst. `floor=0` is plain min-max."""
    out = np.zeros(scores.shape, dtype=np.float64)
    if not candidates.any():
        return out
    values = scores[candidates]
    low, high = float(values.min()), float(values.max())
    span = max(high - low, floor)
    if span > 0:
        out = (scores - low) / span
    return out


def fuse_scores(semantic: np.ndarray, keyword: np.ndarray, semantic_weight: float,
                candidates: np.ndarray, semantic_floor: float = 0.0) -> np.ndarray:
    """Convex mix of the normalised semantic and keyword product scores.

    Cosine similarities share one scale across queries, so with `semantic_floor` a semantic
    side whose candidates all lie within a narrow band of similarity (no clear winner for e5)
    weighs less than its share; BM25 scores have no such scale and stay min-max.
    """
    return (semantic_weight * normalise_with_floor(semantic, candidates, semantic_floor)
            + (1.0 - semantic_weight) * normalise(keyword, candidates))


def rating_discount(doc_scores: np.ndarray, doc_rating: np.ndarray, per_star: float,
                    neutral: float) -> np.ndarray:
    """Lower each review document's score by `per_star` for every star below `neutral`.

    A low-rated review that matches a need usually reports the product failing at it
    ("건조해서 하루 종일 땡겼어요" ★2), so it is weaker evidence that the product meets it.
    Listing documents (NaN rating) are unchanged.
    """
    shortfall = np.nan_to_num(np.maximum(neutral - doc_rating, 0.0), nan=0.0)
    return doc_scores - per_star * shortfall


def reciprocal_rank_fusion(score_lists: list[np.ndarray], candidates: np.ndarray,
                           k: float = 60.0) -> np.ndarray:
    """Sum of 1 / (k + rank) over the signals; kept for comparison in evaluations."""
    fused = np.zeros(candidates.shape, dtype=np.float64)
    for scores in score_lists:
        masked = np.where(candidates, scores, -np.inf)
        order = np.argsort(-masked, kind="stable")
        ranks = np.empty(len(order), dtype=np.float64)
        ranks[order] = np.arange(1, len(order) + 1)
        fused += 1.0 / (k + ranks)
    return fused


def soft_max_by_product(doc_scores: np.ndarray, doc_product: np.ndarray, product_count: int,
                        temperature: float, top_k: int | None = None) -> np.ndarray:
    """Per product, a smooth maximum of its documents' scores (log-sum-exp at `temperature`).

    Near the plain max, but a product with several matching reviews edges out one with a
    single lucky match. With `top_k`, only each product's best `top_k` documents count, so the
    edge is at most `temperature * ln(top_k)` however many reviews a product has (without it,
    products with many reviews win by count). `temperature=0` is the plain max. Products
    without documents get -inf.
    """
    best = np.full(product_count, -np.inf)
    np.maximum.at(best, doc_product, doc_scores)
    if temperature <= 0:
        return best
    keep = np.isfinite(doc_scores)
    if top_k is not None:
        keep &= _rank_within_product(doc_scores, doc_product) < top_k
    weights = np.zeros(doc_scores.shape, dtype=np.float64)
    weights[keep] = np.exp((doc_scores[keep] - best[doc_product[keep]]) / temperature)
    sums = np.zeros(product_count)
    np.add.at(sums, doc_product, weights)
    with np.errstate(divide="ignore"):
        return np.where(sums > 0, best + temperature * np.log(sums), best)


def _rank_within_product(doc_scores: np.ndarray, doc_product: np.ndarray) -> np.ndarray:
    """0 for each product's best document, 1 for its second best, and so on."""
    order = np.lexsort((-doc_scores, doc_product))
    grouped = doc_product[order]
    first = np.r_[True, grouped[1:] != grouped[:-1]]
    group_start = np.maximum.accumulate(np.where(first, np.arange(len(order)), 0))
    ranks = np.empty(len(order), dtype=np.int64)
    ranks[order] = np.arange(len(order)) - group_start
    return ranks


def top_products(scores: np.ndarray, candidates: np.ndarray, top_n: int) -> list[tuple[int, float]]:
    """The best candidate product rows with their scores, ties broken by row."""
    rows = np.flatnonzero(candidates)
    if rows.size == 0:
        return []
    order = rows[np.lexsort((rows, -scores[rows]))][:top_n]
    return [(int(row), float(scores[row])) for row in order]
