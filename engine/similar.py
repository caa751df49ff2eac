"""Products like a given one: the same product type, praised for the same things.

"Similar" means what a shopper who liked the product would try next: a product of its type
(its category first), whose good reviews praise it for the concerns the given product's good
reviews name (a rich barrier cream for dry skin → another cream that reviewers call 촉촉, not an
oily-skin gel cream). So the comparison reads the well-rated reviews and the listing only: a
complaint ("바르면 하얗게 겉돌아요") is never what makes two products alike, nor a quote.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import numpy as np

from engine.corpus import LISTING
from engine.errors import InvalidQueryError
from engine.models import SearchResponse
from engine.query_plan import QueryPlan
from engine.ranking.params import GOOD_RATING, RankingParams
from engine.ranking.rank import RankedProduct, rank_for_query
from engine.results import search_result
from engine.search_index import SearchIndex
from engine.settings import SearchMode
from engine.understanding import ConcernLexicon, QueryIntent

PRAISED_CONCERNS = 3       # the source's most-named concerns that make another product alike
CONCERN_BONUS = 0.1        # score per praised concern a candidate's good reviews share
SHORTLIST_FACTOR = 3       # candidates ranked before the praise check, per result wanted


def similar_products(index: SearchIndex, product_id: str, params: RankingParams, top_n: int,
                     concerns: ConcernLexicon) -> SearchResponse:
    """The `top_n` products most like `product_id` (its own category first)."""
    row = next((r for r, p in enumerate(index.corpus.products) if p.product_id == product_id), -1)
    if row < 0:
        raise InvalidQueryError(f"unknown product {product_id!r}")
    source = index.corpus.products[row]
    praised = praised_concerns(index, row, concerns)
    plan = QueryPlan(text=source.name, vector=praise_vector(index, row),
                     mode=SearchMode.SEMANTIC,
                     intent=QueryIntent(quote_concern_terms=_concern_terms(praised, concerns)))
    same_type = _alike(index, row, replace(plan, categories=(source.category,)), params, top_n,
                       praised, concerns)
    others = [(shares, hit) for shares, hit in _alike(index, row, plan, params, top_n, praised,
                                                      concerns)
              if index.corpus.products[hit.product_row].category != source.category]
    # Same type and praise first; then other types praised alike (a 촉촉 toner for a 촉촉 cream);
    # a product praised for none of the same things (an oily-skin gel cream for a dry-skin
    # barrier cream) only after both.
    tiers = ([hit for shares, hit in same_type if shares], [hit for shares, hit in others if shares],
             [hit for shares, hit in same_type if not shares],
             [hit for shares, hit in others if not shares])
    hits = [hit for tier in tiers for hit in tier][:top_n]
    return SearchResponse(
        query=f"{source.brand} {source.name}",
        results=tuple(search_result(index, hit, SearchMode.SEMANTIC.value) for hit in hits),
        mode=SearchMode.SEMANTIC.value,
        index_version=index.snapshot_id[-6:],
    )


def praise_vector(index: SearchIndex, row: int) -> np.ndarray:
    """The mean vector of the product's listing and well-rated reviews."""
    docs = _good_documents(index, row)
    centroid = index.vectors[docs].mean(axis=0)
    return (centroid / np.linalg.norm(centroid)).astype(np.float32)


def praised_concerns(index: SearchIndex, row: int, concerns: ConcernLexicon) -> tuple[str, ...]:
    """The concerns the product's well-rated reviews name most, most-named first; a tie goes
    to the concern named first. The cues are sets, so their concerns are taken in sorted order:
    in set order the ties, and with them the similar products, changed with each process's
    string hashing (so two replicas answered differently)."""
    counts: Counter[str] = Counter()
    for doc in _good_documents(index, row):
        if index.corpus.doc_review[doc] == LISTING or not index.morphemes:
            continue
        counts.update(dict.fromkeys(concern for m in index.morphemes[doc]
                                    for concern in sorted(concerns.cues.get(m.form, ()))).keys())
    return tuple(concern for concern, _ in counts.most_common(PRAISED_CONCERNS))


def _alike(index: SearchIndex, row: int, plan: QueryPlan, params: RankingParams, top_n: int,
           praised: tuple[str, ...], concerns: ConcernLexicon) -> list[tuple[int, RankedProduct]]:
    """Nearest products by the praise vector, each with how many praised concerns its good
    reviews share (every concern counts when the product has none named), more shared first."""
    ranked = [hit for hit in rank_for_query(index, plan, params, top_n * SHORTLIST_FACTOR + 1)
              if hit.product_row != row]
    if not praised:
        return [(1, hit) for hit in ranked]
    wanted = set(praised)
    scored = []
    for hit in ranked:
        shares = len(wanted & set(praised_concerns(index, hit.product_row, concerns)))
        scored.append((shares, replace(hit, score=hit.score + CONCERN_BONUS * shares)))
    scored.sort(key=lambda pair: pair[1].score, reverse=True)
    return scored


def _good_documents(index: SearchIndex, row: int) -> np.ndarray:
    corpus = index.corpus
    docs = np.flatnonzero(corpus.doc_product == row)
    ratings = corpus.doc_rating[docs]
    good = docs[~(ratings < GOOD_RATING)]  # NaN (the listing) stays
    return good if good.size else docs


def _concern_terms(praised: tuple[str, ...],
                   concerns: ConcernLexicon) -> tuple[tuple[str, float], ...]:
    """The review words of the praised concerns, for choosing each result's quote."""
    return tuple((stem, 1.0) for concern in praised for stem in concerns.vocabulary.get(concern, ()))
