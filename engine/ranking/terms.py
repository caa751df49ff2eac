"""The keyword side's query terms: the query's content words, the words of the traits it turns
down left out, its concerns' review words, and the expansion drawn from the first-ranked products
(pure: no I/O, no Kiwi)."""

from __future__ import annotations

from typing import Callable, Sequence

import numpy as np

from engine.keyword import (Morpheme, compound_parts, feedback_terms, index_terms,
                            query_term_weights, spaced_compounds)
from engine.ranking.fusion import top_products
from engine.ranking.params import GOOD_RATING, RankingParams
from engine.ranking.quotes import product_documents
from engine.search_index import SearchIndex
from engine.understanding import QueryIntent, disliked_trait_positions


def feedback_scores(index: SearchIndex, terms: Sequence[str], first: np.ndarray,
                    candidates: np.ndarray, params: RankingParams) -> np.ndarray:
    """Keyword scores of the expansion terms drawn from the best first-ranked products."""
    feedback = [(_product_keyword_terms(index, row), score)
                for row, score in top_products(first, candidates, params.feedback_products)]
    expansion = feedback_terms(feedback, terms, index.keyword.document_frequency,
                               len(index.corpus.products), params.feedback_terms,
                               params.feedback_weight)
    return index.keyword.weighted_scores(expansion)


def _product_keyword_terms(index: SearchIndex, row: int) -> list[str]:
    """A product's keyword document as the index holds it: listing and well-rated reviews."""
    ratings = index.corpus.doc_rating
    return [term for doc in product_documents(index, row)
            if not ratings[doc] < GOOD_RATING  # NaN (the listing) stays
            for term in index_terms(index.morphemes[doc], noun_bigrams=True)]


def query_terms(morphemes: Sequence[Morpheme], knows: Callable[[str], bool]) -> list[str]:
    """The query's keyword terms: its content words with noun bigrams, the catalog words its
    unspaced compounds are made of and those its spaced nouns make together."""
    terms = index_terms(morphemes, noun_bigrams=True)
    terms = terms + [part for part in compound_parts(morphemes, knows) if part not in terms]
    return terms + [word for word in spaced_compounds(morphemes, knows) if word not in terms]


def keyword_query_terms(morphemes: Sequence[Morpheme], intent: QueryIntent,
                        terms: list[str], params: RankingParams,
                        knows: Callable[[str], bool]) -> list[str]:
    """The query's BM25 terms (`terms`, from `query_terms`), without the words of the traits
    it turns down by a dislike."""
    if not (params.use_absence and params.drop_denied_terms and intent.absent_traits):
        return terms
    denied = disliked_trait_positions(morphemes, intent.absent_traits)
    if not denied:
        return terms
    return query_terms([m for i, m in enumerate(morphemes) if i not in denied], knows)


def keyword_term_weights(morphemes: Sequence[Morpheme], intent: QueryIntent,
                         terms: list[str], params: RankingParams,
                         knows: Callable[[str], bool]) -> list[tuple[str, float]]:
    """The weighted BM25 terms of the query: `keyword_query_terms` at their usual weights, but
    a category word that only sets the scene ("아이섀도 바르면 … 주름에 껴요") at
    `scene_term_share` of its weight: every review of that kind of product names it, while
    the reviews of the product wanted (a primer, a remover) name it only in passing."""
    kept = keyword_query_terms(morphemes, intent, terms, params, knows)
    weighted = query_term_weights(kept, params.bigram_weight)
    if not (params.use_categories and intent.scene_spans):
        return weighted
    others = [m for m in morphemes
              if not any(start <= m.start < end for start, end in intent.scene_spans)]
    rest = set(keyword_query_terms(others, intent, query_terms(others, knows), params, knows))
    return [(term, weight if term in rest else weight * params.scene_term_share)
            for term, weight in weighted]


def concern_term_weights(intent: QueryIntent, params: RankingParams) -> list[tuple[str, float]]:
    """The review words of the query's concerns, each at its share of `concern_weight` (a query
    word weighs 1)."""
    if not params.concern_weight:
        return []
    return [(term, params.concern_weight * share) for term, share in intent.concern_terms]
