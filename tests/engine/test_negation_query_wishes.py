"""A query asks for a trait's absence without denying it where it names it: a prefixed word
(무향료), a preference (순한), sensitivity (향에 예민해서), a denied "그런 거" referring back, or a
trait told as what happens on use ("선크림 바르면 얼굴이 당겨요")."""

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


def test_a_non_comedogenic_request_asks_for_no_breakouts(morpheme_analyzer, lexicon):
    cues = absence_cues(morpheme_analyzer.analyze("논코메도제닉 선크림"), lexicon)
    assert [c.label for c in cues] == ["트러블"]


def test_asking_whether_a_gentle_one_exists_asks_for_gentleness(morpheme_analyzer, lexicon):
    assert "자극" in concepts(morpheme_analyzer, lexicon, "순한 거 없나요?")


@pytest.mark.parametrize("query, concept", [
    ("얼굴에 바를 크림인데 향에 진짜 예민해서요", "향"),
    ("자극에 민감한 편이라 토너 고르기 힘들어요", "자극"),
    ("향료 알레르기 있어서 바디로션 찾아요", "향"),
])
def test_a_shopper_sensitive_to_a_trait_asks_for_its_absence(morpheme_analyzer, lexicon,
                                                             query, concept):
    assert concept in concepts(morpheme_analyzer, lexicon, query)


@pytest.mark.parametrize("query", ["예민한 피부에 쓸 크림", "피부가 민감해서 향 좋은 크림 찾아요"])
def test_sensitive_skin_alone_names_no_trait(morpheme_analyzer, lexicon, query):
    assert "향" not in concepts(morpheme_analyzer, lexicon, query)


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
    ("건성이라 선크림 바르면 얼굴이 당겨요", "당김"),
    ("선크림만 바르면 눈물이 줄줄 나는 체질이에요", "눈시림"),
    ("쿠션 바르고 나면 오후에 다 무너져요", "지워짐"),
    ("립 바를 때마다 각질이 일어나요", "각질"),
    ("폼클렌저로 세안하면 얼굴이 땅겨요", "당김"),
    ("샴푸 쓰면 두피가 가려워요", "자극"),
])
def test_a_trait_told_as_the_effect_of_use_is_wanted_absent(morpheme_analyzer, lexicon, query,
                                                            concept):
    assert concept in concepts(morpheme_analyzer, lexicon, query)


@pytest.mark.parametrize("query, concept", [
    ("바르면 쿨링감 있는 거 찾아요", "쿨링감"),         # a wish for the trait
    ("보습크림 바르면 각질이 가라앉아요", "각질"),       # a remedy
    ("이거 바르면 끈적이나요?", "끈적임"),               # a question
    ("머리 감을 때마다 머리카락이 한 뭉치씩 빠져요", "뭉침"),  # a routine, not a product
])
def test_a_wish_a_remedy_a_question_or_a_routine_is_no_cue(morpheme_analyzer, lexicon, query,
                                                           concept):
    assert concept not in concepts(morpheme_analyzer, lexicon, query)
