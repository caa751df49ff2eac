"""The two plain baselines that docs/quality.md compares every mode with (pure rankers).

- e5-max: cosine similarity of the query to every review and listing, product score = max.
- bm25-product: BM25 over all kiwipiepy morphemes (punctuation dropped), one document per
  product; no synonyms, no bigrams, no query understanding.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from engine.keyword import KeywordIndex, Morpheme
from engine.ranking.fusion import top_products
from engine.search_index import SearchIndex

BASELINES = ("e5-max", "bm25-product")


def plain_terms(morphemes: Sequence[Morpheme]) -> list[str]:
    """Every morpheme form except punctuation and symbols."""
    return [m.form for m in morphemes if not m.tag.startswith("S") or m.tag in ("SL", "SH", "SN")]


def category_mask(index: SearchIndex, categories: Sequence[str]) -> np.ndarray:
    products = index.corpus.products
    if not categories:
        return np.ones(len(products), dtype=bool)
    return np.fromiter((p.category in set(categories) for p in products), bool, len(products))


def e5_max_ranking(index: SearchIndex, vector: np.ndarray, categories: Sequence[str],
                   top_n: int) -> list[str]:
    """Product ids by the best cosine similarity among their documents."""
    best = np.full(len(index.corpus.products), -np.inf)
    np.maximum.at(best, index.corpus.doc_product, index.vectors @ vector)
    rows = top_products(best, category_mask(index, categories), top_n)
    return [index.corpus.products[row].product_id for row, _ in rows]


class Bm25ProductBaseline:
    """Plain BM25 with one document per product, built from the snapshot's morphemes."""

    def __init__(self, index: SearchIndex) -> None:
        terms: list[list[str]] = [[] for _ in index.corpus.products]
        for doc, morphemes in enumerate(index.morphemes):
            terms[int(index.corpus.doc_product[doc])].extend(plain_terms(morphemes))
        self._index = index
        self._bm25 = KeywordIndex.build(terms, k1=1.5, b=0.75)

    def ranking(self, morphemes: Sequence[Morpheme], categories: Sequence[str],
                top_n: int) -> list[str]:
        scores = self._bm25.scores(plain_terms(morphemes))
        rows = top_products(scores, category_mask(self._index, categories), top_n)
        return [self._index.corpus.products[row].product_id for row, _ in rows]
