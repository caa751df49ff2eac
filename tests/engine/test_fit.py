"""The "does anything fit?" judgement: refuse what no shopper of the catalog would ask,
never an ordinary query."""

from dataclasses import replace

import numpy as np
import pytest

from engine.query_plan import QueryPlan
from engine.ranking.fit import JUDGE, fit_evidence, reads_a_need
from engine.ranking.params import RankingParams
from engine.understanding import QueryIntent
from engine.understanding._price import PriceLimit

FREQUENCIES = {"추천": 40, "좋": 45, "크림": 12, "각질": 3, "보습": 20}


def evidence(terms, similarities=None):
    return fit_evidence(terms, lambda t: FREQUENCIES.get(t, 0), 48, similarities)


def test_specific_catalog_words_count_more_than_words_every_review_uses():
    assert evidence(["각질"]).specificity > evidence(["추천"]).specificity > 0
    assert evidence(["노트북", "추천"]).unknown == ("노트북",)


def test_bigrams_are_not_words_and_repeats_count_once():
    assert evidence(["각질", "#각질", "각질"]).words == ("각질",)


def test_a_standout_document_scores_above_a_flat_catalog():
    flat = np.full(50, 0.8) + np.linspace(0, 0.01, 50)
    standout = flat.copy()
    standout[7] = 0.95
    assert evidence(["크림"], standout).semantic_z > evidence(["크림"], flat).semantic_z
    assert evidence(["크림"]).semantic_z is None


def test_nothing_to_search_for_is_refused():
    assert JUDGE.nothing_fits(evidence([]), QueryPlan(text="ㅋㅋㅋ"))


def test_an_off_domain_request_with_a_flat_catalog_is_refused():
    flat = np.random.default_rng(1).normal(0.8, 0.02, 200)
    assert JUDGE.nothing_fits(evidence(["노트북", "추천"], flat), QueryPlan(text="노트북 추천"))


def test_a_specific_need_with_a_standout_review_is_answered():
    sims = np.random.default_rng(1).normal(0.8, 0.02, 200)
    sims[3] = 0.95
    assert not JUDGE.nothing_fits(evidence(["각질", "보습"], sims), QueryPlan(text="각질 보습"))


def test_a_query_within_a_chosen_category_is_refused_only_with_nothing_to_search_for():
    flat = np.random.default_rng(1).normal(0.8, 0.02, 200)
    weak = evidence(["노트북", "추천"], flat)
    chosen = QueryPlan(text="x", categories=("크림",))
    assert JUDGE.nothing_fits(weak, QueryPlan(text="x"))
    assert not JUDGE.nothing_fits(weak, chosen)
    assert JUDGE.nothing_fits(evidence([]), chosen)


def test_speaking_the_shops_language_makes_a_fit_likelier():
    sims = np.random.default_rng(1).normal(0.8, 0.02, 200)
    sims[0] = 0.9
    middling = evidence(["각질", "추천"], sims)
    speaking = replace(middling, speaks_domain=True)
    for model in (JUDGE.with_meaning, JUDGE.words_only):
        assert model.chance_nothing_fits(speaking) < model.chance_nothing_fits(middling)

    strange = evidence(["각질", "노트북"], sims)
    assert JUDGE.nothing_fits(strange, QueryPlan(text="x"))
    assert not JUDGE.nothing_fits(replace(strange, speaks_domain=True), QueryPlan(text="x"))


def test_a_need_told_at_length_is_answered():
    flat = np.random.default_rng(1).normal(0.8, 0.02, 200)
    told = evidence(["아침", "눈두덩이", "만두", "부풀", "회사", "민망"], flat)
    assert told.unknown and not JUDGE.nothing_fits(told, QueryPlan(text="x"))
    assert JUDGE.nothing_fits(evidence(["눈두덩이", "만두"], flat), QueryPlan(text="x"))


def test_a_query_of_catalog_words_only_is_answered():
    flat = np.random.default_rng(1).normal(0.8, 0.02, 200)
    assert not JUDGE.nothing_fits(evidence(["추천", "좋"], flat), QueryPlan(text="추천 좋아요"))


@pytest.mark.parametrize("intent", [
    QueryIntent(categories=("크림",)),                  # the query names a category
    QueryIntent(price=PriceLimit(at_most=20000)),
    QueryIntent(concern_terms=(("건조", 1.0),)),
])
def test_a_need_the_reading_found_or_a_dictionary_word_speaks_the_shops_language(intent):
    assert reads_a_need(intent) and not reads_a_need(QueryIntent())


async def test_the_engine_says_nothing_fits_for_gibberish_and_other_domains(mini_engine):
    for query in ("asdfgh", "ㅋㅋㅋㅋ", "부산 맛집 알려줘"):
        response = await mini_engine.search_products(query, top_n=5)
        assert response.results == () and response.nothing_fits, query


