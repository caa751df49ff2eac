"""Who a product is for, when the shopper implies a line the query never names: "아빠 생신
선물로 스킨로션" points at the men's line of a catalog that has one."""

from __future__ import annotations

from typing import Sequence

from engine.keyword import Morpheme
from engine.understanding._categories import CategoryMap
from engine.understanding._tags import NOUNS


def implied_categories(morphemes: Sequence[Morpheme], category_map: CategoryMap,
                       named: Sequence[str] = ()) -> tuple[str, ...]:
    """The catalog's men's line when a noun of the query speaks of a man (아빠, 남편, 남자),
    less the categories the query names itself."""
    if not category_map.men_line:
        return ()
    if not any(m.tag in NOUNS and m.form in category_map.men_words for m in morphemes):
        return ()
    return tuple(c for c in category_map.men_line if c not in named)
