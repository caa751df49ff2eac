"""What a query asks for beyond its words: categories, a price limit and absent traits."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from engine.keyword import Morpheme
from engine.understanding._audience import implied_categories
from engine.understanding._categories import CategoryMap, category_mentions
from engine.understanding._degrees import lessened_cues
from engine.understanding._concerns import ConcernLexicon, concern_expansion, named_concerns
from engine.understanding._scene import scene_categories
from engine.understanding._price import PriceLimit, parse_price_limit
from engine.understanding._problems import problem_traits
from engine.understanding._traits import AbsenceCue, TraitLexicon, absence_cues


@dataclass(frozen=True)
class QueryIntent:
    """The understood parts of a query; empty fields mean "nothing understood"."""

    categories: tuple[str, ...] = ()
    price: PriceLimit | None = None
    absent_traits: tuple[AbsenceCue, ...] = ()
    # traits it wishes less of, not none ("향이 은은한", "자극 덜한"): read by degree
    less_traits: tuple[AbsenceCue, ...] = ()
    modifier_categories: tuple[str, ...] = ()  # named only before another noun ("세안 파우더")
    # named only as the scene of what the query reports ("아이섀도가 눈가 주름에 껴요")
    scene_categories: tuple[str, ...] = ()
    # where those scene-setting category words stand in the text (start, end)
    scene_spans: tuple[tuple[int, int], ...] = ()
    # a line the query implies but never names: the men's line for "아빠 생신 선물로 스킨로션"
    implied_categories: tuple[str, ...] = ()
    # review words for the concerns the query describes, each with its share (0 to 1]
    concern_terms: tuple[tuple[str, float], ...] = ()
    # the same with product types and ingredients also naming their concerns ("레티놀" →
    # 주름, 탄력): what a quoted review should be about, too loose to rank by
    quote_concern_terms: tuple[tuple[str, float], ...] = ()
    concern_names: tuple[str, ...] = ()  # the concerns it clearly describes, by lexicon label
    # traits its concerns are made of ("땅기는 거 잡아줄" → tightness): unwanted though not denied
    problem_traits: tuple[AbsenceCue, ...] = ()


def understand_query(text: str, morphemes: Sequence[Morpheme], traits: TraitLexicon,
                     category_map: CategoryMap,
                     concerns: ConcernLexicon | None = None) -> QueryIntent:
    """Read category words, a price limit, absence cues and concerns from one query."""
    price = parse_price_limit(text)
    mentions = category_mentions(text, category_map, morphemes)
    categories = tuple(dict.fromkeys(m.category for m in mentions))
    heads = {m.category for m in mentions if not m.modifier}
    absent = absence_cues(morphemes, traits, price.span if price else None)
    scene = scene_categories(morphemes, mentions, category_map.places)
    quote_terms = concern_expansion(morphemes, concerns, with_related=True) if concerns else ()
    concern_terms = concern_expansion(morphemes, concerns) if concerns else ()
    return QueryIntent(
        categories=categories,
        price=price,
        absent_traits=absent,
        less_traits=lessened_cues(morphemes, traits, absent),
        modifier_categories=tuple(c for c in categories if c not in heads),
        scene_categories=scene,
        scene_spans=tuple((m.start, m.end) for m in mentions
                          if m.category in scene and m.word not in category_map.places),
        implied_categories=implied_categories(morphemes, category_map, categories),
        concern_terms=concern_terms,
        quote_concern_terms=quote_terms,
        problem_traits=problem_traits(morphemes, concerns, traits, absent) if concerns else (),
        concern_names=named_concerns(morphemes, concerns) if concerns else (),
    )
