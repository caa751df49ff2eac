"""Mentions that report nothing of this product as the reviewer found it, or not what they
seem: taken back later, the reviewer's skin, another product or the past, an expectation, a
possibility, a quoted claim, the situation of use, a wish, an exception or a warning."""

import pytest

from engine.understanding import absence_cues, review_reports
from tests.engine.trait_reading import reading


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


@pytest.mark.parametrize("query, review, expected", [
    ("당김 없는 크림", "처음엔 땅겼는데 계속 쓰니까 촉촉해요", "nothing"),
    ("당김 없는 크림", "처음에는 당김이 있었지만 지금은 촉촉해요", "nothing"),
    ("기름지지 않는 헤어오일", "오일 쓰면 떡지는 사람인데 이건 가벼워서 좋아요", "nothing"),
    ("각질 안 뜨는 쿠션", "코 옆 각질이 매번 화장 들뜨게 했는데 이걸로 닦아내니까 매끈해요", "nothing"),
    ("안 따가운 크림", "처음 바를 때 따끔거려서 놀랐는데 일주일 지나니 괜찮아요", "nothing"),
    ("당김 없는 크림", "처음엔 좀 당겼는데 며칠 쓰니 괜찮아요", "nothing"),
])
def test_a_later_clause_that_reverses_the_mention_takes_it_back(morpheme_analyzer, lexicon,
                                                                query, review, expected):
    assert reading(morpheme_analyzer, lexicon, query, review) == expected


@pytest.mark.parametrize("query, review, expected", [
    ("트러블 안 나는 선크림", "선크림만 바르면 좁쌀 올라왔는데 이건 한달째 멀쩡해요", "nothing"),
    ("트러블 안 나는 선크림", "트러블성 피부인데 잘 맞아요", "nothing"),
    ("트러블 안 나는 선크림", "좁쌀 올라와요. 멀쩡한 데가 없어요", "present"),
])
def test_this_product_found_fine_after_a_contrast_takes_the_trait_back(morpheme_analyzer,
                                                                       lexicon, query, review,
                                                                       expected):
    assert reading(morpheme_analyzer, lexicon, query, review) == expected


def test_naming_the_skin_does_not_block_praise_of_the_opposite(morpheme_analyzer, lexicon):
    assert reading(morpheme_analyzer, lexicon, "각질 안 뜨는 쿠션",
                   "각질 많은 피부인데 바르니 매끈해졌어요") == "absent"


@pytest.mark.parametrize("query, review", [
    ("눈 안 시린 선크림", "다른 선크림 쓰면 눈물 나는데 이건 안 그래요"),
    ("눈 안 시린 선크림", "전에 쓰던 선크림은 눈이 따가웠는데 이건 좋아요"),
    ("눈 안 시린 선크림", "눈물 나던 선크림들과 달리 편해요"),
    ("기름지지 않는 에센스", "오후에 떡지던 앞머리가 저녁까지 버텨요"),
])
def test_a_trait_of_another_product_or_of_the_past_reports_nothing(morpheme_analyzer, lexicon,
                                                                    query, review):
    assert reading(morpheme_analyzer, lexicon, query, review) == "nothing"


def test_a_comparison_that_names_another_product_still_reads_this_one(morpheme_analyzer,
                                                                       lexicon):
    assert reading(morpheme_analyzer, lexicon, "안 끈적이는 크림",
                   "다른 건 몰라도 끈적임이 심해요") == "present"
    assert reading(morpheme_analyzer, lexicon, "안 끈적이는 크림",
                   "다른 크림보다 덜 끈적여요") == "absent"


@pytest.mark.parametrize("query, review", [
    ("눈 안 시린 선크림", "눈 따가울까 봐 걱정했는데 괜찮네요"),
    ("자극 없는 토너", "따가운 줄 알았는데 전혀요"),
])
def test_an_expectation_reports_nothing(morpheme_analyzer, lexicon, query, review):
    assert reading(morpheme_analyzer, lexicon, query, review) == "nothing"


def test_an_expectation_proved_wrong_by_the_opposite_reports_absence(morpheme_analyzer,
                                                                     lexicon):
    assert reading(morpheme_analyzer, lexicon, "안 끈적이는 로션",
                   "끈적일 줄 알았는데 산뜻해요") == "absent"


