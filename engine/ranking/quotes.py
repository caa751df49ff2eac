"""Choosing the quote that proves a match: the best-supporting sentence of a product's reviews.

Pure: reads a loaded `SearchIndex` and the query's similarities, no I/O and no Kiwi.

Which reviews may be quoted: good ones only (rated at least GOOD_RATING: a low-rated review
that matches a need usually says the product failed at it, "건성인 저한텐 너무 가벼워요" ★2);
- for a query that wants a trait absent, a sentence that reports it absent, if any;
- otherwise any good review; in keyword mode, with no similarities to rank by, only one that
  shares a query term or a word of the query's concern. A review is preferred to the listing
  even when the listing is nearer the query ("데오 롤온"): what a buyer found is the evidence,
  the seller's words only say what the product is;
- never a sentence that reports the opposite of the need: an unwanted trait present, or a
  trait the query's concern is made of ("얼굴이 당기는 듯한 느낌" for "땅기는 거 잡아줄 크림").

Within them, each sentence is a candidate (a one-sentence review is one), scored by the fitted
weights of engine/ranking/quote_scorer.py over its semantic similarity, its share of the
query's need terms and whether it uses a concern word ("수분 크림" → "속당김이 싹 사라졌어요");
with `quote_model` off, by the hand weights of `RankingParams` (cosine plus
`quote_term_weight` × (need share + `quote_concern_share` × concern hit)). The need terms leave
out the words that only name the product type ("크림" in "보습 크림", but not the 보습 of the
type word "보습크림", which names a cream for moisture: `need_modifier`): a sentence that names
the product ("꿀광 라인 크림까지 샀어요") says nothing of the need, and a need word it uses only
inside the product type's name ("보습크림 여러 개 써봤는데", "시카 토너 샀는데") earns nothing.
A sentence's similarity is the mean of its own and its review's: alone, short generic sentences
("촉촉함 오래 가요") score high against almost any query. A sentence without a vector (from an
older snapshot) takes its review's. When nothing qualifies (no good review, or none that
matches in keyword mode), or the best score is under the model's listing cut-off, the listing
is quoted.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import AbstractSet, Sequence

import numpy as np

from engine.corpus import LISTING
from engine.keyword import BIGRAM_PREFIX, Morpheme
from engine.query_plan import QueryPlan
from engine.ranking.params import GOOD_RATING, RankingParams
from engine.ranking.quote_scorer import (FEATURES, QUOTE_MODEL, QuoteModel, QuoteReading,
                                         SentenceFacts, concern_hit, named_in_type_only, root,
                                         sentence_features, sentence_terms, term_overlap)
from engine.search_index import SearchIndex
from engine.ranking.quote_sentences import (SentenceReports, Span, review_sentences,
                                            sentence_reports)
from engine.understanding import AbsenceCue, category_mentions, is_contrast, need_modifier


@dataclass(frozen=True)
class DocumentMatch:
    """How the query meets the documents, found once per query: each document's similarity
    (None in keyword mode) and the query's keyword terms."""

    doc_sims: np.ndarray | None
    terms: frozenset[str]
    reading: QuoteReading | None = None  # `quote_reading` of the query, when worked out once


@dataclass(frozen=True)
class ProductReports:
    """The reviews (by index within the product) reporting an unwanted trait present, and
    those reporting it absent."""

    complaints: frozenset[int] = frozenset()
    favoured: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Quote:
    """What to quote for a product: a document, the span of it (None = the whole text), and
    its similarity to the query."""

    doc: int
    span: tuple[int, int] | None
    similarity: float


@dataclass(frozen=True)
class QuoteCandidate:
    """A sentence of a good review that may be quoted (span None: the whole review)."""

    doc: int
    span: tuple[int, int] | None
    facts: SentenceFacts

    @property
    def similarity(self) -> float:
        return self.facts.similarity

    @property
    def morphemes(self) -> tuple[Morpheme, ...]:
        return self.facts.morphemes


@dataclass(frozen=True)
class QuotePool:
    """A product's quotable sentences, each one's figures (rows in `FEATURES` order) and its
    hand-weighted score (cosine plus need-term share), and the product's listing."""

    listing: int
    listing_similarity: float
    candidates: tuple[QuoteCandidate, ...]
    features: np.ndarray
    hand_scores: np.ndarray


def choose_quote(index: SearchIndex, product_row: int, plan: QueryPlan, match: DocumentMatch,
                 reports: ProductReports, params: RankingParams) -> Quote:
    """The quote that best supports `product_row` for the query (see the module docstring)."""
    pool = quote_pool(index, product_row, plan, match, reports, params)
    return pick_quote(pool, params, QUOTE_MODEL, match.doc_sims is not None)


