"""Category intent: "썬크림 추천" means the catalog's sunscreen category, whatever it is called.

A small dictionary maps product-type concepts to the words people use; each catalog's own
category names are mapped onto those concepts when an index is loaded.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Iterable, Mapping, Sequence

from engine.keyword import Morpheme

_SEPARATORS = re.compile(r"[\s·/,&+()|_\->]+")
# List, path and gloss separators inside a category name: "필링/스크럽", "선케어 > 선스틱",
# "립 메이크업 (Lip Color)".
_NAME_PARTS = re.compile(r"[·/,&+|>()]+")
OWN_NAME = "="  # concept key prefix for a category named by its own words
MEN_CONCEPT = "남성"  # the lexicon's concept of men's products
PLACES_KEY = "_body_parts"  # the lexicon's list of variants that name a body part
MODIFIED_NOUN_TAGS = frozenset({"NNG", "NNP", "SL"})
# Nouns that ask for (or turn down) the product rather than name another one ("선크림 추천",
# "립 제품", "번들거리는 선크림 질색").
REQUEST_NOUNS = frozenset({"추천", "제품", "템", "종류", "브랜드", "질색", "사절", "사양", "필요",
                           "구함", "문의", "질문"})


def _compact(text: str) -> str:
    return _SEPARATORS.sub("", text).lower()


@dataclass(frozen=True)
class CategoryLexicon:
    """Product-type concepts and their variant spellings (compacted, lower-case)."""

    variants: Mapping[str, tuple[str, ...]]
    # variants that name a body part ("입술", "두피"): where a product is used, not a product
    places: frozenset[str] = frozenset()
    men_markers: tuple[str, ...] = ()   # words in a category name that make it a men's line
    men_words: frozenset[str] = frozenset()  # query nouns that speak of a man
    # lines within a concept, each a tuple of its words: products a shopper cannot take for one
    # another ("바디로션" and "바디미스트" are both 바디)
    lines: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # per line, the last words of product names that name it without its words ("바디 밀크")
    line_heads: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def line_of(self, spelling: str) -> str | None:
        """The line `spelling` names, or None when it names no line."""
        return next((line for line, words in self.lines.items() if spelling in words), None)

    def line_words(self, spelling: str) -> tuple[str, ...]:
        """The words of the line `spelling` names, or () when it names no line."""
        line = self.line_of(spelling)
        return self.lines[line] if line else ()

    @classmethod
    def load(cls, path: Path) -> "CategoryLexicon":
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls({concept: tuple(sorted({_compact(w) for w in words}, key=len, reverse=True))
                    for concept, words in data.items() if not concept.startswith("_")},
                   frozenset(_compact(w) for w in data.get(PLACES_KEY, ())),
                   tuple(_compact(w) for w in data.get("_men_line_markers", ())),
                   frozenset(data.get("_men_words", ())),
                   MappingProxyType({line: tuple(_compact(w) for w in words)
                                     for line, words in data.get("_lines", {}).items()}),
                   MappingProxyType({line: tuple(_compact(w) for w in words)
                                     for line, words in data.get("_line_heads", {}).items()}))


@dataclass(frozen=True)
class CategoryMap:
    """Which catalog categories each concept names, for one catalog."""

    by_concept: Mapping[str, tuple[str, ...]]
    variants: tuple[tuple[str, str], ...]  # (variant, concept), longest variant first
    places: frozenset[str] = frozenset()  # the lexicon's body-part variants
    men_line: tuple[str, ...] = ()  # the catalog's men's categories
    men_words: frozenset[str] = frozenset()


@dataclass(frozen=True)
class CategoryMention:
    """A catalog category named in a query, where, and whether only as a modifier."""

    category: str
    start: int
    end: int
    modifier: bool = False
    word: str = ""  # the variant matched, compacted


def map_catalog_categories(categories: Iterable[str], lexicon: CategoryLexicon) -> CategoryMap:
    """Attach each catalog category to the concept(s) whose longest variant its name contains.

    The longest match wins, so "선크림" goes to sunscreen rather than to "크림"; a name like
    "쿠션·파운데이션" or "스킨/토너" still matches through any of its parts. Each part of a
    category's own name (two syllables or more) also names it, so a catalog's words work
    without a dictionary entry ("필링/스크럽" is named by "스크럽").
    """
    categories = list(categories)
    by_concept: dict[str, list[str]] = {}
    own: dict[str, dict[bool, list[str]]] = {}  # part -> qualified by a path? -> categories
    for category in categories:
        name = _compact(category)
        matched = {concept: max((len(v) for v in variants if _names(name, v)), default=0)
                   for concept, variants in lexicon.variants.items()}
        best = max(matched.values(), default=0)
        for concept, length in matched.items():
            if best and length == best:
                by_concept.setdefault(concept, []).append(category)
        for part, qualified in own_name_parts(category):
            own.setdefault(part, {}).setdefault(qualified, []).append(category)
    for part, by_qualification in own.items():
        # A part several names share ("선케어") names each; a bare one ("에센스·세럼·앰플") beats
        # one qualified by a path ("헤어 > 에센스·오일").
        by_concept[OWN_NAME + part] = by_qualification.get(False) or by_qualification[True]
    pairs = [(v, c) for c, vs in lexicon.variants.items() if c in by_concept for v in vs]
    pairs += [(part, OWN_NAME + part) for part in own]
    # Longest first; on equal length a category's own word is more specific than a concept's.
    pairs.sort(key=lambda pair: (-len(pair[0]), not pair[1].startswith(OWN_NAME)))
    men_line = [c for c in categories if c in by_concept.get(MEN_CONCEPT, ())
                or any(marker in _compact(c) for marker in lexicon.men_markers)]
    return CategoryMap({c: tuple(cats) for c, cats in by_concept.items()}, tuple(pairs),
                       lexicon.places, tuple(dict.fromkeys(men_line)), lexicon.men_words)


def own_name_parts(category: str) -> list[tuple[str, bool]]:
    """The words of a category's own name that name it (two syllables or more), each with
    whether a path qualifies it: "선케어 > 선스틱" gives 선케어, 선스틱 (qualified) and 선케어선스틱;
    "클렌징 > 오일·밤" gives 클렌징, 오일 (qualified), 클렌징오일 and 클렌징밤."""
    *parents, leaf = category.split(">")
    leaves = [_compact(p) for p in _NAME_PARTS.split(leaf) if _compact(p)]
    heads = [_compact(p) for p in _NAME_PARTS.split(parents[-1]) if _compact(p)] if parents else []
    parts = [(part, False) for parent in parents
             for part in (_compact(p) for p in _NAME_PARTS.split(parent)) if part]
    parts += [(part, bool(parents)) for part in leaves]
    parts += [(head + part, False) for head in heads for part in leaves]
    return sorted({(part, qualified) for part, qualified in parts if len(part) >= 2})


def category_intent(query: str, category_map: CategoryMap) -> tuple[str, ...]:
    """Catalog categories the query names, longest spelling first; each span counts once."""
    return tuple(dict.fromkeys(m.category for m in category_mentions(query, category_map)))


def category_mentions(query: str, category_map: CategoryMap,
                      morphemes: Sequence[Morpheme] = ()) -> list[CategoryMention]:
    """Where the query names catalog categories, longest spelling first; each span counts once.

    With the query's morphemes, a category word directly followed by another noun is marked
    as a modifier ("세안 파우더", "헤어 오일"): the noun after it is the product type asked for,
    which may sit in another category.
    """
    text, positions = _compact_with_positions(query)
    found: list[CategoryMention] = []
    for variant, concept in category_map.variants:
        at = text.find(variant)
        if at < 0:
            continue
        text = text[:at] + "\0" * len(variant) + text[at + len(variant):]
        start, end = positions[at], positions[at + len(variant) - 1] + 1
        modifier = _followed_by_noun(morphemes, end)
        for category in closest_categories(category_map.by_concept[concept], variant):
            found.append(CategoryMention(category, start, end, modifier, variant))
    return found


def need_modifier(word: str, category_map: CategoryMap) -> str:
    """The part of a product-type word that names a need rather than a type: what comes before a
    shorter word of the same concept ("수분크림" is a 크림 for moisture, "탈모샴푸" a 샴푸 against
    hair loss, so 수분 and 탈모 are the need); "" when the word names its own type ("선크림" and
    "크림" are different concepts) or the part before is itself a product type ("쿠션팩트")."""
    concepts = {concept for variant, concept in category_map.variants if variant == word}
    known = {variant for variant, _ in category_map.variants}
    for variant, concept in category_map.variants:  # longest first: the nearest head wins
        if len(variant) < len(word) and word.endswith(variant) and concept in concepts:
            prefix = word[:-len(variant)]
            return "" if prefix in known else prefix
    return ""


def closest_categories(categories: Sequence[str], word: str) -> tuple[str, ...]:
    """Of the catalog categories one concept names, those whose names share the most syllables
    with the query's word: "폼클렌저" means "클렌징폼" rather than "클렌징오일/밤", while "세안",
    sharing none, still names both."""
    if len(categories) < 2:
        return tuple(categories)
    shared = {c: len(set(_compact(c)) & set(word)) for c in categories}
    best = max(shared.values())
    return tuple(c for c in categories if shared[c] == best)


def _followed_by_noun(morphemes: Sequence[Morpheme], end: int) -> bool:
    following = next((m for m in morphemes if m.start >= end), None)
    return following is not None and following.tag in MODIFIED_NOUN_TAGS \
        and following.form not in REQUEST_NOUNS


def _compact_with_positions(text: str) -> tuple[str, list[int]]:
    """`_compact(text)` and, for each of its characters, its offset in `text`."""
    kept = [(i, ch) for i, ch in enumerate(text) if not _SEPARATORS.fullmatch(ch)]
    return "".join(ch for _, ch in kept).lower(), [i for i, _ in kept]


def _names(category: str, variant: str) -> bool:
    """One-syllable variants ("립", "팩") only name a category that starts with them."""
    return variant in category if len(variant) >= 2 else category.startswith(variant)
