"""Absence cues a query gives without a negation: one prefixed word or a preference."""

import pytest

from engine.understanding import TRAITS_FILE, TraitLexicon, absence_cues


@pytest.fixture(scope="module")
def lexicon():
    return TraitLexicon.load(TRAITS_FILE)


def concepts(morpheme_analyzer, lexicon, query):
    return {c for cue in absence_cues(morpheme_analyzer.analyze(query), lexicon)
            for c in cue.label.split("/")}


@pytest.mark.parametrize("query, concept", [
    ("무자극 클렌저", "자극"),
    ("무향료 크림 찾아요", "향"),
    ("순한 토너 추천", "자극"),
    ("순하고 촉촉한 크림", "자극"),
    ("임신 중이라 냄새 없는 순한 스킨", "자극"),
    ("임신 중이라 냄새 없는 순한 스킨", "향"),
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
