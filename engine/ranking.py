"""Pure ranking: turn document hits into ranked products with their best evidence.

Score of a product (semantic mode): the highest cosine similarity among its documents that
the search returned (its reviews and its listing). The evidence is the best-matching review;
the listing is used only when no review of the product was among the hits.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.corpus import LISTING, Corpus


@dataclass(frozen=True)
class ProductHit:
    """A product's aggregated score and the document rows that support it."""

    product_row: int
    score: float
    best_review_doc: int | None
    best_review_similarity: float
    best_doc: int


def aggregate_by_product(corpus: Corpus, doc_rows: np.ndarray, similarities: np.ndarray,
                         top_n: int) -> list[ProductHit]:
    """Group document hits (best first) into the top_n products by max similarity."""
    best: dict[int, list] = {}
    for row, sim in zip(doc_rows.tolist(), similarities.tolist()):
        product_row = int(corpus.doc_product[row])
        is_review = int(corpus.doc_review[row]) != LISTING
        entry = best.get(product_row)
        if entry is None:
            entry = best[product_row] = [sim, row, None, float("-inf")]
        elif sim > entry[0]:
            entry[0], entry[1] = sim, row
        if is_review and sim > entry[3]:
            entry[2], entry[3] = row, sim
    ranked = sorted(best.items(), key=lambda item: (-item[1][0], item[0]))[:top_n]
    return [
        ProductHit(product_row=product_row, score=float(score), best_review_doc=review_doc,
                   best_review_similarity=float(review_sim) if review_doc is not None else 0.0,
                   best_doc=best_doc)
        for product_row, (score, best_doc, review_doc, review_sim) in ranked
    ]
