"""Category intent: "썬크림 추천" means the catalog's sunscreen category, whatever it is called.

A small dictionary maps product-type concepts to the words people use; each catalog's own
category names are mapped onto those concepts when an index is loaded.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping

_SEPARATORS = re.compile(r"[\s·/,&+()|_\-]+")


def _compact(text: str) -> str:
    return _SEPARATORS.sub("", text).lower()


@dataclass(frozen=True)
class CategoryLexicon:
    """Product-type concepts and their variant spellings (compacted, lower-case)."""

    variants: Mapping[str, tuple[str, ...]]

    @classmethod
    def load(cls, path: Path) -> "CategoryLexicon":
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls({concept: tuple(sorted({_compact(w) for w in words}, key=len, reverse=True))
                    for concept, words in data.items() if not concept.startswith("_")})


@dataclass(frozen=True)
class CategoryMap:
    """Which catalog categories each concept names, for one catalog."""

    by_concept: Mapping[str, tuple[str, ...]]
    variants: tuple[tuple[str, str], ...]  # (variant, concept), longest variant first


def map_catalog_categories(categories: Iterable[str], lexicon: CategoryLexicon) -> CategoryMap:
    """Attach each catalog category to the concept(s) whose longest variant its name contains.

    The longest match wins, so "선크림" goes to sunscreen rather than to "크림"; a name like
    "쿠션·파운데이션" or "스킨/토너" still matches through any of its parts.
    """
    by_concept: dict[str, list[str]] = {}
    for category in categories:
        name = _compact(category)
        matched = {concept: max((len(v) for v in variants if _names(name, v)), default=0)
                   for concept, variants in lexicon.variants.items()}
        best = max(matched.values(), default=0)
        for concept, length in matched.items():
            if best and length == best:
                by_concept.setdefault(concept, []).append(category)
    pairs = sorted(((v, c) for c, vs in lexicon.variants.items() if c in by_concept for v in vs),
                   key=lambda pair: -len(pair[0]))
    return CategoryMap({c: tuple(cats) for c, cats in by_concept.items()}, tuple(pairs))


def category_intent(query: str, category_map: CategoryMap) -> tuple[str, ...]:
    """Catalog categories the query names, longest spelling first; each span counts once."""
    text = _compact(query)
    found: list[str] = []
    for variant, concept in category_map.variants:
        at = text.find(variant)
        if at < 0:
            continue
        text = text[:at] + "\0" * len(variant) + text[at + len(variant):]
        for category in category_map.by_concept[concept]:
            if category not in found:
                found.append(category)
    return tuple(found)


def _names(category: str, variant: str) -> bool:
    """One-syllable variants ("립", "팩") only name a category that starts with them."""
    return variant in category if len(variant) >= 2 else category.startswith(variant)
