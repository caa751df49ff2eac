"""The keyword side's query terms: the query's content words, the words of the traits it turns
down left out where the catalog's reviews name them to complain, its concerns' review words,
and the expansion drawn from the first-ranked products (no I/O, no Kiwi)."""

from __future__ import annotations

from typing import Callable, Sequence

import numpy as np

from engine.corpus import LISTING
from engine.keyword import (BIGRAM_PREFIX, Morpheme, compound_parts, feedback_terms,
                            index_terms, query_term_weights, spaced_compounds)
from engine.ranking.fusion import top_products
from engine.ranking.params import GOOD_RATING, RankingParams
from engine.ranking.quotes import product_documents
from engine.search_index import SearchIndex
from engine.understanding import (GENERAL_WORDS, AbsenceCue, QueryIntent, complaint_share,
                                  disliked_trait_positions)


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


def names_something(terms: Sequence[str], knows: Callable[[str], bool]) -> bool:
    """Whether the query shares with the catalog a word that says what it wants: one the
    catalog knows beyond the words any request uses ("있", "하", "얼굴", "제품")."""
    return any(knows(term) for term in terms
               if not term.startswith(BIGRAM_PREFIX) and term not in GENERAL_WORDS)


def keyword_query_terms(morphemes: Sequence[Morpheme], intent: QueryIntent,
                        terms: list[str], params: RankingParams,
                        knows: Callable[[str], bool],
                        complained: Callable[[AbsenceCue], bool] | None = None) -> list[str]:
    """The query's BM25 terms (`terms`, from `query_terms`), without the words of the traits
    it turns down by a dislike that the catalog's reviews name mostly to complain of
    (`complained`; all of them without it)."""
    if not (params.use_absence and params.drop_denied_terms and intent.absent_traits):
        return terms
    cues = [cue for cue in intent.absent_traits if complained is None or complained(cue)]
    denied = disliked_trait_positions(morphemes, cues)
    if not denied:
        return terms
    return query_terms([m for i, m in enumerate(morphemes) if i not in denied], knows)


def keyword_term_weights(morphemes: Sequence[Morpheme], intent: QueryIntent,
                         terms: list[str], params: RankingParams,
                         knows: Callable[[str], bool],
                         complained: Callable[[AbsenceCue], bool] | None = None
                         ) -> list[tuple[str, float]]:
    """The weighted BM25 terms of the query: `keyword_query_terms` at their usual weights, but
    a category word that only sets the scene ("아이섀도 바르면 … 주름에 껴요") at
    `scene_term_share` of its weight: every review of that kind of product names it, while
    the reviews of the product wanted (a primer, a remover) name it only in passing."""
    kept = keyword_query_terms(morphemes, intent, terms, params, knows, complained)
    weighted = query_term_weights(kept, params.bigram_weight)
    if not (params.use_categories and intent.scene_spans):
        return weighted
    others = [m for m in morphemes
              if not any(start <= m.start < end for start, end in intent.scene_spans)]
    rest = set(keyword_query_terms(others, intent, query_terms(others, knows), params, knows,
                                   complained))
    return [(term, weight if term in rest else weight * params.scene_term_share)
            for term, weight in weighted]


def concern_term_weights(intent: QueryIntent, params: RankingParams) -> list[tuple[str, float]]:
    """The review words of the query's concerns, each at its share of `concern_weight` (a query
    word weighs 1)."""
    if not params.concern_weight:
        return []
    return [(term, params.concern_weight * share) for term, share in intent.concern_terms]


_COMPLAINT_SHARES: dict[tuple[str, AbsenceCue], float | None] = {}
_REVIEWS_READ = 500  # reviews naming a trait read for its complaint share, at most


def complained_of(index: SearchIndex, params: RankingParams) -> Callable[[AbsenceCue], bool]:
    """Whether the catalog's reviews name a trait mostly to complain of it (at least
    `drop_complained_share` of those reporting on it), so that its words in a query that turns
    it down would match complaints; per snapshot and trait, worked out once."""
    def complained(cue: AbsenceCue) -> bool:
        key = (index.snapshot_id, cue)
        if key not in _COMPLAINT_SHARES:
            if len(_COMPLAINT_SHARES) > 4096:
                _COMPLAINT_SHARES.clear()
            _COMPLAINT_SHARES[key] = complaint_share(_naming_reviews(index, cue), cue)
        share = _COMPLAINT_SHARES[key]
        return share is None or share >= params.drop_complained_share
    return complained


def _naming_reviews(index: SearchIndex, cue: AbsenceCue) -> list[tuple[Morpheme, ...]]:
    """Reviews whose morphemes, run together, spell a word of the trait (a superset of those
    `complaint_share` finds naming it: "끈적끈적", "떡"+"지")."""
    reviews = []
    for doc, morphemes in enumerate(index.morphemes or ()):
        spelled = "".join(m.form for m in morphemes)
        if index.corpus.doc_review[doc] != LISTING and any(w in spelled for w in cue.words):
            reviews.append(morphemes)
            if len(reviews) == _REVIEWS_READ:
                break
    return reviews
