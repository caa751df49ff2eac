"""Ranking products for one planned query over a loaded snapshot (pure: no I/O, no Kiwi).

Steps: candidates (category filter, price limit) → semantic and/or keyword product scores →
fusion → category-intent boost → review reports on unwanted traits → top products, each with
a review that supports it as evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Sequence

import numpy as np

from engine.category_prior import (CategoryPrior, category_distribution, dominant_categories,
                                   prior_weights, vector_evidence)
from engine.keyword import BIGRAM_PREFIX
from engine.query_plan import QueryPlan
from engine.ranking.fusion import (fuse_scores, normalise, rating_discount, soft_max_by_product,
                                   top_products)
from engine.ranking.params import (ANN_CANDIDATES, EXACT_SCAN_DOCUMENTS, GOOD_RATING,
                                   REPORT_SHORTLIST, RankingParams)
from engine.ranking.quotes import DocumentMatch, ProductReports, choose_quote, quote_reading
from engine.ranking.review_reads import product_reports
from engine.ranking.terms import (complained_of, concern_term_weights, feedback_scores,
                                  keyword_term_weights, names_something, query_terms)
from engine.search_index import SearchIndex
from engine.settings import SearchMode
from engine.understanding import QueryIntent, degree_reports, review_reports
from index.hnsw import exact_top_k


@dataclass(frozen=True)
class RankedProduct:
    """A product row, its final score and the document (and span of it) quoted as evidence."""

    product_row: int
    score: float
    evidence_doc: int
    evidence_similarity: float
    evidence_span: tuple[int, int] | None = None  # None: the whole document


def candidate_products(index: SearchIndex, categories: Sequence[str],
                       intent: QueryIntent, params: RankingParams) -> np.ndarray:
    """Boolean mask of products allowed by the category filter and the price limit."""
    products = index.corpus.products
    allowed = np.ones(len(products), dtype=bool)
    if categories:
        wanted = set(categories)
        allowed &= np.fromiter((p.category in wanted for p in products), bool, len(products))
    if params.use_price and intent.price is not None:
        allowed &= np.fromiter((intent.price.allows(p.price) for p in products), bool,
                               len(products))
    return allowed


def rank_for_query(index: SearchIndex, plan: QueryPlan, params: RankingParams,
                   top_n: int) -> list[RankedProduct]:
    """The top products for a planned query in its mode and categories, with their evidence
    documents."""
    intent, mode, vector, categories = plan.intent, plan.mode, plan.vector, plan.categories
    candidates = candidate_products(index, categories, intent, params)
    if not candidates.any():
        return []
    corpus = index.corpus
    knows = index.keyword.knows if index.keyword is not None else _knows_nothing
    terms = query_terms(plan.morphemes, knows)
    doc_sims = semantic = None
    if mode is not SearchMode.KEYWORD:
        doc_sims = document_similarities(index, vector, candidates)
        semantic = semantic_scores(index, doc_sims, params)
    keyword = semantic_weight = None
    if mode is not SearchMode.SEMANTIC:
        keyword = index.keyword.weighted_scores(
            keyword_term_weights(plan.morphemes, intent, terms, params, knows,
                                 complained_of(index, params))
            + concern_term_weights(intent, params))
        semantic_weight = query_semantic_weight(terms, knows, params, corpus.review_chars)
    scores = _mode_scores(semantic, keyword, semantic_weight, mode, candidates, params)
    agreement = keyword
    if keyword is not None and not names_something(terms, knows):
        agreement = np.zeros_like(keyword)  # "있" alone: the best five are noise
    category_bonus = category_bonuses(index, plan, categories, params, agreement, candidates)
    # Expansion helps keyword search alone; in hybrid the semantic side already carries the
    # paraphrases, and expansion only blurred the keyword side's precision (docs/quality.md).
    if mode is SearchMode.KEYWORD and params.feedback_terms and index.morphemes:
        keyword = keyword + feedback_scores(index, terms, scores + category_bonus, candidates,
                                            params)
        scores = _mode_scores(semantic, keyword, semantic_weight, mode, candidates, params)
    if params.product_rating_weight:
        scores = scores + params.product_rating_weight * (corpus.product_rating - GOOD_RATING)
    scores = scores + category_bonus
    reports: dict[int, ProductReports] = {}
    if params.use_absence and (intent.absent_traits or intent.less_traits) and index.morphemes:
        scores, reports = _with_trait_reports(index, intent, scores, candidates, params)
    match = DocumentMatch(doc_sims, frozenset(terms))
    match = replace(match, reading=quote_reading(index, plan, match, params))  # once a query
    ranked = []
    for row, score in top_products(scores, candidates, top_n):
        quote = choose_quote(index, row, plan, match, reports.get(row, ProductReports()), params)
        ranked.append(RankedProduct(row, score, quote.doc, quote.similarity, quote.span))
    return ranked


def semantic_scores(index: SearchIndex, doc_sims: np.ndarray,
                    params: RankingParams) -> np.ndarray:
    """Each product's soft maximum of its documents' similarities, low-rated reviews
    discounted."""
    corpus = index.corpus
    rated = doc_sims
    if params.review_rating_discount:
        rated = rating_discount(doc_sims, corpus.doc_rating, params.review_rating_discount,
                                GOOD_RATING)
    return _floor_missing(soft_max_by_product(rated, corpus.doc_product, len(corpus.products),
                                              params.temperature, params.soft_max_documents))


def category_bonuses(index: SearchIndex, plan: QueryPlan, categories: Sequence[str],
                     params: RankingParams, keyword: np.ndarray | None = None,
                     candidates: np.ndarray | None = None) -> np.ndarray | float:
    """The boost of products in the categories the query names, or else in those its vector
    points to (the category prior) and, given the keyword scores over the candidates, its
    words also reach; none under a category filter."""
    intent = plan.intent
    if categories:
        return 0.0
    if params.use_categories and (intent.categories or intent.implied_categories):
        return params.category_boost * category_weights(index.corpus.products, intent, params)
    if params.prior_boost and index.category_prior is not None and not intent.categories:
        prior = params.prior_boost * category_prior_weights(index.category_prior, plan.vector,
                                                            params)
        if keyword is not None and candidates is not None:
            prior = prior * keyword_agrees(index, keyword, candidates, params)
        return prior
    return 0.0


def keyword_agrees(index: SearchIndex, keyword: np.ndarray, candidates: np.ndarray,
                   params: RankingParams) -> np.ndarray:
    """1 for the products of a category with a product among the keyword side's best
    `prior_agreement` that its words reach at all (a score above 0), 0 for the rest (all 1
    when 0): the category prior then boosts only a category the query's words also reach. The centroid nearest a vague query's vector is
    often a catalog's most generic line (a toner for "팔뚝에 오돌토돌한 거"), whichever one the
    words speak of."""
    products = index.corpus.products
    if not params.prior_agreement:
        return np.ones(len(products))
    reached = {products[row].category
               for row, score in top_products(keyword, candidates, params.prior_agreement)
               if score > 0}
    return np.fromiter((p.category in reached for p in products), float, len(products))


def _with_trait_reports(index: SearchIndex, intent: QueryIntent, scores: np.ndarray,
                        candidates: np.ndarray, params: RankingParams
                        ) -> tuple[np.ndarray, dict[int, ProductReports]]:
    """Scores moved by what the shortlisted products' reviews report of the traits the query
    wants absent (or, by degree, less of), and those reports by product row."""
    scores = scores.copy()
    reports = {}
    for row, _ in top_products(scores, candidates, REPORT_SHORTLIST):
        adjustments, reports[row] = product_trait_reports(index, intent, row, params)
        for adjustment in adjustments:
            scores[row] += adjustment
    return scores, reports


def product_trait_reports(index: SearchIndex, intent: QueryIntent, row: int,
                          params: RankingParams) -> tuple[list[float], ProductReports]:
    """One product's score change per unwanted trait (or trait wished less of) from its
    reviews' reports on it, and the reports."""
    readings = [(cue, review_reports) for cue in intent.absent_traits]
    if params.use_degrees:
        readings += [(cue, degree_reports) for cue in intent.less_traits]
    complaints: set[int] = set()
    favoured: set[int] = set()
    adjustments = []
    for cue, read in readings:
        found = product_reports(index, row, read, cue)
        adjustments.append(trait_adjustment(len(found.present), len(found.absent), params))
        complaints.update(found.present)
        favoured.update(found.absent)
    return adjustments, ProductReports(frozenset(complaints), frozenset(favoured))


