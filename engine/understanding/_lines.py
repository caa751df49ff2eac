"""Product lines a query asks for that the catalog does not carry ("젤네일" in a shop without
nail products, "향수" in one without perfume, "손톱 영양제", "네일 리무버")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

from engine.keyword import Morpheme
from engine.understanding._categories import (REQUEST_NOUNS, CategoryLexicon, CategoryMention,
                                              _compact, _names)
from engine.understanding._tags import NOUNS

MIN_VARIANT_CHARS = 2  # one-syllable variants ("팩", "몸") occur inside unrelated words
_BRACKETED = re.compile(r"[\[(【][^\])】]*[\])】]")  # "[1+1]", "(리필 포함)" in shop names
_HANGUL = re.compile(r"[가-힣]")


@dataclass(frozen=True)
class CatalogNames:
    """The catalog's product names as the line rules read them; made once per snapshot."""

    text: str  # each name compacted, one per line (`product_names_text`)
    last_words: Mapping[str, frozenset[str]]  # category → the last words its names end with


def catalog_names(products: Iterable[tuple[str, str]]) -> CatalogNames:
    """`CatalogNames` of (name, category) pairs. A name's last word is its last one in Hangul
    outside brackets: Korean names the product type last ("시어버터 모이스처 밀크"), shops add
    volumes and offers after or around it ("[1+1] … 로션 400ml")."""
    names, last_words = [], {}
    for name, category in products:
        names.append(name)
        words = [w for w in _BRACKETED.sub(" ", name).split() if _HANGUL.search(w)]
        if words:
            last_words.setdefault(category, set()).add(_compact(words[-1]))
    return CatalogNames(product_names_text(names),
                        {category: frozenset(words) for category, words in last_words.items()})


def uncarried_lines(morphemes: Sequence[Morpheme], lexicon: CategoryLexicon,
                    catalog_categories: Sequence[str],
                    mentions: Sequence[CategoryMention] = (),
                    names: CatalogNames | None = None) -> tuple[str, ...]:
    """The product-type words the query asks for whose concept no catalog category name
    spells, unless one of `mentions` (the catalog categories it names) stands outside the
    noun phrases those words are in: the query then asks for a line the shop carries too.

    A word counts only as the head of nouns in a row, written together or apart (Korean puts
    the head last: "젤네일" and "손톱 영양제" are nail products, "스킨케어" is not a 스킨), and a
    concept is carried when any category name holds any of its spellings ("클렌징/필링"
    carries 필링; a one-syllable spelling only as the name's start: "립" carries 립스틱). A carried word after it in the phrase is of its line: "네일 리무버" asks for
    a nail product, not the shop's make-up removers.

    With the product `names`, a word of a line within a carried concept counts too when no
    category or product name spells any of the line's words and no product of that concept's
    categories has a name ending with one of the line's last words: "바디로션" in a shop whose
    only body products are mists, "헤어오일" in one of shampoos, but not where a "시어버터
    모이스처 밀크" stands among the body products."""
    carried, concepts = _line_concepts(lexicon, tuple(catalog_categories))
    found: list[str] = []
    phrases: list[tuple[int, int]] = []  # where the phrases naming an uncarried line stand
    for phrase in _noun_phrases(morphemes):
        heads = [head for head in _phrase_heads(phrase, concepts)
                 if not concepts[head] & carried
                 or (names is not None
                     and _line_unspelled(head, lexicon, catalog_categories, names,
                                         concepts[head] & carried))]
        heads = [h for h in heads if not any(h != other and h in other for other in heads)]
        if heads:
            found += [head for head in heads if head not in found]
            phrases.append((phrase[0].start, phrase[-1].start + phrase[-1].length))
    if any(not any(start <= m.start < end for start, end in phrases) for m in mentions):
        return ()
    return tuple(found)


_LINE_CONCEPTS: dict[tuple[int, tuple[str, ...]],
                     tuple[CategoryLexicon, frozenset[str], dict[str, set[str]]]] = {}


