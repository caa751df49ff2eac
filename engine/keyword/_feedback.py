"""Pseudo-relevance feedback for keyword search (pure): words the best-ranked products share.

A paraphrase ("정강이가 허옇게 일어나고") rarely uses the words its products' reviews use ("각질",
"건조"); the products the first ranking puts on top often do. Their characteristic words, weighted
by how high the product ranked, how often the word occurs in it and how rare it is in the catalog,
are added to the query at a fraction of a query word's weight (an RM3-style expansion).
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Callable, Sequence

from engine.keyword._terms import BIGRAM_PREFIX


def feedback_terms(products: Sequence[tuple[Sequence[str], float]], query_terms: Sequence[str],
                   document_frequency: Callable[[str], int], product_count: int,
                   term_count: int, weight: float) -> list[tuple[str, float]]:
    """Up to `term_count` expansion terms with weights, the strongest at `weight`.

    `products` are the feedback products' term lists with their first-ranking scores (any
    scale; only their ratio matters). Query terms and bigrams are never added.
    """
    if not products or term_count <= 0 or weight <= 0:
        return []
    asked = set(query_terms)
    top_score = max(score for _, score in products) or 1.0
    relevance: Counter[str] = Counter()
    for terms, score in products:
        if not terms:
            continue
        counts = Counter(t for t in terms if not t.startswith(BIGRAM_PREFIX) and t not in asked)
        for term, count in counts.items():
            relevance[term] += (score / top_score) * count / len(terms)
    weighted = []
    for term, value in relevance.items():
        df = document_frequency(term)
        if df <= 1:
            continue  # a word of one product says nothing the product's own score doesn't
        weighted.append((value * math.log((product_count + 1) / df), term))
    weighted.sort(reverse=True)
    chosen = weighted[:term_count]
    if not chosen or chosen[0][0] <= 0:
        return []
    strongest = chosen[0][0]
    return [(term, weight * value / strongest) for value, term in chosen if value > 0]