def pick_quote(pool: QuotePool, params: RankingParams, model: QuoteModel,
               semantic: bool) -> Quote:
    """The pool's best candidate by the learned model (or, with `params.quote_model` off, by
    the hand-weighted score); the listing when there is none, or when the model trusts none
    (only with similarities: in keyword mode a candidate already shares a need word)."""
    listing = Quote(pool.listing, None, pool.listing_similarity)
    if not pool.candidates:
        return listing
    scores = model.scores(pool.features) if params.quote_model else pool.hand_scores
    best = max(range(len(pool.candidates)), key=lambda i: (
        scores[i], -pool.candidates[i].doc, -(pool.candidates[i].span or (0,))[0]))
    if params.quote_model and semantic and scores[best] < model.listing_below:
        return listing
    chosen = pool.candidates[best]
    return Quote(chosen.doc, chosen.span, chosen.similarity)


def quote_pool(index: SearchIndex, product_row: int, plan: QueryPlan, match: DocumentMatch,
               reports: ProductReports, params: RankingParams) -> QuotePool:
    """The sentences that may be quoted for `product_row`, with their figures.

    `match.doc_sims` are the documents' similarities to `plan.vector`; both are None in
    keyword mode, where only sentences of reviews that share a need word or a concern word
    are candidates.
    """
    doc_sims = match.doc_sims
    reading = match.reading if match.reading is not None else quote_reading(index, plan, match,
                                                                            params)
    unwanted = plan.intent.absent_traits if params.use_absence else ()
    problems = plan.intent.problem_traits if params.quote_problem_traits else ()

    def matching(morphemes: Sequence[Morpheme], terms: AbstractSet[str] | None = None) -> float:
        terms = sentence_terms(morphemes) if terms is None else terms
        return (term_overlap(terms, reading.need)
                + params.quote_concern_share * concern_hit(terms, reading.concerns))

    def credited(terms: AbstractSet[str], doc: int, span: Span) -> frozenset[str]:
        # a need word used only inside the product's type name ("수분크림 샀어요") earns nothing
        terms = frozenset(terms)
        if not reading.type_words or not terms & reading.need:
            return terms
        text = quote_text(corpus.document_text(doc), span)
        return terms - named_in_type_only(terms & reading.need, text, reading.type_words)

    def review_matches(doc: int) -> bool:
        morphemes = _doc_morphemes(index, doc)
        return matching(morphemes, credited(sentence_terms(morphemes), doc, None)) > 0

    corpus = index.corpus
    docs = product_documents(index, product_row)
    listing = docs.start
    reviews = [d for d in docs if corpus.doc_review[d] != LISTING
               and int(corpus.doc_review[d]) not in reports.complaints
               and corpus.doc_rating[d] >= GOOD_RATING]
    absence_reports = [d for d in reviews if int(corpus.doc_review[d]) in reports.favoured]
    reports = sentence_reports(index)
    candidates = [c for c in _candidates(index, absence_reports, doc_sims, plan.vector)
                  if any(reports(c.doc, c.span, c.morphemes, cue).absent for cue in unwanted)]
    if not candidates:
        supporting = [d for d in reviews if doc_sims is not None or review_matches(d)]
        candidates = [c for c in _candidates(index, supporting, doc_sims, plan.vector)
                      if not any(reports(c.doc, c.span, c.morphemes, cue).present
                                 for cue in unwanted)
                      and not _reports_problem(c, problems, reports)]
    if reading.type_words:
        candidates = [replace(c, facts=replace(c.facts, terms=credited(
            c.facts.terms if c.facts.terms is not None else sentence_terms(c.morphemes),
            c.doc, c.span))) for c in candidates]
    features = np.array([sentence_features(c.facts, reading) for c in candidates],
                        dtype=float).reshape(len(candidates), len(FEATURES))
    hand = np.array([c.similarity + params.quote_term_weight * matching(c.morphemes,
                                                                          c.facts.terms)
                     for c in candidates], dtype=float)
    return QuotePool(listing, _finite(doc_sims, listing), tuple(candidates), features, hand)


def quote_reading(index: SearchIndex, plan: QueryPlan, match: DocumentMatch,
                  params: RankingParams) -> QuoteReading:
    """What the query's quotes should speak to (see `QuoteReading`)."""
    terms = frozenset(map(root, match.terms))
    need = (frozenset(map(root, need_terms(index, plan, match.terms)))
            if params.quote_need_terms else terms)
    # the review words of the query's concerns with their shares ("수분 크림" → 촉촉, 속건조, …)
    concerns = ({root(term): share for term, share in plan.intent.quote_concern_terms}
                if params.concern_weight else {})
    return QuoteReading(need, terms - need, concerns,
                        type_words(index, plan) if params.quote_need_terms else frozenset())


