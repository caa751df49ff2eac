"""Scoring quote candidates: fitted weights over a few figures of a review sentence (pure).

Every sentence of a product's good reviews is a candidate to quote (engine/ranking/quotes.py).
Its score is a weighted sum of its semantic similarity to the query (the mean of its own cosine
and its review's), the share of the query's need terms it uses (the query's words without its
product-type words; a 하-stem counts as its root) and whether it uses a word of the query's
concern (at that word's share). The weights are fitted by `bench/fit_quotes.py`: a listwise
logistic model over the quote labels of dev and the validation halves, checked
leave-one-catalog-out first. Other figures of a sentence (its length, a contrast clause, its
review's rating, its place in the review, how rare its words are in the catalog, a denied need
word, its cosine to the listing, to the product's other reviews or to the catalog's centroid)
added nothing on leave-one-catalog-out and are left out (docs/quality.md).

When the best score is under `listing_below` the listing is quoted instead; fitted on the same
labels, no cut-off paid (each one that caught an unsupported pair lost more supported lines),
so it is -inf: the listing is quoted only when no good review is a candidate.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import AbstractSet as Set, Mapping, Sequence

import numpy as np

from engine.keyword import BIGRAM_PREFIX, Morpheme, index_terms

HA = "하"  # the suffix that makes an adjective or verb of a root ("촉촉" + 하)

FEATURES = ("similarity", "need_share", "concern_hit")


@dataclass(frozen=True)
class QuoteModel:
    """Weights in `FEATURES` order, and the best score under which the listing is quoted."""

    weights: tuple[float, ...]
    listing_below: float = -math.inf

    def scores(self, features: np.ndarray) -> np.ndarray:
        return features @ np.asarray(self.weights)


# python -m bench.fit_quotes (dev and the validation halves' quote labels)
QUOTE_MODEL = QuoteModel(weights=(1.0, 0.1093, 0.03899))


@dataclass(frozen=True)
class QuoteReading:
    """What a quote should speak to, read once per query: the need terms (roots), the
    query's product-type terms, and the concern words with their shares."""

    need: frozenset[str]
    type_terms: frozenset[str]
    concerns: Mapping[str, float]
    # the product-type words the query asks for, compacted ("수분크림" for "수분 크림")
    type_words: frozenset[str] = frozenset()


@dataclass(frozen=True)
class SentenceFacts:
    """A candidate sentence as the scorer (and `bench/fit_quotes.py`) sees it."""

    morphemes: tuple[Morpheme, ...]
    similarity: float           # mean of the sentence's and its review's cosine
    sentence_similarity: float  # the sentence's own (its review's when it has none)
    chars: int
    rating: float
    position: int               # index of the sentence in its review
    sentences: int              # how many sentences its review has
    terms: frozenset[str] | None = None  # its `sentence_terms`, when worked out beforehand


def sentence_features(facts: SentenceFacts, reading: QuoteReading) -> list[float]:
    """One candidate's figures, in `FEATURES` order."""
    terms = facts.terms if facts.terms is not None else sentence_terms(facts.morphemes)
    return [facts.similarity, term_overlap(terms, reading.need),
            concern_hit(terms, reading.concerns)]


def root(term: str) -> str:
    """A 하-adjective or verb stem as its root: Kiwi reads "촉촉해지는" as the root 촉촉 and the
    suffix 하, but "촉촉하고" as the stem 촉촉하, and both name the same trait."""
    if len(term) > 2 and term.endswith(HA) and not term.startswith(BIGRAM_PREFIX):
        return term[:-len(HA)]
    return term


def sentence_terms(morphemes: Sequence[Morpheme]) -> set[str]:
    """The keyword terms of a sentence (with noun bigrams), 하-stems as roots."""
    return {root(term) for term in index_terms(morphemes, noun_bigrams=True)}


def named_in_type_only(terms: Set[str], text: str, type_words: Set[str]) -> frozenset[str]:
    """Of `terms`, those a sentence uses only inside a mention of the query's product type, on
    its own or with one of the terms before it: "수분크림 여러 개 써봤는데" names the product, it
    does not say it moisturises; "시카 토너 여러 개 써봤는데" does not say what the cica does."""
    compact = "".join(text.split()).lower()
    named = {word for word in type_words if word in compact}
    if not named:
        return frozenset()
    words = [t for t in terms if not t.startswith(BIGRAM_PREFIX)]
    named |= {term + word for term in words for word in named if term + word in compact}
    rest = compact
    for phrase in sorted(named, key=len, reverse=True):
        rest = rest.replace(phrase, " ")
    return frozenset(t for t in words if any(t in phrase for phrase in named) and t not in rest)


def term_overlap(terms: Set[str], query_terms: frozenset[str]) -> float:
    """The share of the query's terms the text uses."""
    return len(terms & query_terms) / len(query_terms) if query_terms else 0.0


def concern_hit(terms: Set[str], concern_terms: Mapping[str, float]) -> float:
    """The share of the strongest concern word the text uses (0 when it uses none)."""
    return max((concern_terms.get(term, 0.0) for term in terms), default=0.0)