@pytest.mark.parametrize("query, review", [
    ("자극 없는 토너", "예민한 분은 따가울 수도 있어요"),
    ("자극 없는 토너", "민감한 분들은 따가울 수 있어요"),
    ("백탁 없는 선크림", "많이 바르면 백탁 있을 듯"),
    ("백탁 없는 선크림", "백탁이 있을 수도 있어요"),
])
def test_a_possibility_reports_nothing(morpheme_analyzer, lexicon, query, review):
    assert reading(morpheme_analyzer, lexicon, query, review) == "nothing"


@pytest.mark.parametrize("query, review, expected", [
    ("향 없는 바디로션", "무향이라고 했는데 원료 냄새가 살짝 나요. 거슬릴 정도는 아님", "present"),
    ("향 없는 바디로션", "무향이라길래 샀는데 냄새 나요", "present"),
    ("향 없는 바디로션", "무향이라는 말에 샀는데 향이 있어요", "present"),
    ("자극 없는 토너", "자극 없다고 해서 샀는데 따가워요", "present"),
    ("안 끈적이는 로션", "안 끈적인다고 광고하던데 끈적여요", "present"),
    ("자극 없는 토너", "아빠가 면도 후 따갑다고 해서 바꿔드렸는데 만족하심", "nothing"),
])
def test_a_quoted_claim_is_not_what_the_reviewer_found(morpheme_analyzer, lexicon, query,
                                                       review, expected):
    assert reading(morpheme_analyzer, lexicon, query, review) == expected


@pytest.mark.parametrize("query, review, expected", [
    ("향 없는 바디로션", "남친한테 줬는데 향 좋다고 함", "present"),
    ("향 없는 바디로션", "향이 없다고 느낄 정도로 약해요", "absent"),
])
def test_what_others_say_of_the_product_itself_still_counts(morpheme_analyzer, lexicon, query,
                                                            review, expected):
    assert reading(morpheme_analyzer, lexicon, query, review) == expected


@pytest.mark.parametrize("query, review, expected", [
    ("자극 없는 토너", "예민해서 뭘 발라도 따가울 때 이거 붙이면 진정돼요", "nothing"),
    ("자극 없는 토너", "피부 뒤집어졌을 때 이것만 바르고 일주일 버텼더니 진정됨", "nothing"),
    ("각질 안 뜨는 쿠션", "턱 주변 각질 일어날 때 쓰면 화장이 덜 뜸", "nothing"),
    ("자극 없는 토너", "순해서 피부 뒤집어졌을 때도 이것만은 발라요", "absent"),
    ("자극 없는 토너", "가끔 따가울 때가 있어요", "present"),
    ("트러블 안 나는 선크림", "뾰루지 난 자리에 발라도 안 따가워요", "nothing"),
    ("각질 안 뜨는 크림", "각질 일어난 부위에 바르면 금방 매끈해져요", "absent"),
    ("트러블 안 나는 선크림", "뾰루지 난 데도 있고 좀 올라와요", "present"),
])
def test_the_situation_a_product_is_used_in_is_not_a_report(morpheme_analyzer, lexicon, query,
                                                            review, expected):
    assert reading(morpheme_analyzer, lexicon, query, review) == expected


@pytest.mark.parametrize("query, review, expected", [
    ("눈 안 시린 선크림", "눈만 안 시리면 재구매했을 듯..", "present"),
    ("안 끈적이는 로션", "끈적이지만 않으면 좋을 텐데", "present"),
    ("향 없는 바디로션", "향만 좀 약했으면", "present"),
    ("안 끈적이는 로션", "끈적이는 거 말고는 다 좋아요", "present"),
    ("향 없는 바디로션", "향 빼고는 다 좋아요", "present"),
    ("향 없는 바디로션", "레몬 세제 냄새 같다는 말 들음", "present"),
    ("향 없는 바디로션", "딸기 같은 향이 나는데 오래 안 가요", "present"),
    ("안 끈적이는 로션", "끈적이지 않으면서 촉촉해요", "absent"),
    ("자극 없는 토너", "아이가 따갑다는 말 안해요", "absent"),
    ("안 끈적이는 로션", "끈적이는 게 안 느껴져요", "absent"),
])
def test_a_wish_or_an_exception_is_not_a_denial(morpheme_analyzer, lexicon, query, review,
                                                expected):
    assert reading(morpheme_analyzer, lexicon, query, review) == expected


def test_a_dislike_as_the_condition_of_a_recommendation_is_no_warning(morpheme_analyzer,
                                                                       lexicon):
    assert reading(morpheme_analyzer, lexicon, "번들거리지 않는 선크림",
                   "번들거리는 거 싫으면 강추해요") != "present"
