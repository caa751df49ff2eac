"""Review sentences: where a review's sentences are, and the table of them a snapshot holds.

A review often mixes topics ("순해요. 근데 겨울엔 좀 부족해요"), so the quote for a result is
one sentence (engine/ranking/quotes.py), chosen with the sentences' own vectors. Sentences are
found from the review's stored morphemes (pure: no Kiwi here): a sentence ends after a final
ending (EF, "순해요") or sentence punctuation (SF), at the next space, so trailing marks ("요!!",
"요ㅠㅠ") stay with their sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from engine.corpus import LISTING, Corpus
from engine.keyword import Morpheme
from engine.ranking.params import GOOD_RATING

SENTENCE_END_TAGS = frozenset({"EF", "SF"})
MIN_SENTENCE_CHARS = 4  # a shorter piece ("굿.", "ㅎㅎ") joins the sentence before it


def sentence_spans(text: str, morphemes: Sequence[Morpheme]) -> tuple[tuple[int, int], ...]:
    """[start, stop) character spans of the sentences of `text`, stripped of surrounding space."""
    cuts = {len(text)}
    for morpheme in morphemes:
        if morpheme.tag in SENTENCE_END_TAGS:
            cuts.add(_next_space(text, morpheme.start + morpheme.length))
    cuts.update(i for i, char in enumerate(text) if char == "\n")
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in sorted(cuts):
        span = _stripped(text, start, cut)
        start = cut
        if span is None:
            continue
        if spans and span[1] - span[0] < MIN_SENTENCE_CHARS:
            spans[-1] = (spans[-1][0], span[1])
        else:
            spans.append(span)
    if len(spans) > 1 and spans[0][1] - spans[0][0] < MIN_SENTENCE_CHARS:
        spans[:2] = [(spans[0][0], spans[1][1])]
    return tuple(spans)


@dataclass(frozen=True)
class SentenceTable:
    """The sentences of every quotable review with more than one sentence, in document order.

    A one-sentence review is its own sentence, so it has no rows here (its document vector
    serves). `vectors` has one row per sentence once embedded; empty for old snapshots.
    """

    doc: np.ndarray    # int32 document row of each sentence (ascending)
    start: np.ndarray  # int32 character offset of the sentence in the document text
    stop: np.ndarray   # int32
    vectors: np.ndarray | None = None

    @property
    def count(self) -> int:
        return int(self.doc.shape[0])

    def text(self, corpus: Corpus, row: int) -> str:
        return corpus.document_text(int(self.doc[row]))[int(self.start[row]):int(self.stop[row])]

    def texts(self, corpus: Corpus) -> list[str]:
        return [self.text(corpus, row) for row in range(self.count)]

    def rows_of(self, doc: int) -> range:
        """Sentence rows of one document (empty for a listing or a one-sentence review)."""
        first = int(np.searchsorted(self.doc, doc, side="left"))
        return range(first, int(np.searchsorted(self.doc, doc, side="right")))

    def with_vectors(self, vectors: np.ndarray) -> "SentenceTable":
        return SentenceTable(self.doc, self.start, self.stop, vectors)

    def as_array(self) -> np.ndarray:
        """(count, 3) int32 rows of document, start, stop (the snapshot's form)."""
        return np.stack([self.doc, self.start, self.stop], axis=1).astype(np.int32)

    @classmethod
    def from_array(cls, rows: np.ndarray, vectors: np.ndarray | None = None) -> "SentenceTable":
        rows = np.asarray(rows, dtype=np.int32).reshape(-1, 3)
        return cls(rows[:, 0].copy(), rows[:, 1].copy(), rows[:, 2].copy(), vectors)


EMPTY_SENTENCES = SentenceTable(np.zeros(0, np.int32), np.zeros(0, np.int32),
                                np.zeros(0, np.int32))


def review_sentences(corpus: Corpus, morphemes: Sequence[Sequence[Morpheme]],
                     min_rating: float = GOOD_RATING) -> SentenceTable:
    """The sentence table of a corpus: rows for reviews rated at least `min_rating` that have
    two sentences or more.

    Only good reviews are quoted (engine/ranking/quotes.py), so only their sentences are
    embedded: on the sample catalog that skips 38% of reviews, and embedding time."""
    doc: list[int] = []
    start: list[int] = []
    stop: list[int] = []
    for row, doc_morphemes in enumerate(morphemes):
        if corpus.doc_review[row] == LISTING or corpus.doc_rating[row] < min_rating:
            continue
        spans = sentence_spans(corpus.document_text(row), doc_morphemes)
        if len(spans) < 2:
            continue
        for first, last in spans:
            doc.append(row)
            start.append(first)
            stop.append(last)
    return SentenceTable(np.asarray(doc, np.int32), np.asarray(start, np.int32),
                         np.asarray(stop, np.int32))


def morphemes_in(morphemes: Sequence[Morpheme], start: int, stop: int) -> tuple[Morpheme, ...]:
    """The morphemes of a document that lie inside one of its sentences."""
    return tuple(m for m in morphemes if start <= m.start < stop)


def _next_space(text: str, position: int) -> int:
    while position < len(text) and not text[position].isspace():
        position += 1
    return position


def _stripped(text: str, start: int, stop: int) -> tuple[int, int] | None:
    while start < stop and text[start].isspace():
        start += 1
    while stop > start and text[stop - 1].isspace():
        stop -= 1
    return (start, stop) if stop > start else None
