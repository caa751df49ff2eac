"""Absence cues in queries and present/absent reports in reviews."""

import pytest

from engine.understanding import (CategoryLexicon, absence_cues, map_catalog_categories,
                                  review_reports, understand_query)
from tests.engine.trait_reading import reading


@pytest.mark.parametrize("query, concept", [
    ("향 없는 걸로요", "향"),
    ("무향 바디로션", "향"),
    ("냄새 없는 순한 스킨", "향"),
    ("백탁 없는 선크림", "백탁"),
    ("얼굴 하얗게 안 뜨는 썬크림", "백탁"),
    ("눈 안 시린 선크림", "눈시림"),
    ("눈물 나지 않는 자외선 차단제", "눈시림"),
    ("안 끈적이는 로션", "끈적임"),
    ("끈적이지 않는 거", "끈적임"),
    ("자극 없는 토너", "자극"),
    ("트러블 안 나는 크림", "트러블"),
    ("얼굴 기름지지 않는 보습제", "유분"),
    ("각질 부각되는 거 너무 싫어요", "각질"),
])
def test_query_absence_cues_name_the_trait(morpheme_analyzer, lexicon, query, concept):
    cues = absence_cues(morpheme_analyzer.analyze(query), lexicon)
    assert any(concept in cue.label.split("/") for cue in cues)


@pytest.mark.parametrize("query", ["향이 좋은 향수", "촉촉한 수분 크림", "무기자차 선크림",
                                   "1만원대 보습템 없나요", "겨울에 얼굴 땅기는 거 잡아줄 크림"])
def test_queries_without_a_denied_trait_have_no_cue(morpheme_analyzer, lexicon, query):
    assert absence_cues(morpheme_analyzer.analyze(query), lexicon) == ()


def test_an_unknown_denied_noun_is_its_own_cue(morpheme_analyzer, lexicon):
    cues = absence_cues(morpheme_analyzer.analyze("엘베에서 민폐 안 될 향수"), lexicon)
    assert [cue.label for cue in cues] == ["민폐"]


@pytest.mark.parametrize("review, present", [
    ("향이 너무 세요", True),
    ("티트리 향 엄청 강해요", True),
    ("무향이라 좋아요", False),
    ("향이 아예 없어서 임산부도 써요", False),
    ("향 1도 없음", False),
    ("향이 거의 없어요", False),
])
def test_reviews_report_scent_present_or_absent(morpheme_analyzer, lexicon, review, present):
    cue = absence_cues(morpheme_analyzer.analyze("향 없는"), lexicon)[0]
    reports = review_reports([morpheme_analyzer.analyze(review)], cue)
    assert (reports.present, reports.absent) == (((0,), ()) if present else ((), (0,)))


@pytest.mark.parametrize("review, present", [
    ("눈에 들어가도 하나도 안 시려요", False),
    ("눈가에 바르면 좀 시려요 ㅠ", True),
    ("땀이 눈에 들어가면 엄청 따가워요", True),
])
def test_reviews_report_stinging_present_or_absent(morpheme_analyzer, lexicon, review, present):
    cue = absence_cues(morpheme_analyzer.analyze("눈 안 시린 선크림"), lexicon)[0]
    reports = review_reports([morpheme_analyzer.analyze(review)], cue)
    assert bool(reports.present) is present and bool(reports.absent) is not present


def test_a_remedied_trait_counts_as_absent(morpheme_analyzer, lexicon):
    cue = absence_cues(morpheme_analyzer.analyze("각질 안 뜨는 쿠션"), lexicon)[0]
    reports = review_reports([morpheme_analyzer.analyze("각질 잘 잡아주고 촉촉해요"),
                              morpheme_analyzer.analyze("각질 부각이 심해요"),
                              morpheme_analyzer.analyze("발색이 예뻐요")], cue)
    assert reports.absent == (0,) and reports.present == (1,)


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


def test_a_stem_kiwi_splits_still_names_its_trait(morpheme_analyzer, lexicon):
    # "떡지다" comes out as 떡 + 지; the lexicon spells it whole.
    cues = absence_cues(morpheme_analyzer.analyze("머리에 발라도 떡지지 않는 헤어오일"), lexicon)
    assert any("유분" in cue.label.split("/") for cue in cues)
    reports = review_reports([morpheme_analyzer.analyze("바르면 머리가 떡져요"),
                              morpheme_analyzer.analyze("전혀 떡지지 않아요")], cues[0])
    assert reports.present == (0,) and reports.absent == (1,)


def test_an_unknown_denied_predicate_is_its_own_cue(morpheme_analyzer, lexicon):
    cues = absence_cues(morpheme_analyzer.analyze("바르고 나서 미끄러운 거 싫어요"), lexicon)
    assert [cue.label for cue in cues] == ["미끄럽"]
    reports = review_reports([morpheme_analyzer.analyze("바르면 좀 미끄러워요"),
                              morpheme_analyzer.analyze("하나도 안 미끄러워요")], cues[0])
    assert reports.present == (0,) and reports.absent == (1,)


