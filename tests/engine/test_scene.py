"""Category words that only set the scene ("아이섀도가 눈가 주름에 껴요") against the ones that name
the product wanted ("선크림 추천"): the reading, and what it does to a search."""

import pytest

from engine.ranking.params import RankingParams
from engine.ranking.terms import keyword_term_weights, query_terms
from engine.understanding import (CATEGORIES_FILE, TRAITS_FILE, CategoryLexicon, TraitLexicon,
                                  category_mentions, map_catalog_categories, scene_categories,
                                  understand_query)

LEXICON = CategoryLexicon.load(CATEGORIES_FILE)
CATALOG = ["아이섀도", "아이크림", "프라이머", "선크림", "클렌징폼", "왁스/스타일링", "샴푸",
           "크림", "쿠션", "토너", "립"]
MAPPING = map_catalog_categories(CATALOG, LEXICON)


@pytest.fixture
def scene(morpheme_analyzer):
    def read(query):
        morphemes = morpheme_analyzer.analyze(query)
        mentions = category_mentions(query, MAPPING, morphemes)
        return set(scene_categories(morphemes, mentions, MAPPING.places))
    return read


@pytest.mark.parametrize("query, category", [
    ("아이섀도가 눈가 주름에 껴요", "아이섀도"),             # subject of what happens
    ("왁스 바른 날 머리 감아도 안 씻겨요", "왁스/스타일링"),   # object of a past use, 날
    ("선크림 바르면 얼굴이 당겨요", "선크림"),                # object of a use, -면
    ("마스카라 지울 때 속눈썹이 빠져요", "아이섀도"),          # …ㄹ 때; 속눈썹 is a body part
    ("쿠션이 오후만 되면 무너져요", "쿠션"),
])
def test_a_category_word_that_sets_the_scene_is_read_as_the_scene(scene, query, category):
    assert scene(query) == {category}


@pytest.mark.parametrize("query", [
    "지성 피부용 크림",                    # a noun at the end
    "선크림 추천",                         # before a request noun
    "쿠션 중에 안 뜨는 거",                # the set chosen from
    "세안제 뭐 써요",                      # asked about
    "쿠션 없나요",
    "하얗게 뜨는 선크림은 패스할게요",     # described by the clause before it
    "토너는 아무 향도 안 나는 걸로 주세요",  # its clause describes the product asked for
    "비타민 크림 써보고 싶은데 따끔할까 봐요",  # a wish to try it
    "쿠션이나 파데 추천",                  # one of a list
])
def test_a_category_word_that_heads_the_request_stays_wanted(scene, query):
    assert scene(query) == set()


def test_when_the_query_names_both_the_wanted_one_wins(scene):
    query = "선크림 바르면 눈이 따가워서 못 쓰겠는데 세안제 뭐 써요"
    assert scene(query) == {"선크림"}


def test_asking_for_one_after_the_scene_asks_for_one_of_the_kind_named(scene):
    assert scene("선크림만 바르면 눈이 매워서 눈 안 시린 걸로") == set()
    assert scene("선크림만 바르면 눈이 매워요") == {"선크림"}


def test_asking_for_one_that_fixes_a_problem_asks_for_another_kind(scene):
    assert scene("클렌징오일 바꾸고나서 좁쌀 올라옴 진정시킬거") == {"클렌징폼"}


def test_a_body_part_is_where_a_product_is_used_never_the_scene(scene):
    assert scene("두피가 가렵고 각질이 떨어져요") == set()
    assert scene("입술이 맨날 터서 껍질이 일어나요") == set()


PRODUCTS = [
    ("e1", "쉬머 아이섀도 팔레트", "아이섀도",
     ["아이섀도 발색이 예뻐요", "아이섀도 가루날림이 적어요", "데일리 아이섀도로 좋아요"]),
    ("e2", "매트 아이섀도 듀오", "아이섀도",
     ["아이섀도 색감이 차분해요", "아이섀도 지속력 좋아요", "아이섀도 입문용"]),
    ("k1", "리페어 아이크림", "아이크림",
     ["눈가 주름이 펴져서 화장이 덜 껴요", "눈가가 촉촉해요"]),
    ("p1", "스무딩 아이 프라이머", "프라이머",
     ["주름에 화장이 끼지 않게 잡아줘요", "오후에도 눈가가 깔끔해요"]),
]


@pytest.fixture
async def eye_engine(catalog_engine):
    return await catalog_engine([
        {"product_id": pid, "name": name, "category": category,
         "reviews": [(text, 5) for text in reviews]}
        for pid, name, category, reviews in PRODUCTS])


@pytest.mark.parametrize("mode", ["keyword", "hybrid"])
async def test_a_scene_setting_category_does_not_send_the_search_to_it(eye_engine, mode):
    query = "아이섀도가 오후만 되면 눈가 주름에 껴요"
    response = await eye_engine.search_products(query, top_n=4, mode=mode)
    assert response.results[0].product.category != "아이섀도"
    # Read as the product wanted, the eyeshadows would come first.
    wanted = eye_engine.with_ranking(RankingParams(scene_share=1.0, scene_term_share=1.0))
    as_wanted = await wanted.search_products(query, top_n=4, mode=mode)
    assert as_wanted.results[0].product.category == "아이섀도"


@pytest.mark.parametrize("query, weighed_down", [
    ("아이섀도가 오후만 되면 눈가 주름에 껴요", True),
    ("눈가 주름 안 끼는 아이섀도", False),
])
def test_a_scene_setting_category_word_weighs_less_on_the_keyword_side(morpheme_analyzer, query,
                                                                       weighed_down):
    morphemes = morpheme_analyzer.analyze(query)
    intent = understand_query(query, morphemes, TraitLexicon.load(TRAITS_FILE), MAPPING)
    terms = query_terms(morphemes, CATALOG.__contains__)
    params = RankingParams()
    weights = dict(keyword_term_weights(morphemes, intent, terms, params, CATALOG.__contains__))
    expected = params.scene_term_share if weighed_down else 1.0
    assert weights["아이섀도"] == expected and weights["주름"] == 1.0
    off = dict(keyword_term_weights(morphemes, intent, terms, RankingParams(use_categories=False),
                                    CATALOG.__contains__))
    assert off["아이섀도"] == 1.0


async def test_a_wanted_category_is_still_boosted(eye_engine):
    response = await eye_engine.search_products("눈가 주름 안 끼는 아이섀도", top_n=4,
                                                mode="keyword")
    assert response.results[0].product.category == "아이섀도"
