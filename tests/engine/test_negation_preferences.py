"""Absence cues a query gives without a negation: one prefixed word or a preference."""

import pytest

from engine.understanding import absence_cues
from tests.engine.trait_reading import concepts


@pytest.mark.parametrize("query, concept", [
    ("무자극 클렌저", "자극"),
    ("무향료 크림 찾아요", "향"),
    ("순한 토너 추천", "자극"),
    ("순하고 촉촉한 크림", "자극"),
    ("임신 중이라 냄새 없는 순한 스킨", "자극"),
    ("임신 중이라 냄새 없는 순한 스킨", "향"),
    ("하얗게 뜨는 거 말고 투명한 선크림", "백탁"),
])
def test_a_preference_or_a_prefixed_word_asks_for_absence(morpheme_analyzer, lexicon, query,
                                                          concept):
    assert concept in concepts(morpheme_analyzer, lexicon, query)


@pytest.mark.parametrize("query", ["안 순한 거", "무기자차 선크림", "촉촉한 크림"])
def test_a_denied_preference_or_an_unrelated_prefixed_word_is_no_cue(morpheme_analyzer,
                                                                     lexicon, query):
    assert "자극" not in concepts(morpheme_analyzer, lexicon, query)
    assert "당김" not in concepts(morpheme_analyzer, lexicon, query)


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


@pytest.mark.parametrize("query, concept", [
    ("얼굴에 바를 크림인데 향에 진짜 예민해서요", "향"),
    ("자극에 민감한 편이라 토너 고르기 힘들어요", "자극"),
    ("향료 알레르기 있어서 바디로션 찾아요", "향"),
])
def test_a_shopper_sensitive_to_a_trait_asks_for_its_absence(morpheme_analyzer, lexicon,
                                                             query, concept):
    assert concept in concepts(morpheme_analyzer, lexicon, query)


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


@pytest.mark.parametrize("query", ["예민한 피부에 쓸 크림", "피부가 민감해서 향 좋은 크림 찾아요"])
def test_sensitive_skin_alone_names_no_trait(morpheme_analyzer, lexicon, query):
    assert "향" not in concepts(morpheme_analyzer, lexicon, query)


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
