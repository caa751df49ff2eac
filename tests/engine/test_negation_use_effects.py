"""A trait the shopper says they suffer when using such a product is wanted absent."""

import pytest

from tests.engine.trait_reading import concepts


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


def test_asking_whether_a_gentle_one_exists_asks_for_gentleness(morpheme_analyzer, lexicon):
    assert "자극" in concepts(morpheme_analyzer, lexicon, "순한 거 없나요?")
