"""Keyword search: Korean morphemes (kiwipiepy) indexed with BM25 (bm25s)."""

from engine.keyword._bm25 import KeywordIndex
from engine.keyword._feedback import feedback_terms
from engine.keyword._morphology import Morpheme, MorphemeAnalyzer
from engine.keyword._terms import (BIGRAM_PREFIX, compound_parts, index_terms,
                                   query_term_weights, spaced_compounds)

__all__ = ["BIGRAM_PREFIX", "KeywordIndex", "compound_parts", "feedback_terms", "Morpheme",
           "MorphemeAnalyzer", "index_terms", "query_term_weights", "spaced_compounds"]