async def test_the_engine_answers_ordinary_queries_however_phrased(mini_engine):
    for query in ("겨울에 얼굴 땅기는 거 잡아줄 크림", "보습", "크림", "진정", "눈 안 시린 거 없나여",
                  # where or when it is used, in words no product uses: a scene, not a line
                  "수영장 크림", "군대 크림 추천"):
        response = await mini_engine.search_products(query, top_n=5)
        assert response.results and not response.nothing_fits, query


async def test_switching_the_judgement_off_answers_everything(mini_engine):
    engine = mini_engine.with_ranking(replace(RankingParams(), judge_fit=False))
    response = await engine.search_products("asdfgh", top_n=5)
    assert response.results and not response.nothing_fits


@pytest.fixture(scope="module")
def category_lexicon():
    from engine.understanding import CATEGORIES_FILE, CategoryLexicon
    return CategoryLexicon.load(CATEGORIES_FILE)


SHOP = ("스킨/토너", "크림/로션", "선케어", "헤어케어", "립메이크업", "바디/핸드", "클렌징/필링")


@pytest.mark.parametrize("query, lines", [
    ("젤네일 오래가는 거", ("젤네일",)),            # the head of nouns written together
    ("은은한 여자 향수 추천해 주세요", ("향수",)),   # a request noun ends the compound
    ("네일 리무버 냄새 안나는거", ("네일리무버",)),  # nouns written apart make one head
    ("손톱 영양제 머씀", ("손톱영양제",)),
    ("고양이 샴푸", ()),                           # 샴푸 is carried
    ("자극이 덜한 각질제거제", ()),                  # "클렌징/필링" carries 필링
    ("남자 스킨케어 추천", ()),                     # 스킨 is no head in 스킨케어
    ("립밤 추천", ()),                             # a spelling of a carried concept too
    ("매트 립스틱", ()),                            # "립메이크업" starts with its 립
])
def test_lines_the_catalog_does_not_carry(query, lines, category_lexicon, morpheme_analyzer):
    from engine.understanding import uncarried_lines
    assert uncarried_lines(morpheme_analyzer.analyze(query), category_lexicon, SHOP) == lines


def test_each_catalog_is_read_with_its_own_lines(category_lexicon, morpheme_analyzer):
    from engine.understanding import uncarried_lines
    morphemes = morpheme_analyzer.analyze("젤네일 오래가는 거")
    assert uncarried_lines(morphemes, category_lexicon, SHOP) == ("젤네일",)
    assert uncarried_lines(morphemes, category_lexicon, SHOP + ("네일",)) == ()
    assert uncarried_lines(morphemes, category_lexicon, SHOP) == ("젤네일",)


@pytest.mark.parametrize("query, lines", [
    ("네일 리무버 냄새 안나는거", ("네일리무버",)),  # its remover is of the nail line
    ("네일 리무버랑 클렌징폼", ()),                 # a carried line asked for beside it
    ("향수 냄새 안 나는 바디로션", ()),              # the lotion stands in a phrase of its own
])
def test_a_carried_category_asks_for_the_shop_only_outside_the_lines_phrase(
        query, lines, category_lexicon, morpheme_analyzer):
    from engine.understanding import category_mentions, map_catalog_categories, uncarried_lines
    morphemes = morpheme_analyzer.analyze(query)
    mentions = category_mentions(query, map_catalog_categories(SHOP, category_lexicon), morphemes)
    assert mentions
    assert uncarried_lines(morphemes, category_lexicon, SHOP, mentions) == lines


@pytest.mark.parametrize("lines, names, kept", [
    (("미스트",), ["쿨링 아쿠아 미스트 토너 120ml"], ()),    # filed under a category of its own
    (("젤네일",), ["젤 네일 탑코트"], ()),                  # spelt apart in the name
    (("아이크림",), ["펩타이드 아이 세럼 20ml"], ()),        # a longer spelling of its concept
    (("젤네일",), ["네일 & 큐티클 케어 오일 펜"], ("젤네일",)),  # only the concept's bare root
    (("젤네일", "향수"), ["시어 버터 핸드크림"], ("젤네일", "향수")),
])
def test_a_line_a_product_name_spells_is_carried(lines, names, kept, category_lexicon):
    from engine.understanding import lines_no_product_names, product_names_text
    assert lines_no_product_names(lines, category_lexicon, product_names_text(names)) == kept


HAIR_NAMES = (("비오틴 탈모 샴푸 500ml", "헤어케어"), ("실크 헤어 에센스", "헤어케어"),
              ("퍼퓸 바디 미스트", "바디/핸드"))


