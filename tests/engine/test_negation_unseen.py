"""Negation readings found on unseen catalogs: mimetic words, fear, refusals, similes."""

import pytest

from engine.understanding import TRAITS_FILE, TraitLexicon, absence_cues, review_reports


@pytest.fixture(scope="module")
def lexicon():
    return TraitLexicon.load(TRAITS_FILE)


def concepts(morpheme_analyzer, lexicon, query):
    return {c for cue in absence_cues(morpheme_analyzer.analyze(query), lexicon)
            for c in cue.label.split("/")}


def reading(morpheme_analyzer, lexicon, query, review):
    cue = absence_cues(morpheme_analyzer.analyze(query), lexicon)[0]
    reports = review_reports([morpheme_analyzer.analyze(review)], cue)
    return "present" if reports.present else "absent" if reports.absent else "nothing"


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


@pytest.mark.parametrize("review, expected", [
    ("바르면 끈적끈적해서 별로예요", "present"),
    ("하나도 안 끈적끈적해요", "absent"),
    ("끈적끈적한 느낌 없어요", "absent"),
])
def test_a_review_reduplicating_the_trait_word_reports_it(morpheme_analyzer, lexicon, review,
                                                          expected):
    assert reading(morpheme_analyzer, lexicon, "안 끈적이는 크림", review) == expected
