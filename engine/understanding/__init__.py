"""Query understanding: category intent, price limits and absence cues (pure functions).

`_categories` finds the category words, `_scene` tells a word that only sets the scene
("아이섀도가 눈가 주름에 껴요") from the product wanted, `_audience` finds a line the query
implies but never names (the men's line for "아빠 생신 선물로 스킨로션").

The negation reader is data plus one matcher: `_tags` names Kiwi's tag groups and the absence
prefixes once; `_match` matches a row's trigger (a sequence of morpheme tests) in its scope;
`_denials` holds the rows that deny a trait ("없는", "안 …", "-지 않는", "…는 거 싫어요"),
`_asides` those that make a review's mention report nothing, `_use_effects` the conditions of
use, `_wishes` the sensitivities ("향에 예민해서"). `_negation` walks a word's scopes and asks their rows; `_traits` turns the readings into
absence cues and review reports. A new reading is a new row with a case in
`tests/engine/test_negation_patterns.py`.
"""

from pathlib import Path

from engine.understanding._audience import implied_categories
from engine.understanding._categories import (CategoryLexicon, CategoryMap, CategoryMention,
                                              category_intent, category_mentions,
                                              map_catalog_categories, need_modifier)
from engine.understanding._lines import (CatalogNames, catalog_names, lines_no_product_names,
                                         product_names_text, uncarried_lines)
from engine.understanding._concerns import (ConcernLexicon, concern_expansion, named_concerns,
                                            query_concerns, with_concern_names)
from engine.understanding._degrees import degree_reports, lessened_cues
from engine.understanding._intent import QueryIntent, understand_query
from engine.understanding._negation import is_negated, negated_positions
from engine.understanding._price import PriceLimit, parse_price_limit
from engine.understanding._scene import scene_categories
from engine.understanding._turns import is_contrast
from engine.understanding._traits import (LIGHT_WORDS as GENERAL_WORDS, AbsenceCue, TraitLexicon, TraitReports, absence_cues,
                                          complaint_share, disliked_trait_positions,
                                          review_reports, spelled_words)

DATA_DIR = Path(__file__).resolve().parent.parent.parent / "data"
TRAITS_FILE = DATA_DIR / "trait_synonyms.json"
CATEGORIES_FILE = DATA_DIR / "category_synonyms.json"
CONCERNS_FILE = DATA_DIR / "concern_lexicon.json"
USER_WORDS_FILE = DATA_DIR / "cosmetics_words.txt"


def load_user_words(path: Path = USER_WORDS_FILE) -> tuple[tuple[str, str], ...]:
    """Cosmetics words for Kiwi's user dictionary (word<TAB>tag lines, # comments)."""
    rows = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, tag = line.split("\t")
            rows.append((word.strip(), tag.strip()))
    return tuple(rows)


__all__ = ["AbsenceCue", "GENERAL_WORDS", "CategoryLexicon", "CategoryMap", "CategoryMention", "ConcernLexicon",
           "PriceLimit", "concern_expansion", "named_concerns", "query_concerns",
           "with_concern_names", "CONCERNS_FILE",
           "QueryIntent", "TraitLexicon", "TraitReports", "absence_cues", "category_intent",
           "category_mentions", "complaint_share", "degree_reports", "lessened_cues", "disliked_trait_positions", "implied_categories", "is_contrast",
           "is_negated", "lines_no_product_names", "CatalogNames", "catalog_names", "load_user_words", "map_catalog_categories",
           "need_modifier",
           "negated_positions",
           "parse_price_limit", "product_names_text", "review_reports", "scene_categories",
           "spelled_words", "uncarried_lines",
           "understand_query",
           "CATEGORIES_FILE", "TRAITS_FILE"]
