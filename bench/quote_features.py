"""Figures of a quote candidate the engine's scorer does not use, for `bench/fit_quotes.py
--explore`: each was tried beside the scorer's own figures and added nothing on
leave-one-catalog-out (docs/quality.md), so they live here, where a new one can be tried the
same way before the engine computes it.
"""

from __future__ import annotations

import math
from typing import Callable

import numpy as np

from engine.keyword import BIGRAM_PREFIX
from engine.query_plan import QueryPlan
from engine.ranking.quote_scorer import QuoteReading, concern_hit, root, sentence_terms
from engine.ranking.quotes import QuoteCandidate, QuotePool
from engine.search_index import SearchIndex
from engine.understanding import is_contrast, is_negated, negated_positions

SHORT_CHARS = 10

EXTRA_FEATURES = ("sentence_similarity", "need_idf_share", "names_type_only", "denies_need",
                  "log_chars", "short", "contrast", "rating_5", "first_sentence",
                  "whole_review", "rare_words", "direct_concern_hit", "need_count",
                  "listing_similarity", "centrality", "generic", "type_specific",
                  "similarity_z")


def extra_features(index: SearchIndex, plan: QueryPlan, pool: QuotePool,
                   reading: QuoteReading) -> np.ndarray:
    """(candidates, EXTRA_FEATURES) for one product's pool."""
    rarity = catalog_rarity(index)
    denied = frozenset(root(plan.morphemes[i].form.lower())
                       for i in negated_positions(plan.morphemes))
    direct = {root(term): share for term, share in plan.intent.concern_terms}
    rows = [_sentence_row(c, reading, rarity, denied, direct) for c in pool.candidates]
    sentence = np.array(rows, dtype=float).reshape(len(rows), 13)
    return np.hstack([sentence, _meaning(index, pool)])


def _sentence_row(candidate: QuoteCandidate, reading: QuoteReading,
                  rarity: Callable[[str], float], denied: frozenset[str],
                  direct: dict[str, float]) -> list[float]:
    facts = candidate.facts
    terms = sentence_terms(facts.morphemes)
    need = reading.need
    weights = {t: rarity(t) for t in need}
    total = sum(weights.values())
    idf_share = sum(weights[t] for t in terms & need) / total if total else 0.0
    type_only = float(bool(terms & reading.type_terms) and not terms & need
                      and not concern_hit(terms, reading.concerns))
    words = [t for t in terms if not t.startswith(BIGRAM_PREFIX)]
    morphemes = facts.morphemes
    denies = any(root(m.form.lower()) in need and root(m.form.lower()) not in denied
                 and is_negated(morphemes, i) for i, m in enumerate(morphemes))
    return [facts.sentence_similarity, idf_share, type_only, float(denies),
            math.log1p(facts.chars) / math.log(100), float(facts.chars < SHORT_CHARS),
            float(any(is_contrast(morphemes, j) for j in range(len(morphemes)))),
            float(facts.rating >= 5), float(facts.position == 0), float(facts.sentences == 1),
            sum(map(rarity, words)) / len(words) if words else 0.0,
            concern_hit(terms, direct), math.log1p(len([t for t in terms & need
                                                        if not t.startswith(BIGRAM_PREFIX)]))]


def _meaning(index: SearchIndex, pool: QuotePool) -> np.ndarray:
    """Each sentence's cosine to its listing, its mean cosine to the product's other
    candidates' reviews, its cosine to the catalog's centroid, to its category's centroid less
    that, and its similarity's z-score within the pool."""
    count = len(pool.candidates)
    figures = np.zeros((count, 5))
    if not count:
        return figures
    vectors = np.stack([_vector(index, c) for c in pool.candidates]).astype(float)
    figures[:, 0] = vectors @ index.vectors[pool.listing]
    docs = sorted({c.doc for c in pool.candidates})
    cosines = vectors @ index.vectors[docs].T.astype(float)
    others = np.array([[d != c.doc for d in docs] for c in pool.candidates])
    counts = others.sum(axis=1)
    figures[:, 1] = np.where(counts > 0, (cosines * others).sum(axis=1) / np.maximum(counts, 1),
                             0.0)
    prior = index.category_prior
    if prior is not None and prior.size:
        centroid = prior.centroids.mean(axis=0)
        centroid = centroid / (np.linalg.norm(centroid) or 1.0)
        own = prior.centroids[prior.product_category[index.corpus.doc_product[pool.listing]]]
        figures[:, 2] = vectors @ centroid
        figures[:, 3] = vectors @ own - figures[:, 2]
    similarities = np.array([c.similarity for c in pool.candidates])
    spread = similarities.std()
    figures[:, 4] = (similarities - similarities.mean()) / spread if spread > 0 else 0.0
    return figures


def _vector(index: SearchIndex, candidate: QuoteCandidate) -> np.ndarray:
    table = index.sentences
    if candidate.span is not None and table.vectors is not None:
        for row in table.rows_of(candidate.doc):
            if (int(table.start[row]), int(table.stop[row])) == candidate.span:
                return table.vectors[row]
    return index.vectors[candidate.doc]


def catalog_rarity(index: SearchIndex) -> Callable[[str], float]:
    """A term's inverse document frequency over the catalog's products, scaled to [0, 1]."""
    keyword = index.keyword
    documents = keyword.document_count
    top = math.log(documents + 1)

    def rarity(term: str) -> float:
        df = keyword.document_frequency(term)
        return math.log((documents + 1) / (df + 1)) / top if df else 0.0
    return rarity
