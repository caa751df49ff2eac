"""Which cue a denied word gives: its lexicon concepts and their synonyms, the word itself when
the lexicon lacks it, one cue per trait, and nothing from a denial inside the price phrase."""

import pytest

from engine.understanding import (CategoryLexicon, absence_cues, map_catalog_categories,
                                  review_reports, understand_query)
from tests.engine.trait_reading import concepts


def test_an_unknown_denied_noun_is_its_own_cue(morpheme_analyzer, lexicon):
    cues = absence_cues(morpheme_analyzer.analyze("엘베에서 민폐 안 될 향수"), lexicon)
    assert [cue.label for cue in cues] == ["민폐"]


def test_an_unknown_denied_predicate_is_its_own_cue(morpheme_analyzer, lexicon):
    cues = absence_cues(morpheme_analyzer.analyze("바르고 나서 미끄러운 거 싫어요"), lexicon)
    assert [cue.label for cue in cues] == ["미끄럽"]
    reports = review_reports([morpheme_analyzer.analyze("바르면 좀 미끄러워요"),
                              morpheme_analyzer.analyze("하나도 안 미끄러워요")], cues[0])
    assert reports.present == (0,) and reports.absent == (1,)


def test_a_word_denied_in_a_wish_is_still_a_cue_without_the_lexicon(morpheme_analyzer, lexicon):
    assert concepts(morpheme_analyzer, lexicon, "파라벤 없는 크림") == {"파라벤"}


def test_a_stem_kiwi_splits_still_names_its_trait(morpheme_analyzer, lexicon):
    # "떡지다" comes out as 떡 + 지; the lexicon spells it whole.
    cues = absence_cues(morpheme_analyzer.analyze("머리에 발라도 떡지지 않는 헤어오일"), lexicon)
    assert any("유분" in cue.label.split("/") for cue in cues)
    reports = review_reports([morpheme_analyzer.analyze("바르면 머리가 떡져요"),
                              morpheme_analyzer.analyze("전혀 떡지지 않아요")], cues[0])
    assert reports.present == (0,) and reports.absent == (1,)


def test_colloquial_tightness_names_the_tightness_trait(morpheme_analyzer, lexicon):
    cues = absence_cues(morpheme_analyzer.analyze("세수하고 땡기는 거 싫어요"), lexicon)
    assert [cue.label for cue in cues] == ["당김"]
    reports = review_reports([morpheme_analyzer.analyze("세안 후에 좀 당겨요"),
                              morpheme_analyzer.analyze("하나도 안 땡겨요")], cues[0])
    assert reports.present == (0,) and reports.absent == (1,)


@pytest.mark.parametrize("query, concept, complaint, praise", [
    ("쿨링감 없는 선크림", "쿨링감", "화한 느낌이 강해요", None),
    ("잔여감 없는 클렌징오일", "잔여감", "잔여물이 남는 느낌이에요", "씻고 나면 개운해요"),
    ("뻣뻣해지지 않는 샴푸", "뻣뻣함", "머리가 뻣뻣해져요", "머릿결이 부드러워졌어요"),
    ("다크닝 없는 쿠션", "다크닝", "시간 지나면 변색돼요", None),
    ("백탁 없는 선크림", "백탁", "얼굴이 하얗게 떠요", "투명하게 발려요"),
    ("안 뻑뻑한 크림", "무거움", "너무 뻑뻑해서 안 펴발려요", "가볍게 발려요"),
])
def test_widened_traits_read_queries_complaints_and_praise(morpheme_analyzer, lexicon, query,
                                                           concept, complaint, praise):
    cue = next(c for c in absence_cues(morpheme_analyzer.analyze(query), lexicon)
               if concept in c.label.split("/"))
    assert review_reports([morpheme_analyzer.analyze(complaint)], cue).present == (0,)
    if praise:
        assert review_reports([morpheme_analyzer.analyze(praise)], cue).absent == (0,)


@pytest.mark.parametrize("query, review, present", [
    ("무겁지 않은 크림", "바르면 좀 텁텁하고 답답해요", True),
    ("무겁지 않은 크림", "물처럼 가볍고 흡수 빠름", False),
    ("알콜 없는 토너", "알코올 냄새가 좀 나요", True),
])
def test_heaviness_and_alcohol_have_their_synonyms(morpheme_analyzer, lexicon, query,
                                                             review, present):
    from engine.understanding import review_reports
    cue = absence_cues(morpheme_analyzer.analyze(query), lexicon)[0]
    reports = review_reports([morpheme_analyzer.analyze(review)], cue)
    assert (reports.present, reports.absent) == (((0,), ()) if present else ((), (0,)))


def test_a_trait_covered_by_another_cue_is_not_counted_twice(morpheme_analyzer, lexicon):
    cues = absence_cues(morpheme_analyzer.analyze("기름 바른 것처럼 떡지는 건 싫어요"), lexicon)
    assert [cue.label for cue in cues] == ["뭉침/유분"]


@pytest.mark.parametrize("query", ["남친 선물용 향수 5만원 안 넘게", "향수 3만원 안 넘는 걸로",
                                   # the price's 안 must not reach back to "냄새 잡아줄 거"
                                   "여름 출근길 땀 냄새 잡아줄 거 2만 원 안 넘는 걸로"])
def test_a_negated_price_is_not_an_absent_trait(morpheme_analyzer, lexicon, query):
    intent = understand_query(query, morpheme_analyzer.analyze(query), lexicon,
                              map_catalog_categories((), CategoryLexicon({})))
    assert intent.price is not None and intent.absent_traits == ()


def test_a_trait_outside_the_price_phrase_is_still_read(morpheme_analyzer, lexicon):
    query = "2만원 안 넘는 향 없는 바디로션"
    intent = understand_query(query, morpheme_analyzer.analyze(query), lexicon,
                              map_catalog_categories((), CategoryLexicon({})))
    assert [cue.label for cue in intent.absent_traits] == ["향"]


def test_a_price_refusal_does_not_deny_the_wish_before_it(morpheme_analyzer, lexicon):
    query = "예민할 때 쓸 순한 거 2만원 넘으면 안돼요"  # 안돼요 refuses the price, not 순한 거
    intent = understand_query(query, morpheme_analyzer.analyze(query), lexicon,
                              map_catalog_categories((), CategoryLexicon({})))
    assert [cue.label for cue in intent.absent_traits] == ["자극"]


@pytest.mark.parametrize("query", [
    "틴트 바르고 한 시간만 지나면 색이 하나도 안 남아요",   # a plain statement of the failure
    "머리 감아도 스프레이가 안 씻겨요",
    "클렌징폼으로 세안해도 마스카라가 안 지워지고 번져요",  # washing conceded: it will not come off
    "바쁠 땐 아무것도 안 바르고 출근해요",                  # using nothing is a routine
])
def test_a_failure_the_shopper_reports_is_no_absent_trait(morpheme_analyzer, lexicon, query):
    assert absence_cues(morpheme_analyzer.analyze(query), lexicon) == ()


@pytest.mark.parametrize("query, concept", [
    ("세수해도 안 지워지는 선크림", "지워짐"),           # the product wanted, described
    ("땀 흘려도 안 번지고 오래 가는 마스카라", "번짐"),  # a concession that is not washing
])
def test_a_denial_describing_the_product_wanted_stays_a_cue(morpheme_analyzer, lexicon, query,
                                                             concept):
    assert concept in concepts(morpheme_analyzer, lexicon, query)