def need_terms(index: SearchIndex, plan: QueryPlan, terms: frozenset[str]) -> frozenset[str]:
    """The query's terms without those that only name a product type of the catalog (a term
    that is one of the category words the query asks for, or a character bigram inside one); a
    category word that sets the scene ("아이섀도가 눈가 주름에 껴요") is part of the need, and so is
    the modifier of a compound type word ("수분 크림" → 수분: `need_modifier`)."""
    words = type_words(index, plan)
    if not words:
        return terms
    modifiers = {word: need_modifier(word, index.category_map) for word in words}

    def typed(term: str) -> bool:
        bare = term[len(BIGRAM_PREFIX):] if term.startswith(BIGRAM_PREFIX) else term
        return any(bare in word and not (modifiers[word] and bare in modifiers[word])
                   for word in words)
    return frozenset(t for t in terms if not typed(t))


def type_words(index: SearchIndex, plan: QueryPlan) -> frozenset[str]:
    """The product-type words the query asks for, compacted (not those that set the scene)."""
    scene = set(plan.intent.scene_categories)
    mentions = category_mentions(plan.text, index.category_map, plan.morphemes)
    return frozenset(m.word or plan.text[m.start:m.end].replace(" ", "").lower()
                     for m in mentions if m.category not in scene)


def quote_text(text: str, span: tuple[int, int] | None) -> str:
    """The quoted part of a document's text."""
    return text if span is None else text[span[0]:span[1]]


def product_documents(index: SearchIndex, row: int) -> range:
    """Document rows of one product: its listing first, then its reviews."""
    doc_product = index.corpus.doc_product
    start = int(np.searchsorted(doc_product, row, side="left"))
    stop = int(np.searchsorted(doc_product, row, side="right"))
    return range(start, stop)


def _candidates(index: SearchIndex, docs: Sequence[int], doc_sims: np.ndarray | None,
                query_vector: np.ndarray | None) -> list[QuoteCandidate]:
    """Each sentence of the given reviews (a one-sentence review is one candidate)."""
    found = []
    rating = index.corpus.doc_rating
    for doc in docs:
        review_similarity = _finite(doc_sims, doc)
        sentences = review_sentences(index, doc)
        if sentences[0][0] is None:
            _, morphemes, chars, terms = sentences[0]
            found.append(QuoteCandidate(doc, None, SentenceFacts(
                morphemes, review_similarity, review_similarity, chars, float(rating[doc]),
                0, 1, terms)))
            continue
        own = _embedded_sentence_similarities(index, doc, query_vector)
        for position, (span, morphemes, chars, terms) in enumerate(sentences):
            sentence = own.get(span, review_similarity)
            found.append(QuoteCandidate(doc, span, SentenceFacts(
                morphemes, (sentence + review_similarity) / 2, sentence, chars,
                float(rating[doc]), position, len(sentences), terms)))
    return found


def _embedded_sentence_similarities(index: SearchIndex, doc: int,
                                    query_vector: np.ndarray | None) -> dict[tuple[int, int], float]:
    """Similarity to the query of each of the document's embedded sentences, by span."""
    table = index.sentences
    rows = table.rows_of(doc)
    if query_vector is None or table.vectors is None or not rows:
        return {}
    sims = table.vectors[rows.start:rows.stop] @ query_vector
    return {(int(table.start[r]), int(table.stop[r])): float(sim) for r, sim in zip(rows, sims)}


def _doc_morphemes(index: SearchIndex, doc: int) -> tuple[Morpheme, ...]:
    return tuple(index.morphemes[doc]) if index.morphemes else ()


def _reports_problem(candidate: QuoteCandidate, problems: Sequence[AbsenceCue],
                     reports: SentenceReports) -> bool:
    """The sentence reports a trait the query's concern is made of, and does not go on past a
    contrast ("가렵고 비듬이 일어났는데 많이 좋아졌어요" tells of the problem solved)."""
    morphemes = candidate.morphemes
    for cue in problems:
        if not reports(candidate.doc, candidate.span, candidate.morphemes, cue).present:
            continue
        first = next((i for i, m in enumerate(morphemes) if m.form in cue.words), len(morphemes))
        if not any(is_contrast(morphemes, j) for j in range(first + 1, len(morphemes))):
            return True
    return False


def _finite(values: np.ndarray | None, row: int) -> float:
    if values is None or not np.isfinite(values[row]):
        return 0.0
    return float(values[row])
