"""A snapshot's review sentences as the quotes read them, split and read once per snapshot.

Every query that shortlists a product would otherwise split its reviews into sentences again,
pick out each sentence's morphemes and read each sentence for the traits the query turns down;
none of it depends on the query, only on the served snapshot (engine/snapshot_memo.py).
"""

from __future__ import annotations

from typing import Callable

from engine.keyword import Morpheme
from engine.ranking.quote_scorer import sentence_terms
from engine.search_index import SearchIndex
from engine.sentences import morphemes_in, sentence_spans
from engine.snapshot_memo import snapshot_memo
from engine.understanding import AbsenceCue, TraitReports, review_reports

Span = tuple[int, int] | None  # None: the whole review, a single sentence
# span, its morphemes, its length, its keyword terms (`sentence_terms`)
Sentence = tuple[Span, tuple[Morpheme, ...], int, frozenset[str]]
SentenceReports = Callable[[int, Span, tuple[Morpheme, ...], AbsenceCue], TraitReports]


def review_sentences(index: SearchIndex, doc: int) -> tuple[Sentence, ...]:
    """A review's sentences, each with its span, its morphemes, its length in characters and
    its terms (one sentence: span None, the whole review's morphemes and stripped length)."""
    memo = snapshot_memo(index, "review sentences")
    sentences = memo.get(doc)
    if sentences is None:
        morphemes = tuple(index.morphemes[doc]) if index.morphemes else ()
        text = index.corpus.document_text(doc)
        spans = sentence_spans(text, morphemes)
        if len(spans) < 2:
            sentences = ((None, morphemes, len(text.strip()),
                          frozenset(sentence_terms(morphemes))),)
        else:
            sentences = tuple((span, part, span[1] - span[0], frozenset(sentence_terms(part)))
                              for span in spans for part in (morphemes_in(morphemes, *span),))
        memo[doc] = sentences
    return sentences


def sentence_reports(index: SearchIndex) -> SentenceReports:
    """What a sentence of a review (its document, span and morphemes) reports of a trait."""
    memo = snapshot_memo(index, "sentence reports")

    def reports(doc: int, span: Span, morphemes: tuple[Morpheme, ...],
                cue: AbsenceCue) -> TraitReports:
        key = (doc, span, cue)
        found = memo.get(key)
        if found is None:
            found = memo[key] = review_reports([morphemes], cue)
        return found
    return reports