@pytest.mark.parametrize("query, review", [
    ("향 없는 토너", "향이 좀 있긴 한데 금방 날아가요"),
    ("향 없는 토너", "알코올 냄새가 살짝 나요 금방 날아가긴 함"),
    ("안 따가운 선크림", "처음 며칠은 좀 따가웠는데 적응되니까 괜찮아요"),
    ("자극 없는 토너", "향 있는 토너 쓰면 바로 빨개지는데 이건 괜찮아요"),
    ("트러블 안 나는 크림", "트러블 피부라 순한 걸 찾았어요"),
    ("각질 안 일어나는 크림", "각질 많은 피부인데 잘 맞아요"),
])
def test_a_mention_taken_back_or_about_the_skin_reports_nothing(morpheme_analyzer, lexicon,
                                                                query, review):
    cue = absence_cues(morpheme_analyzer.analyze(query), lexicon)[0]
    reports = review_reports([morpheme_analyzer.analyze(review)], cue)
    assert (reports.present, reports.absent) == ((), ())


@pytest.mark.parametrize("review", [
    "향이 세지만 보습은 괜찮아요",
    "향이 너무 세요. 보습은 괜찮아요",
    "향이 너무 세요. 금방 날아가지도 않아요",
    "보습은 괜찮은데 향이 진해요",
])
def test_a_complaint_stays_a_complaint_when_the_next_clause_is_about_something_else(
        morpheme_analyzer, lexicon, review):
    cue = absence_cues(morpheme_analyzer.analyze("향 없는"), lexicon)[0]
    assert review_reports([morpheme_analyzer.analyze(review)], cue).present == (0,)


def test_colloquial_tightness_names_the_tightness_trait(morpheme_analyzer, lexicon):
    cues = absence_cues(morpheme_analyzer.analyze("세수하고 땡기는 거 싫어요"), lexicon)
    assert [cue.label for cue in cues] == ["당김"]
    reports = review_reports([morpheme_analyzer.analyze("세안 후에 좀 당겨요"),
                              morpheme_analyzer.analyze("하나도 안 땡겨요")], cues[0])
    assert reports.present == (0,) and reports.absent == (1,)


@pytest.mark.parametrize("query, review", [
    ("안 끈적이는 로션", "바르자마자 산뜻하게 흡수돼요"),
    ("기름지지 않는 크림", "보송하게 마무리돼요"),
    ("세안 후 당김 없는 클렌저", "씻고 나서도 촉촉해요"),
])
def test_praise_for_the_opposite_reports_the_trait_absent(morpheme_analyzer, lexicon, query,
                                                          review):
    cue = absence_cues(morpheme_analyzer.analyze(query), lexicon)[0]
    reports = review_reports([morpheme_analyzer.analyze(review)], cue)
    assert (reports.present, reports.absent) == ((), (0,))


def test_a_denied_opposite_is_not_praise(morpheme_analyzer, lexicon):
    cue = absence_cues(morpheme_analyzer.analyze("안 끈적이는 로션"), lexicon)[0]
    reports = review_reports([morpheme_analyzer.analyze("생각보다 산뜻하지 않아요")], cue)
    assert reports.absent == ()


def test_low_irritation_is_not_irritation(morpheme_analyzer, lexicon):
    cue = absence_cues(morpheme_analyzer.analyze("자극 없는 토너"), lexicon)[0]
    reports = review_reports([morpheme_analyzer.analyze("저자극이라 매일 써요")], cue)
    assert reports.present == ()


@pytest.mark.parametrize("query, concept", [
    ("향 강한 건 별로예요", "향"),
    ("끈적이는 거 말고 산뜻한 로션", "끈적임"),
    ("백탁 있으면 안 돼요", "백탁"),
    ("향료 뺀 크림", "향"),
])
def test_indirect_phrasings_deny_the_trait(morpheme_analyzer, lexicon, query, concept):
    cues = absence_cues(morpheme_analyzer.analyze(query), lexicon)
    assert any(concept in cue.label.split("/") for cue in cues)


@pytest.mark.parametrize("query, concept", [
    ("자극 적은 클렌저", "자극"),
    ("자극이 덜한 선크림", "자극"),
    ("향이 약한 샴푸", "향"),
    ("덜 끈적한 크림", "끈적임"),
    ("백탁 적은 선크림", "백탁"),
])
def test_a_trait_wished_less_is_not_wished_absent(morpheme_analyzer, lexicon, query, concept):
    cues = absence_cues(morpheme_analyzer.analyze(query), lexicon)
    assert not any(concept in cue.label.split("/") for cue in cues)


@pytest.mark.parametrize("query, review", [
    ("자극 없는 토너", "자극이 적어요"),
    ("향 없는 바디로션", "향이 약해서 좋아요"),
    ("안 끈적이는 로션", "덜 끈적여요"),
])
def test_a_review_reporting_little_of_the_trait_still_reports_it_absent(morpheme_analyzer,
                                                                       lexicon, query, review):
    assert reading(morpheme_analyzer, lexicon, query, review) == "absent"


@pytest.mark.parametrize("query", ["향 없는 건 싫어요", "지속력 약한 건 싫어요", "향이 별로예요"])
def test_a_denied_absence_or_a_plain_opinion_is_no_cue(morpheme_analyzer, lexicon, query):
    assert absence_cues(morpheme_analyzer.analyze(query), lexicon) == ()


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


def test_a_non_comedogenic_request_asks_for_no_breakouts(morpheme_analyzer, lexicon):
    cues = absence_cues(morpheme_analyzer.analyze("논코메도제닉 선크림"), lexicon)
    assert [c.label for c in cues] == ["트러블"]
