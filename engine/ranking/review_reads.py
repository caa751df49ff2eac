"""A product's reviews read for one trait, as the ranking weighs them, once per snapshot.

A query that turns a trait down reads what each of its shortlisted products' reviews report
of it (`review_reports`, or `degree_reports` for a trait wished less of). The answer depends
only on the served snapshot and the trait, so it is kept (engine/snapshot_memo.py); and only
the reviews that spell one of the trait's stems or opposites are read at all, since no other
review can report anything of it.
"""

from __future__ import annotations

from sys import intern
from typing import Callable, Sequence

from engine.corpus import LISTING
from engine.keyword import Morpheme
from engine.ranking.quotes import product_documents
from engine.search_index import SearchIndex
from engine.snapshot_memo import snapshot_memo
from engine.understanding import AbsenceCue, TraitReports, spelled_words

ReviewReader = Callable[[Sequence[Sequence[Morpheme]], AbsenceCue], TraitReports]


def product_reports(index: SearchIndex, row: int, read: ReviewReader,
                    cue: AbsenceCue) -> TraitReports:
    """`read` over the reviews of product `row` (indices within the product's reviews)."""
    memo = snapshot_memo(index, "trait reports")
    key = (row, read, cue)
    found = memo.get(key)
    if found is None:
        reviews = review_morphemes(index, row)
        words = review_words(index, row)
        kept = [i for i, spelled in enumerate(words)
                if not (cue.words.isdisjoint(spelled) and cue.opposites.isdisjoint(spelled))]
        read_kept = read([reviews[i] for i in kept], cue)
        found = memo[key] = TraitReports(tuple(kept[i] for i in read_kept.present),
                                         tuple(kept[i] for i in read_kept.absent))
    return found


def review_morphemes(index: SearchIndex, row: int) -> list[tuple[Morpheme, ...]]:
    """The morphemes of product `row`'s reviews, in review order (its listing left out)."""
    docs = product_documents(index, row)
    return [index.morphemes[d] for d in docs if index.corpus.doc_review[d] != LISTING]


def review_words(index: SearchIndex, row: int) -> tuple[tuple[str, ...], ...]:
    """`spelled_words` of each of product `row`'s reviews, worked out once per snapshot; kept
    as tuples of shared strings (the cue's sets are checked against them), a sixth of the
    memory of frozensets of new ones."""
    memo = snapshot_memo(index, "review words")
    words = memo.get(row)
    if words is None:
        words = memo[row] = tuple(tuple(map(intern, spelled_words(m)))
                                  for m in review_morphemes(index, row))
    return words
