"""Category words in queries, mapped onto each catalog's own category names."""

from engine.understanding import (CATEGORIES_FILE, CategoryLexicon, category_intent,
                                  map_catalog_categories)

LEXICON = CategoryLexicon.load(CATEGORIES_FILE)


def test_the_same_query_finds_differently_named_sunscreen_categories():
    for catalog, expected in ((["크림", "선크림", "토너"], "선크림"),
                              (["스킨케어", "선케어", "헤어"], "선케어"),
                              (["자외선차단", "립메이크업"], "자외선차단")):
        mapping = map_catalog_categories(catalog, LEXICON)
        for query in ("썬크림 추천", "자외선 차단제 찾아요", "선블록 뭐가 좋아요"):
            assert category_intent(query, mapping) == (expected,)


def test_longest_name_wins_so_sunscreen_is_not_a_cream():
    mapping = map_catalog_categories(["크림", "선크림"], LEXICON)
    assert category_intent("톤업 선크림", mapping) == ("선크림",)
    assert category_intent("수분 크림", mapping) == ("크림",)


def test_compound_catalog_names_match_through_their_parts():
    mapping = map_catalog_categories(["쿠션·파운데이션", "스킨/토너", "에센스·앰플"], LEXICON)
    assert category_intent("지성용 파데", mapping) == ("쿠션·파운데이션",)
    assert category_intent("순한 스킨", mapping) == ("스킨/토너",)
    assert category_intent("히알루론 앰플", mapping) == ("에센스·앰플",)


def test_no_category_word_no_intent_and_absent_concepts_are_ignored():
    mapping = map_catalog_categories(["크림", "토너"], LEXICON)
    assert category_intent("겨울에 건조해요", mapping) == ()
    assert category_intent("머스크 향수", mapping) == ()