@pytest.mark.parametrize("query, lines", [
    ("새치 염색약 추천해 주세요", ("염색약",)),   # 헤어 is carried, its dye line is not
    ("손상모 헤어오일 윤기 나는 거", ()),         # a name spells the leave-in line's 헤어에센스
    ("탈모샴푸 정수리 휑해요", ()),               # and the shampoo line's 샴푸
    ("건성 바디로션 대용량", ("바디로션",)),      # a body mist is no body lotion
    ("두피케어 추천", ()),                        # a spelling of no line: the concept decides
])
def test_a_line_within_a_carried_concept_needs_a_name_that_spells_it(
        query, lines, category_lexicon, morpheme_analyzer):
    from engine.understanding import catalog_names, uncarried_lines
    morphemes = morpheme_analyzer.analyze(query)
    names = catalog_names(HAIR_NAMES)
    assert uncarried_lines(morphemes, category_lexicon, SHOP, (), names) == lines
    # without the names only concepts are judged, and every one of these is carried
    assert uncarried_lines(morphemes, category_lexicon, SHOP) == ()


def test_a_brow_pencil_is_no_line_of_a_shop_of_mascaras(category_lexicon, morpheme_analyzer):
    from engine.understanding import catalog_names, uncarried_lines
    morphemes = morpheme_analyzer.analyze("눈썹 펜슬 자연스러운 회갈색")  # 펜슬, not 펜 + 슬
    names = catalog_names([("슬림 브러시 마스카라", "마스카라/아이라이너"),
                           ("붓펜 아이라이너 블랙", "마스카라/아이라이너")])
    shop = ("마스카라/아이라이너",)
    assert uncarried_lines(morphemes, category_lexicon, shop, (), names) == ("눈썹펜슬",)
    assert uncarried_lines(morphemes, category_lexicon, shop + ("아이브로우",), (), names) == ()


def test_a_category_name_that_spells_the_line_carries_it(category_lexicon, morpheme_analyzer):
    from engine.understanding import catalog_names, uncarried_lines
    morphemes = morpheme_analyzer.analyze("새치 염색약 추천해 주세요")
    names = catalog_names(HAIR_NAMES)
    assert uncarried_lines(morphemes, category_lexicon, SHOP + ("염색/펌",), (), names) == ()


@pytest.mark.parametrize("query, names, lines", [
    # a product of the concept whose name ends with one of the line's last words carries it
    ("건성 바디로션 추천", [("[1+1] 시어버터 모이스처 밀크 400ml", "바디/핸드")], ()),
    ("손상모 헤어오일 추천", [("모로칸 아르간 오일 (리필)", "헤어케어")], ()),
    # not where the word stands before the product type, nor in another concept's product
    ("손상모 헤어오일 추천", [("오일 컨트롤 쿨 샴푸", "헤어케어")], ("헤어오일",)),
    ("건성 바디로션 추천", [("수분 폭탄 로션", "크림/로션"), ("퍼퓸 바디 미스트", "바디/핸드")],
     ("바디로션",)),
])
def test_a_name_that_ends_with_the_lines_last_word_carries_it(
        query, names, lines, category_lexicon, morpheme_analyzer):
    from engine.understanding import catalog_names, uncarried_lines
    morphemes = morpheme_analyzer.analyze(query)
    assert uncarried_lines(morphemes, category_lexicon, SHOP, (), catalog_names(names)) == lines


def test_a_line_is_named_by_its_own_words_only(category_lexicon):
    from engine.understanding import lines_no_product_names, product_names_text
    names = product_names_text(["비오틴 탈모샴푸 500ml"])
    assert lines_no_product_names(("헤어오일",), category_lexicon, names) == ("헤어오일",)
    assert lines_no_product_names(("탈모샴푸",), category_lexicon, names) == ()


def test_every_line_can_be_asked_for(category_lexicon):
    """A line none of whose words is a product-type spelling would never be read in a query."""
    spellings = {v for variants in category_lexicon.variants.values() for v in variants}
    assert category_lexicon.lines
    for line, words in category_lexicon.lines.items():
        assert set(words) & spellings, line


async def test_a_line_the_shop_does_not_carry_within_a_concept_it_does(mini_engine):
    assert "헤어" in mini_engine.categories()
    response = await mini_engine.search_products("새치 염색약 추천해 주세요", top_n=5)
    assert response.nothing_fits and response.unknown_words == ("염색약",)
    carried = await mini_engine.search_products("손상모 헤어오일 추천해 주세요", top_n=5)
    assert carried.results and not carried.nothing_fits


async def test_a_line_the_shop_does_not_carry_is_named(mini_engine):
    carried = " ".join(mini_engine.categories())
    assert "네일" not in carried
    response = await mini_engine.search_products("젤네일 오래가는 거", top_n=5)
    assert response.nothing_fits and response.unknown_words == ("젤네일",)
