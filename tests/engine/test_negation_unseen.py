"""Negation readings found on unseen catalogs: mimetic words, fear, refusals, similes."""

import pytest

from engine.ranking.rank import keyword_query_terms, query_terms
from engine.keyword import index_terms
from engine.ranking.params import RankingParams
from engine.understanding import QueryIntent, absence_cues, disliked_trait_positions
from tests.engine.trait_reading import concepts, reading


CATALOG_WORDS = frozenset({"브로우", "틴트", "크림", "선크림"})


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


def disliked_words(morpheme_analyzer, lexicon, query):
    morphemes = morpheme_analyzer.analyze(query)
    cues = absence_cues(morphemes, lexicon)
    return {morphemes[i].form for i in disliked_trait_positions(morphemes, cues)}


@pytest.mark.parametrize("query, words", [
    ("번들거리는 건 질색이에요", {"번들거리"}),
    ("끈적끈적 남는 크림은 별로", {"끈적끈적"}),
    ("향 나는 건 싫어요", {"향"}),
])
def test_a_trait_turned_down_by_a_dislike_is_left_out_of_the_keyword_query(
        morpheme_analyzer, lexicon, query, words):
    assert disliked_words(morpheme_analyzer, lexicon, query) == words


@pytest.mark.parametrize("query", ["땀에 안 지워지는 선크림", "향 없는 토너", "끈적이지 않는 크림",
                                   "번들거리는 피부에 좋은 크림"])
def test_a_local_denial_or_a_plain_mention_keeps_its_words(morpheme_analyzer, lexicon, query):
    assert not disliked_words(morpheme_analyzer, lexicon, query)


def test_keyword_terms_drop_the_disliked_trait_only_when_switched_on(morpheme_analyzer, lexicon):
    morphemes = morpheme_analyzer.analyze("번들거리는 선크림은 질색")
    intent = QueryIntent(absent_traits=absence_cues(morphemes, lexicon))
    terms = index_terms(morphemes, noun_bigrams=True)
    kept = keyword_query_terms(morphemes, intent, terms, RankingParams(),
                               CATALOG_WORDS.__contains__)
    assert "번들거리" in terms and "번들거리" not in kept and "크림" in kept
    off = RankingParams(drop_denied_terms=False)
    assert keyword_query_terms(morphemes, intent, terms, off,
                               CATALOG_WORDS.__contains__) == terms


def test_dropping_a_disliked_trait_keeps_the_parts_of_an_unspaced_compound(morpheme_analyzer,
                                                                           lexicon):
    morphemes = morpheme_analyzer.analyze("번지는 브로우틴트는 질색")
    intent = QueryIntent(absent_traits=absence_cues(morphemes, lexicon))
    terms = query_terms(morphemes, CATALOG_WORDS.__contains__)
    kept = keyword_query_terms(morphemes, intent, terms, RankingParams(),
                               CATALOG_WORDS.__contains__)
    assert {"브로우", "틴트"} <= set(kept)


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


def test_a_trait_covered_by_another_cue_is_not_counted_twice(morpheme_analyzer, lexicon):
    cues = absence_cues(morpheme_analyzer.analyze("기름 바른 것처럼 떡지는 건 싫어요"), lexicon)
    assert [cue.label for cue in cues] == ["뭉침/유분"]


@pytest.mark.parametrize("query, review", [
    ("향 없는 크림", "무향이라더니 꿀 냄새 은은하게 나요"),
    ("안 끈적이는 크림", "안 끈적인다더니 끈적여요"),
    ("향 없는 크림", "무향인데 약간 약 냄새"),
    ("번들거리지 않는 선크림", "번들거리는 거 싫으면 패스"),
])
def test_a_claim_or_a_denial_overturned_reports_the_trait(morpheme_analyzer, lexicon, query,
                                                          review):
    assert reading(morpheme_analyzer, lexicon, query, review) == "present"