def _line_concepts(lexicon: CategoryLexicon, catalog_categories: tuple[str, ...]
                   ) -> tuple[frozenset[str], dict[str, set[str]]]:
    """The concepts the catalog's category names carry, and the concepts of each spelling of
    two syllables or more that names no body part; worked out once per lexicon and catalog
    (every query's reading would otherwise go over every spelling of every concept)."""
    key = (id(lexicon), catalog_categories)
    kept = _LINE_CONCEPTS.get(key)
    if kept is not None and kept[0] is lexicon:
        return kept[1], kept[2]
    names = [_compact(category) for category in catalog_categories]
    carried = frozenset(concept for concept, variants in lexicon.variants.items()
                        if any(_names(name, v) for v in variants for name in names))
    concepts: dict[str, set[str]] = {}  # a spelling may stand in several concepts (립밤)
    for concept, variants in lexicon.variants.items():
        for variant in variants:
            if len(variant) >= MIN_VARIANT_CHARS and variant not in lexicon.places:
                concepts.setdefault(variant, set()).add(concept)
    if len(_LINE_CONCEPTS) >= 64:
        _LINE_CONCEPTS.clear()
    _LINE_CONCEPTS[key] = (lexicon, carried, concepts)
    return carried, concepts


def _line_unspelled(spelling: str, lexicon: CategoryLexicon, catalog_categories: Sequence[str],
                    names: CatalogNames, concepts: set[str]) -> bool:
    """`spelling` names a line no category or product name spells a word of, and no product
    of the `concepts`' categories ends its name with one of the line's last words."""
    line = lexicon.line_of(spelling)
    if line is None:
        return False  # the common case, on every query: nothing else is worked out for it
    categories = [_compact(category) for category in catalog_categories]
    words = lexicon.lines[line]
    if any(word in names.text for word in words) or any(
            word in category for word in words for category in categories):
        return False
    heads = lexicon.line_heads.get(line, ())
    own = [original for original, category in zip(catalog_categories, categories)
           if any(_names(category, variant)
                  for concept in concepts for variant in lexicon.variants[concept])]
    return not any(last.endswith(head) for category in own
                   for last in names.last_words.get(category, ()) for head in heads)


def product_names_text(product_names: Iterable[str]) -> str:
    """The catalog's product names as `lines_no_product_names` reads them: each compacted, one
    per line; made once per snapshot."""
    return "\n".join(_compact(name) for name in product_names)


def lines_no_product_names(lines: Sequence[str], lexicon: CategoryLexicon,
                           names_text: str) -> tuple[str, ...]:
    """Of `lines`, those no product's name (in `names_text`, from `product_names_text`) spells,
    as the line is written or as a longer spelling of its concepts: a shop files its "쿨링
    아쿠아 미스트 토너" under 스킨/토너 and its "아이 세럼" under 에센스, and a shopper asking for
    a 미스트 or an 아이크림 asks for a product it carries. A two-syllable spelling is the
    concept's bare root ("네일" in "네일 & 큐티클 오일"), named by the products around a line
    too, not only by the line's own. A line within a concept is named only by its own words
    ("샴푸" does not carry "헤어오일")."""
    def named(line: str) -> bool:
        spellings = set(lexicon.line_words(line)) or {
            v for variants in lexicon.variants.values() if line in variants
            for v in variants if len(v) > MIN_VARIANT_CHARS}
        spellings.add(line)
        return any(spelling in names_text for spelling in spellings)
    return tuple(line for line in lines if not named(line))


def _phrase_heads(phrase: Sequence[Morpheme], concepts: dict[str, set[str]]) -> list[str]:
    """The product-type words that head nouns in a row of `phrase`: for each noun, the longest
    spelling ending with it ("손톱영양제" before "영양제")."""
    heads = []
    for end in range(len(phrase)):
        for start in range(end + 1):
            head = _compact("".join(m.form for m in phrase[start:end + 1]))
            if head in concepts:
                if end + 1 == len(phrase) or not _joined(phrase[end], phrase[end + 1]):
                    heads.append(head)
                break
    return heads


def _joined(before: Morpheme, after: Morpheme) -> bool:
    return before.start + before.length == after.start


def _noun_phrases(morphemes: Sequence[Morpheme]) -> list[list[Morpheme]]:
    """Nouns in a row, written together or apart ("젤네일", "손톱 영양제"); another word or a
    request noun ("추천", "제품") ends a phrase."""
    phrases: list[list[Morpheme]] = []
    current: list[Morpheme] = []
    for morpheme in morphemes:
        is_part = ((morpheme.tag in NOUNS or morpheme.tag == "SL")
                   and morpheme.form not in REQUEST_NOUNS)
        if is_part:
            current.append(morpheme)
            continue
        if current:
            phrases.append(current)
            current = []
    if current:
        phrases.append(current)
    return phrases