def trait_adjustment(present: int, absent: int, params: RankingParams) -> float:
    """Score change for a product from its reviews' reports on one unwanted trait."""
    cap = params.reports_counted
    return params.absence_bonus * min(absent, cap) - params.complaint_penalty * min(present, cap)


def _mode_scores(semantic: np.ndarray | None, keyword: np.ndarray | None,
                 semantic_weight: float | None, mode: SearchMode,
                 candidates: np.ndarray, params: RankingParams) -> np.ndarray:
    if mode is SearchMode.SEMANTIC:
        return normalise(semantic, candidates)
    if mode is SearchMode.KEYWORD:
        return normalise(keyword, candidates)
    return fuse_scores(semantic, keyword, semantic_weight, candidates, params.semantic_floor)


def query_semantic_weight(terms: Sequence[str], knows: Callable[[str], bool],
                          params: RankingParams, review_chars: float | None = None) -> float:
    """The semantic share of the fusion for this query.

    Words the catalog never uses reach the products only through the semantic side, so when
    many of a query's words are unknown to the keyword index ("깨 뿌려놓은 것처럼"), its BM25
    score rests on a fragment of the query and is trusted less; a query made only of catalog
    words ("프로폴리스 앰플") trusts BM25 more.
    """
    words = [t for t in dict.fromkeys(terms) if not t.startswith(BIGRAM_PREFIX)]
    if not words or not params.known_share_slope:
        return params.semantic_weight
    known = sum(1 for w in words if knows(w)) / len(words)
    slope = params.known_share_slope
    if review_chars is not None and params.known_share_review_chars:
        slope *= min(1.0, review_chars / params.known_share_review_chars)
    weight = params.semantic_weight + slope * (params.known_share_pivot - known)
    low, high = params.semantic_weight_bounds
    return min(max(weight, low), high)


