"""What a query asks for beyond its words: categories, a price limit and absent traits."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from engine.keyword import Morpheme
from engine.understanding._categories import CategoryMap, category_intent
from engine.understanding._price import PriceLimit, parse_price_limit
from engine.understanding._traits import AbsenceCue, TraitLexicon, absence_cues


@dataclass(frozen=True)
class QueryIntent:
    """The understood parts of a query; empty fields mean "nothing understood"."""

    categories: tuple[str, ...] = ()
    price: PriceLimit | None = None
    absent_traits: tuple[AbsenceCue, ...] = ()


def understand_query(text: str, morphemes: Sequence[Morpheme], traits: TraitLexicon,
                     category_map: CategoryMap) -> QueryIntent:
    """Read category words, a price limit and absence cues from one query."""
    price = parse_price_limit(text)
    return QueryIntent(
        categories=category_intent(text, category_map),
        price=price,
        absent_traits=absence_cues(morphemes, traits, price.span if price else None),
    )
