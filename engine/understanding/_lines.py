"""Product lines a query asks for that the catalog does not carry ("젤네일" in a shop without
nail products, "향수" in one without perfume)."""

from __future__ import annotations

from typing import Sequence

from engine.keyword import Morpheme
from engine.understanding._categories import REQUEST_NOUNS, CategoryLexicon, _compact
from engine.understanding._tags import NOUNS

MIN_VARIANT_CHARS = 2  # one-syllable variants ("팩", "몸") occur inside unrelated words


def uncarried_lines(morphemes: Sequence[Morpheme], lexicon: CategoryLexicon,
                    catalog_categories: Sequence[str]) -> tuple[str, ...]:
    """The product-type words the query asks for whose concept no catalog category name
    spells. A word counts only as the head of nouns written together (Korean puts the head
    last: "젤네일" is a 네일, "스킨케어" is not a 스킨), and a concept is carried when any category
    name holds any of its spellings ("클렌징/필링" carries 필링)."""
    names = [_compact(category) for category in catalog_categories]
    carried = {concept for concept, variants in lexicon.variants.items()
               if any(v in name for v in variants if len(v) >= MIN_VARIANT_CHARS for name in names)}
    concepts: dict[str, set[str]] = {}  # a spelling may stand in several concepts (립밤)
    for concept, variants in lexicon.variants.items():
        for variant in variants:
            if len(variant) >= MIN_VARIANT_CHARS and variant not in lexicon.places:
                concepts.setdefault(variant, set()).add(concept)
    found: list[str] = []
    for run in _noun_runs(morphemes):
        for start in range(len(run)):  # the longest head first: "손톱영양제" before "영양제"
            head = _compact("".join(m.form for m in run[start:]))
            if head in concepts:
                if not concepts[head] & carried and head not in found:
                    found.append(head)
                break
    return tuple(found)


def _noun_runs(morphemes: Sequence[Morpheme]) -> list[list[Morpheme]]:
    """Nouns written together ("젤네일", "각질제거제"); a space, another word or a request noun
    ("추천", "제품") ends a run."""
    runs: list[list[Morpheme]] = []
    current: list[Morpheme] = []
    for morpheme in morphemes:
        is_part = ((morpheme.tag in NOUNS or morpheme.tag == "SL")
                   and morpheme.form not in REQUEST_NOUNS)
        joined = bool(current) and current[-1].start + current[-1].length == morpheme.start
        if current and not (is_part and joined):
            runs.append(current)
            current = []
        if is_part:
            current.append(morpheme)
    if current:
        runs.append(current)
    return runs