@pytest.mark.parametrize("query, review", [
    ("향 없는 크림", "무향인데 냄새 안 나서 좋아요"),
    ("향 없는 크림", "향은 없는데 보습이 약해요"),
    ("안 끈적이는 크림", "끈적임 없는데 촉촉해요"),
    ("번들거리지 않는 선크림", "코 피지 정리돼요"),
    ("각질 안 뜨는 쿠션", "각질 정리돼서 매끈해요"),
])
def test_a_denial_kept_after_a_contrast_or_a_tidied_trait_reports_absence(
        morpheme_analyzer, lexicon, query, review):
    assert reading(morpheme_analyzer, lexicon, query, review) == "absent"


def test_a_dislike_as_the_condition_of_a_recommendation_is_no_warning(morpheme_analyzer,
                                                                       lexicon):
    assert reading(morpheme_analyzer, lexicon, "번들거리지 않는 선크림",
                   "번들거리는 거 싫으면 강추해요") != "present"


@pytest.mark.parametrize("query, concept", [
    ("눈 따가운 선크림은 절대 안 돼요", "눈시림"),
    ("끈적이는 크림은 안 돼요", "끈적임"),
])
def test_a_product_that_must_not_be_is_turned_down(morpheme_analyzer, lexicon, query, concept):
    labels = {cue.label for cue in absence_cues(morpheme_analyzer.analyze(query), lexicon)}
    assert concept in concepts(morpheme_analyzer, lexicon, query)
    assert "크림" not in labels


@pytest.mark.parametrize("query, wanted", [
    ("선크림만 바르면 눈물이 줄줄 나는 체질이에요. 그런 일 없는 걸로요", {"눈시림"}),
    ("지난번 쓴 무기자차는 하얗게 떠서 가면 쓴 것 같았는데 그런 거 말고", {"백탁"}),
    ("바르면 끈적이고 번들거려서 싫었어요. 그런 거 없는 크림", {"끈적임", "유분"}),
    ("눈이 시려서 고생했는데 이번엔 그런 거 안 겪고 싶어요", {"눈시림"}),
    # the nearest clause naming a trait is the one referred to, not the wish before it
    ("향 좋은 크림 찾는데 끈적이는 그런 거 말고", {"끈적임"}),
])
def test_a_denied_such_refers_back_to_the_traits_told_before(morpheme_analyzer, lexicon, query,
                                                             wanted):
    assert concepts(morpheme_analyzer, lexicon, query) == wanted


@pytest.mark.parametrize("query", ["향이 진해서 좋아요. 그런 거 추천해 주세요",
                                   "끈적이는 건 괜찮아요. 그런 거 있어요?", "그런 건 싫어요"])
def test_such_wanted_asked_about_or_referring_to_nothing_is_no_cue(morpheme_analyzer, lexicon,
                                                                   query):
    assert not concepts(morpheme_analyzer, lexicon, query)


@pytest.mark.parametrize("query, concept", [
    ("바디로션 바르고 바로 옷 입어야 해서요. 끈적이는 건 사양할게요", "끈적임"),
    ("끈적이는 건 사절", "끈적임"),
    ("향수 냄새 폴폴 나는 헤어오일은 노노", "향"),
])
def test_a_refusal_of_what_has_the_trait_asks_for_its_absence(morpheme_analyzer, lexicon, query,
                                                              concept):
    assert concept in concepts(morpheme_analyzer, lexicon, query)


@pytest.mark.parametrize("query, word", [
    ("만 원 안쪽으로 운동 끝나고 샤워 못 할 때 쓸 거", "샤워"),   # a situation
    ("화장이 안 지워질 때 쓰는 클렌저", "지워짐"),
    ("비 오는 날이면 곱슬머리가 붕 떠서 정리가 안 돼요", "정리"),  # a complaint, not a wish
])
def test_a_denial_that_sets_a_situation_or_states_a_problem_is_no_cue(morpheme_analyzer, lexicon,
                                                                      query, word):
    assert word not in concepts(morpheme_analyzer, lexicon, query)


def test_a_word_denied_in_a_wish_is_still_a_cue_without_the_lexicon(morpheme_analyzer, lexicon):
    assert concepts(morpheme_analyzer, lexicon, "파라벤 없는 크림") == {"파라벤"}
