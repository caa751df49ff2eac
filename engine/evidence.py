"""Choosing the sentence of a matched review to quote as the reason for a result."""

from __future__ import annotations

import re

SENTENCE_END = re.compile(r"(?<=[.!?~…])\s+|\n+")
MAX_QUOTE_CHARS = 140


def split_sentences(text: str) -> list[str]:
    """Split review text into sentences, keeping each piece's own characters."""
    pieces = [piece.strip() for piece in SENTENCE_END.split(text)]
    return [piece for piece in pieces if piece]


def char_bigrams(text: str) -> set[str]:
    compact = re.sub(r"\s+", "", text)
    return {compact[i:i + 2] for i in range(len(compact) - 1)}


def best_sentence(review_text: str, query: str) -> str:
    """The sentence sharing most character bigrams with the query; the whole text if short."""
    if len(review_text) <= MAX_QUOTE_CHARS:
        return review_text
    sentences = split_sentences(review_text)
    if len(sentences) <= 1:
        return review_text
    wanted = char_bigrams(query)
    scored = [(len(wanted & char_bigrams(s)), -i, s) for i, s in enumerate(sentences)]
    return max(scored)[2]
