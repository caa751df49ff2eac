"""Keyword search: Korean morphemes (kiwipiepy) indexed with BM25 (bm25s)."""

from engine.keyword._bm25 import KeywordIndex
from engine.keyword._morphology import Morpheme, MorphemeAnalyzer
from engine.keyword._terms import index_terms

__all__ = ["KeywordIndex", "Morpheme", "MorphemeAnalyzer", "index_terms"]
