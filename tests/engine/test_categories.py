"""Category words in queries, mapped onto each catalog's own category names."""

from engine.understanding import (CATEGORIES_FILE, CategoryLexicon, category_intent,
                                  category_mentions, map_catalog_categories, need_modifier)

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


def test_a_catalogs_own_category_words_name_it_without_a_dictionary_entry():
    mapping = map_catalog_categories(["필링/스크럽", "클렌징오일/밤", "크림"], LEXICON)
    assert category_intent("각질 스크럽 추천", mapping) == ("필링/스크럽",)
    assert category_intent("클렌징오일 순한 거", mapping) == ("클렌징오일/밤",)
    assert category_intent("밤에 바르는 크림", mapping) == ("크림",)  # one syllable is too loose


def test_a_category_word_before_another_noun_is_only_a_modifier(morpheme_analyzer):
    mapping = map_catalog_categories(["클렌징폼", "필링/스크럽", "바디"], LEXICON)

    def modifiers(query):
        mentions = category_mentions(query, mapping, morpheme_analyzer.analyze(query))
        return {m.category: m.modifier for m in mentions}

    assert modifiers("효소 세안 파우더") == {"클렌징폼": True}
    assert modifiers("바디 스크럽") == {"바디": True, "필링/스크럽": False}
    assert modifiers("순한 폼클렌저 추천") == {"클렌징폼": False}
    assert modifiers("세안하고 당기지 않는 거") == {"클렌징폼": False}
    assert modifiers("뽀득한 폼클렌저 질색") == {"클렌징폼": False}  # turned down, still asked about


def test_a_concept_over_several_categories_names_the_one_closest_to_the_query_word():
    mapping = map_catalog_categories(["클렌징폼", "클렌징오일/밤", "크림"], LEXICON)
    assert category_intent("폼클렌저 추천좀", mapping) == ("클렌징폼",)
    assert set(category_intent("순한 세안제", mapping)) == {"클렌징폼", "클렌징오일/밤"}


OLIVE_STYLE = ["스킨/토너", "크림", "아이크림", "미스트/오일", "선크림", "선스틱", "립메이크업", "립케어",
               "쿠션", "파우더/팩트", "프라이머/베이스", "블러셔", "바디로션/크림", "핸드케어",
               "샴푸/린스", "헤어에센스", "마스크팩", "향수", "클렌징폼/젤", "립앤아이리무버"]


def test_a_specific_product_type_is_not_read_as_its_generic_head():
    mapping = map_catalog_categories(OLIVE_STYLE, LEXICON)
    assert category_intent("눈가 크림 추천", mapping) == ("아이크림",)
    assert category_intent("아이크림 뭐가 좋아요", mapping) == ("아이크림",)
    assert category_intent("핸드크림 향 좋은 거", mapping) == ("핸드케어",)
    assert category_intent("수분 크림 추천", mapping) == ("크림",)  # not the eye or hand cream
    assert category_intent("선스틱 추천", mapping) == ("선스틱",)
    assert category_intent("립밤 추천", mapping) == ("립케어",)
    assert category_intent("매트 립스틱", mapping) == ("립메이크업",)
    assert category_intent("헤어 오일 추천", mapping) == ("헤어에센스",)
    assert category_intent("메이크업 베이스", mapping) == ("프라이머/베이스",)
    assert category_intent("쿠션 팩트", mapping) == ("쿠션",)
    assert category_intent("팩트 추천", mapping) == ("파우더/팩트",)
    assert category_intent("포인트 리무버", mapping) == ("립앤아이리무버",)


def test_a_specific_type_falls_back_to_its_broader_category_when_the_catalog_lacks_it():
    mapping = map_catalog_categories(["크림", "바디", "립", "쿠션/파운데이션", "마스크팩"], LEXICON)
    assert category_intent("핸드크림 추천", mapping) == ("바디",)
    assert category_intent("립밤 추천", mapping) == ("립",)
    assert category_intent("팩트 추천", mapping) == ("쿠션/파운데이션",)  # not 마스크팩 through 팩
    assert category_intent("아이크림", mapping) == ("크림",)
    assert category_intent("립크림", mapping) == ("립",)


def test_a_cream_named_by_its_product_type_is_not_the_cream_category():
    mapping = map_catalog_categories(["크림", "쿠션/파운데이션", "클렌징폼"], LEXICON)
    assert category_intent("비비크림 추천", mapping) == ("쿠션/파운데이션",)
    assert category_intent("클렌징 크림", mapping) == ("클렌징폼",)


def test_short_variants_do_not_fire_inside_unrelated_words():
    mapping = map_catalog_categories(["스킨/토너", "핸드크림", "쿠션", "파우더", "향수"], LEXICON)
    assert category_intent("화장 수정 필요 없는 쿠션", mapping) == ("쿠션",)
    assert category_intent("핸드폰에 안 묻어나는 쿠션", mapping) == ("쿠션",)
    assert category_intent("파우더리한 향수", mapping) == ("향수",)


def test_shop_style_names_are_named_by_their_path_and_gloss_parts():
    mapping = map_catalog_categories(
        ["선케어 > 선스틱", "선케어 > 선젤·선에센스", "클렌징 > 오일·밤", "헤어 > 에센스·오일",
         "에센스·세럼·앰플", "립 메이크업 (Lip Color)"], LEXICON)
    assert set(category_intent("선케어 제품", mapping)) == {"선케어 > 선스틱",
                                                        "선케어 > 선젤·선에센스"}
    assert category_intent("클렌징밤 추천", mapping) == ("클렌징 > 오일·밤",)
    assert category_intent("헤어 에센스", mapping) == ("헤어 > 에센스·오일",)
    assert category_intent("에센스 추천", mapping) == ("에센스·세럼·앰플",)  # the bare name wins
    assert category_intent("lip color", mapping) == ("립 메이크업 (Lip Color)",)


def test_the_word_before_a_type_of_the_same_concept_names_the_need():
    mapping = map_catalog_categories(["크림", "선크림", "샴푸", "아이크림"], LEXICON)
    assert need_modifier("수분크림", mapping) == "수분"   # a cream for moisture
    assert need_modifier("탈모샴푸", mapping) == "탈모"   # a shampoo against hair loss
    assert need_modifier("선크림", mapping) == ""        # sunscreen is not a kind of cream
    assert need_modifier("아이크림", mapping) == ""
    assert need_modifier("크림", mapping) == ""
