"""Cleaning a shopper's query before it is searched."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from engine.errors import InvalidQueryError

MAX_QUERY_CHARS = 300
_INVISIBLE = {"Cc", "Cf", "Cs", "Co", "Cn"}
# Hangul fillers are letters to Unicode but print as nothing: "ㅤ" is how people send a blank
# message. Read as spaces, so a blank message is not searched for.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class CleanQuery:
    """Query text ready to search, and whether it had to be shortened."""

    text: str
    truncated: bool = False


def is_searchable(raw: str) -> bool:
    """Whether `clean_query` accepts `raw` (a letter or digit is left after cleaning)."""
    try:
        clean_query(raw)
    except InvalidQueryError:
        return False
    return True


def clean_query(raw: str, max_chars: int = MAX_QUERY_CHARS) -> CleanQuery:
    """NFC-normalise, drop control and zero-width characters, fold spaces, cap the length.

    Raises `InvalidQueryError` when no letter or digit is left (empty, spaces, Hangul fillers,
    emoji only).
    """
    text = unicodedata.normalize("NFC", raw or "")
    text = "".join(" " if ch.isspace() or ch in _BLANK_LETTERS else ch for ch in text
                   if ch.isspace() or unicodedata.category(ch) not in _INVISIBLE)
    text = _SPACES.sub(" ", text).strip()
    if not any(unicodedata.category(ch)[0] in "LN" for ch in text):
        raise InvalidQueryError("query has no letters or digits")
    truncated = len(text) > max_chars
    if truncated:
        cut = text[:max_chars]
        text = cut.rsplit(" ", 1)[0] if " " in cut[max_chars // 2:] else cut
    return CleanQuery(text=text, truncated=truncated)