def category_weights(products: Sequence, intent: QueryIntent, params: RankingParams) -> np.ndarray:
    """1 for products in a category the query asks for, `modifier_share` for one it names only
    before another noun ("세안 파우더" may be a peeling product), `scene_share` for one that only
    sets the scene ("아이섀도가 눈가 주름에 껴요" asks for something else), `implied_share` for a
    line it implies (the men's line for "아빠 선물"), 0 otherwise."""
    weight = {c: params.modifier_share if c in intent.modifier_categories else 1.0
              for c in intent.categories}
    for category in intent.scene_categories:
        weight[category] = min(weight[category], params.scene_share)
    for category in intent.implied_categories:
        weight[category] = params.implied_share
    return np.fromiter((weight.get(p.category, 0.0) for p in products), float, len(products))


def category_prior_weights(prior: CategoryPrior, vector: np.ndarray | None,
                           params: RankingParams) -> np.ndarray:
    """Each product's share of the prior boost: the share of its category when the query's
    vector points clearly to one or two categories, else 0 (and 0 in keyword mode).

    Z-scores over a handful of categories always single one out, so a catalog with fewer
    than `prior_min_categories` gets no prior.
    """
    if prior.size < params.prior_min_categories:
        return np.zeros(len(prior.product_category))
    shares = category_distribution(vector_evidence(prior, vector, params.prior_z_scale))
    return prior_weights(prior, dominant_categories(shares, params.prior_threshold))


def document_similarities(index: SearchIndex, vector: np.ndarray,
                          candidates: np.ndarray) -> np.ndarray:
    """Cosine similarity of every document to the query; -inf where it was not computed."""
    corpus = index.corpus
    if corpus.document_count <= EXACT_SCAN_DOCUMENTS:
        return index.vectors @ vector
    sims = np.full(corpus.document_count, -np.inf, dtype=np.float32)
    rows = np.flatnonzero(candidates[corpus.doc_product])
    if rows.size <= EXACT_SCAN_DOCUMENTS:
        local, values = exact_top_k(index.vectors[rows], vector, rows.size)
        sims[rows[local]] = values
        return sims
    found, values = index.hnsw.query(vector, min(ANN_CANDIDATES, corpus.document_count))
    sims[found] = values
    return sims


def _floor_missing(scores: np.ndarray) -> np.ndarray:
    """Products the ANN search did not reach score as low as the lowest one it did."""
    finite = np.isfinite(scores)
    if not finite.any():
        return np.zeros(scores.shape)
    return np.where(finite, scores, scores[finite].min())


def _knows_nothing(_: str) -> bool:
    """Without a keyword index no word is a catalog word."""
    return False

