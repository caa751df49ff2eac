"""What a search returns: the ranked products as the shopper sees them, each with its quoted
evidence, or nothing and the evidence when nothing in the catalog fits. Pure: no I/O."""

from __future__ import annotations

from engine.lexicons import Lexicons
from engine.models import Evidence, SearchResponse, SearchResult
from engine.query_plan import QueryPlan
from engine.ranking.fit import unfit_evidence
from engine.ranking.params import RankingParams
from engine.ranking.quotes import quote_text
from engine.ranking.rank import RankedProduct, rank_for_query
from engine.search_index import SearchIndex


def ranked_response(index: SearchIndex, plan: QueryPlan, ranking: RankingParams,
                    lexicons: Lexicons, top_n: int) -> SearchResponse:
    """The response to one planned query: its top `top_n` results, or none with the words the
    catalog does not know when the fit judgement finds nothing that fits."""
    unfit = ranking.judge_fit and unfit_evidence(index, plan, lexicons)
    results: tuple[SearchResult, ...] = ()
    if not unfit:
        ranked = rank_for_query(index, plan, ranking, top_n)
        results = tuple(search_result(index, hit, plan.mode.value) for hit in ranked)
    return SearchResponse(query=plan.text, results=results, mode=plan.mode.value,
                          categories=plan.categories, notices=plan.notices,
                          index_version=index.snapshot_id[-6:],
                          skipped_categories=plan.unknown_categories,
                          nothing_fits=bool(unfit), unknown_words=unfit.unknown if unfit else ())


def search_result(index: SearchIndex, hit: RankedProduct, mode: str) -> SearchResult:
    """The result for one ranked product, quoting its chosen review sentence or its listing."""
    product = index.corpus.products[hit.product_row]
    review = int(index.corpus.doc_review[hit.evidence_doc])
    if review < 0:
        evidence = Evidence(text=product.description or product.name, source="listing",
                            similarity=round(hit.evidence_similarity, 4))
    else:
        chosen = product.reviews[review]
        evidence = Evidence(text=quote_text(chosen.text, hit.evidence_span), source="review",
                            review_rating=chosen.rating,
                            similarity=round(hit.evidence_similarity, 4))
    return SearchResult(product=product, score=round(hit.score, 4), evidence=evidence, mode=mode)
