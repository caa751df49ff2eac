"""A query denies a trait where it names it: 없는, 안, -지 않는, 말고, 별로, 질색, must-not,
a refused product, a denied likeness; a wish for less, a denied absence or a situation is no cue."""

import pytest

from engine.understanding import absence_cues
from tests.engine.trait_reading import concepts


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


@pytest.mark.parametrize("query", ["향 없는 건 싫어요", "지속력 약한 건 싫어요", "향이 별로예요"])
def test_a_denied_absence_or_a_plain_opinion_is_no_cue(morpheme_analyzer, lexicon, query):
    assert absence_cues(morpheme_analyzer.analyze(query), lexicon) == ()


@pytest.mark.parametrize("query, concept", [
    ("향 나는 건 질색이에요", "향"),
    ("냄새 나는 건 두통 와요", "향"),
    ("향 나는 거 극혐", "향"),
    ("끈적이는 건 피하고 싶어요", "끈적임"),
    ("기름 바른 것처럼 떡지는 건 싫어요", "유분"),
])
def test_a_strong_dislike_of_a_trait_asks_for_its_absence(morpheme_analyzer, lexicon, query,
                                                          concept):
    assert concept in concepts(morpheme_analyzer, lexicon, query)


@pytest.mark.parametrize("query, concept", [
    ("두껍게 떡지는 파데는 사양할게요", "뭉침"),
    ("끈적이는 크림은 별로", "끈적임"),
    ("향 진한 향수는 패스", "향"),
])
def test_turning_down_the_product_the_trait_describes_asks_for_its_absence(
        morpheme_analyzer, lexicon, query, concept):
    assert concept in concepts(morpheme_analyzer, lexicon, query)


@pytest.mark.parametrize("query", ["끈적이는 크림 추천", "촉촉한 크림은 별로 없나요"])
def test_a_product_asked_for_is_not_turned_down(morpheme_analyzer, lexicon, query):
    assert "끈적임" not in concepts(morpheme_analyzer, lexicon, query)


@pytest.mark.parametrize("query, concept", [
    ("바디로션 바르고 바로 옷 입어야 해서요. 끈적이는 건 사양할게요", "끈적임"),
    ("끈적이는 건 사절", "끈적임"),
    ("향수 냄새 폴폴 나는 헤어오일은 노노", "향"),
])
def test_a_refusal_of_what_has_the_trait_asks_for_its_absence(morpheme_analyzer, lexicon, query,
                                                              concept):
    assert concept in concepts(morpheme_analyzer, lexicon, query)


@pytest.mark.parametrize("query, concept", [
    ("눈 따가운 선크림은 절대 안 돼요", "눈시림"),
    ("끈적이는 크림은 안 돼요", "끈적임"),
])
def test_a_product_that_must_not_be_is_turned_down(morpheme_analyzer, lexicon, query, concept):
    labels = {cue.label for cue in absence_cues(morpheme_analyzer.analyze(query), lexicon)}
    assert concept in concepts(morpheme_analyzer, lexicon, query)
    assert "크림" not in labels


@pytest.mark.parametrize("query, concept", [
    ("기름진 얼굴처럼 보이는 쿠션은 싫어요", "유분"),
    ("하얗게 뜬 것 같은 느낌 없는 선크림", "백탁"),
])
def test_a_trait_in_a_denied_likeness_asks_for_its_absence(morpheme_analyzer, lexicon, query,
                                                           concept):
    assert concept in concepts(morpheme_analyzer, lexicon, query)


@pytest.mark.parametrize("query", ["기름진 얼굴처럼 보이는 쿠션 추천", "하얗게 뜬 것 같은 선크림"])
def test_a_likeness_asked_for_is_no_cue(morpheme_analyzer, lexicon, query):
    assert not concepts(morpheme_analyzer, lexicon, query)


@pytest.mark.parametrize("query, concept", [
    ("끈적끈적 남는 크림은 별로", "끈적임"),
    ("미끌미끌 남는 거 싫어요", "끈적임"),
    ("하루 종일 번들번들 안 하는 쿠션", "유분"),
])
def test_a_denied_mimetic_adverb_names_its_trait(morpheme_analyzer, lexicon, query, concept):
    assert concept in concepts(morpheme_analyzer, lexicon, query)


@pytest.mark.parametrize("query", ["끈적끈적 달라붙는 크림 추천", "번들번들 광나는 쿠션"])
def test_a_plain_mimetic_adverb_is_no_cue(morpheme_analyzer, lexicon, query):
    assert not concepts(morpheme_analyzer, lexicon, query)


@pytest.mark.parametrize("query", ["트러블 안 나는 선크림", "백탁 안 나는 선크림"])
def test_a_denial_kiwi_reads_as_the_pronoun_na_is_still_a_denial(morpheme_analyzer, lexicon,
                                                                 query):
    # Kiwi reads "안 나는 선크림" as 안 + 나 (I) + 는 + 선 + 크림.
    assert absence_cues(morpheme_analyzer.analyze(query), lexicon)


@pytest.mark.parametrize("query, word", [
    ("만 원 안쪽으로 운동 끝나고 샤워 못 할 때 쓸 거", "샤워"),   # a situation
    ("화장이 안 지워질 때 쓰는 클렌저", "지워짐"),
    ("비 오는 날이면 곱슬머리가 붕 떠서 정리가 안 돼요", "정리"),  # a complaint, not a wish
])
def test_a_denial_that_sets_a_situation_or_states_a_problem_is_no_cue(morpheme_analyzer, lexicon,
                                                                      query, word):
    assert word not in concepts(morpheme_analyzer, lexicon, query)
