"""Quotes speak to the need: not a sentence that only names the product type, never one that
reports the problem the query's concern is made of (real Kiwi and e5)."""

from dataclasses import replace

import pytest

from engine.ranking.params import RankingParams
from engine.understanding import CONCERNS_FILE, ConcernLexicon
from engine.understanding._problems import problem_traits

NAMES_THE_TYPE = "꿀광 라인 크림까지 샀어요ㅎㅎ"
MOISTURE = "겨울 내내 건조함 없이 촉촉하게 지냈어요"
TIGHT = "바르고 나서 얼굴이 당기는 듯한 조이는 느낌이에요"
SOLVED = "얼굴이 자꾸 당겼는데 이거 쓰고 많이 나아졌어요"
FIRM = "탄력이 생긴 것 같아요"

PRODUCTS = [
    ("glow", "크림", "꿀광 수분 크림", [(f"{NAMES_THE_TYPE} {MOISTURE}", 5)]),
    # a lifting cream: its one review that mentions tightness reports it, the other praises
    # something else
    ("lift", "크림", "리프팅 크림", [(f"{TIGHT} {FIRM}", 5), ("용기가 고급스러워요", 5)]),
    # tightness told as the problem it solved
    ("calm", "크림", "장벽 크림", [(f"{SOLVED} 향도 은은해요", 5)]),
]


@pytest.fixture
async def need_engine(catalog_engine):
    return await catalog_engine([{"product_id": pid, "category": category, "name": name,
                                  "description": f"{name}입니다.", "reviews": reviews}
                                 for pid, category, name, reviews in PRODUCTS])


def quote_of(response, product_id):
    return next(r for r in response.results if r.product.product_id == product_id).evidence


@pytest.mark.parametrize("mode", ["keyword", "hybrid"])
async def test_a_sentence_naming_only_the_product_type_loses_to_one_about_the_need(need_engine,
                                                                                 mode):
    response = await need_engine.search_products("보습 크림", top_n=3, mode=mode)
    assert quote_of(response, "glow").text == MOISTURE


async def test_the_product_type_words_count_again_when_switched_back_on(need_engine):
    engine = need_engine.with_ranking(replace(RankingParams(), quote_need_terms=False))
    response = await engine.search_products("보습 크림", top_n=3, mode="keyword")
    assert quote_of(response, "glow").text == NAMES_THE_TYPE


@pytest.mark.parametrize("mode", ["semantic", "hybrid"])
async def test_a_report_of_the_problem_the_query_wants_gone_is_never_quoted(need_engine, mode):
    response = await need_engine.search_products("겨울에 얼굴 땅기는 거 잡아줄 크림", top_n=3,
                                                 mode=mode)
    assert quote_of(response, "lift").text != TIGHT


@pytest.mark.parametrize("mode", ["semantic", "hybrid"])
async def test_the_problem_told_as_solved_may_still_be_quoted(need_engine, mode):
    response = await need_engine.search_products("겨울에 얼굴 땅기는 거 잡아줄 크림", top_n=3,
                                                 mode=mode)
    assert quote_of(response, "calm").text == SOLVED


@pytest.fixture(scope="module")
def concerns() -> ConcernLexicon:
    return ConcernLexicon.load(CONCERNS_FILE)


@pytest.mark.parametrize("query, expected", [
    ("보습 크림", "당김"),
    ("겨울에 얼굴 땅기는 거 잡아줄 크림", "당김"),
    ("얼굴이 잘 빨개지고 화끈거려요", "자극"),
])
def test_a_concern_names_the_defects_it_is_made_of(query, expected, concerns, lexicon,
                                                   morpheme_analyzer):
    found = problem_traits(morpheme_analyzer.analyze(query), concerns, lexicon)
    assert expected in {cue.label for cue in found}


@pytest.mark.parametrize("query", ["향 좋은 크림", "쿨링감 있는 두피 샴푸", "향이 오래 가는 향수"])
def test_a_trait_some_shoppers_want_is_not_a_problem(query, concerns, lexicon,
                                                     morpheme_analyzer):
    found = problem_traits(morpheme_analyzer.analyze(query), concerns, lexicon)
    assert not {"향", "쿨링감"} & {cue.label for cue in found}


def test_a_trait_the_query_denies_is_left_to_its_absence_cue(concerns, lexicon,
                                                            morpheme_analyzer):
    from engine.understanding import absence_cues

    morphemes = morpheme_analyzer.analyze("얼굴 안 땅기는 보습 크림")
    denied = absence_cues(morphemes, lexicon)
    assert "당김" in {cue.label for cue in denied}
    assert "당김" not in {cue.label for cue in problem_traits(morphemes, concerns, lexicon, denied)}


ROOT_PRODUCTS = [
    ("balm", "립", "멜팅 립밤", [("순하고 색이 예뻐요", 5), ("촉촉하고 순함", 5)]),
]


async def test_a_root_in_the_query_meets_its_adjective_in_a_review(catalog_engine):
    # Kiwi reads "촉촉해지는" as the root 촉촉 and a suffix, "촉촉하고 순함" as the stem 촉촉하;
    # in keyword mode only a sentence that shares a query word is quoted
    engine = await catalog_engine([{"product_id": pid, "category": category, "name": name,
                                    "description": f"{name}입니다.", "reviews": reviews}
                                   for pid, category, name, reviews in ROOT_PRODUCTS])
    response = await engine.search_products("입술 촉촉해지는 립밤", top_n=1, mode="keyword")
    assert quote_of(response, "balm").text == "촉촉하고 순함"


TYPED_PRODUCTS = [
    ("moist", "크림", "데일리 크림", [("수분이 꽉 차서 하루 종일 편해요", 5)]),
    ("named", "크림", "리치 크림", [("수분크림 여러 개 써봤는데 이게 제일 나아요", 5)]),
]


@pytest.fixture
async def typed_engine(catalog_engine):
    return await catalog_engine([{"product_id": pid, "category": category, "name": name,
                                  "description": f"{name}입니다.", "reviews": reviews}
                                 for pid, category, name, reviews in TYPED_PRODUCTS])


async def test_the_word_before_the_product_type_is_the_need_a_review_may_meet(typed_engine):
    # "수분 크림" is a cream for moisture: 수분 is the need, not part of the type's name
    response = await typed_engine.search_products("수분 크림", top_n=2, mode="keyword")
    assert quote_of(response, "moist").source == "review"


async def test_a_review_that_only_names_the_product_type_is_not_quoted(typed_engine):
    response = await typed_engine.search_products("수분 크림", top_n=2, mode="keyword")
    assert quote_of(response, "named").source == "listing"
