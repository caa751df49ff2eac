"""What a review reports of a trait the query wants absent: present (a complaint) or absent (a
denial, a remedy, little of it, praise for its opposite), and which wins when it says both."""

import pytest

from engine.understanding import absence_cues, review_reports
from tests.engine.trait_reading import reading


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


@pytest.mark.parametrize("query, review", [
    ("향 없는 바디로션", "향이 너무 세요"),
    ("백탁 없는 선크림", "백탁이 좀 있어요"),
    ("안 끈적이는 크림", "끈적이는 느낌이 있어요"),
    ("눈 안 시린 선크림", "눈이 따가운 적이 많아요"),
])
def test_a_reported_trait_stays_present(morpheme_analyzer, lexicon, query, review):
    assert reading(morpheme_analyzer, lexicon, query, review) == "present"


@pytest.mark.parametrize("query, review", [
    ("눈 안 시린 선크림", "따가운 적이 없어요"),
    ("눈 안 시린 선크림", "눈이 따가운 적이 한 번도 없어요"),
    ("트러블 안 나는 크림", "이건 한 번도 뒤집어진 적 없어요"),
    ("안 끈적이는 크림", "끈적임이 하나도 없고 좋아요"),
    ("안 끈적이는 로션", "발라도 끈적이는 게 1도 없고 바로 옷 입어도 돼요"),
    ("향 없는 바디로션", "냄새 날 일 없어요"),
    ("향 없는 바디로션", "향수 뿌리는 날 향 섞일 걱정 없음"),
    ("눈 안 시린 선크림", "눈 시릴 걱정 없어요"),
    ("안 끈적이는 크림", "끈적이는 느낌 없이 흡수돼요"),
    ("눈 안 시린 선크림", "눈가에 발라도 눈 시림 없어요"),
    ("자극 없는 토너", "자극 1도 없음"),
    ("안 끈적이는 크림", "끈적이지도 않고 촉촉해요"),
    ("안 끈적이는 크림", "전혀 끈적이지 않아요"),
])
def test_a_denial_at_a_distance_reports_the_trait_absent(morpheme_analyzer, lexicon, query,
                                                         review):
    assert reading(morpheme_analyzer, lexicon, query, review) == "absent"


@pytest.mark.parametrize("query, review, expected", [
    ("눈 안 시린 선크림", "눈 따가움 전혀 없어요", "absent"),
    ("자극 없는 토너", "보습감은 좋아서 자극이 생각보다 적었어요", "absent"),
    ("자극 없는 샴푸", "두피 가려움이랑 기름기 줄었어요", "absent"),
])
def test_ending_tags_comparisons_and_coordination_do_not_hide_a_denial(
        morpheme_analyzer, lexicon, query, review, expected):
    assert reading(morpheme_analyzer, lexicon, query, review) == expected


@pytest.mark.parametrize("query, review", [
    ("끈적임 없는 크림", "콜라겐 에센스 중에서 흡수 빠른 편이에요. 끈적임 적음"),
    ("번들거리지 않는 크림", "지성인데 오후까지 번들거림 적어요"),
])
def test_little_of_the_trait_after_a_noun_ending_stays_absent(morpheme_analyzer, lexicon,
                                                              query, review):
    assert reading(morpheme_analyzer, lexicon, query, review) == "absent"


@pytest.mark.parametrize("query, review", [
    ("자극 없는 토너", "자극이 적어요"),
    ("향 없는 바디로션", "향이 약해서 좋아요"),
    ("안 끈적이는 로션", "덜 끈적여요"),
])
def test_a_review_reporting_little_of_the_trait_still_reports_it_absent(morpheme_analyzer,
                                                                       lexicon, query, review):
    assert reading(morpheme_analyzer, lexicon, query, review) == "absent"


def test_low_irritation_is_not_irritation(morpheme_analyzer, lexicon):
    cue = absence_cues(morpheme_analyzer.analyze("자극 없는 토너"), lexicon)[0]
    reports = review_reports([morpheme_analyzer.analyze("저자극이라 매일 써요")], cue)
    assert reports.present == ()


def test_a_remedied_trait_counts_as_absent(morpheme_analyzer, lexicon):
    cue = absence_cues(morpheme_analyzer.analyze("각질 안 뜨는 쿠션"), lexicon)[0]
    reports = review_reports([morpheme_analyzer.analyze("각질 잘 잡아주고 촉촉해요"),
                              morpheme_analyzer.analyze("각질 부각이 심해요"),
                              morpheme_analyzer.analyze("발색이 예뻐요")], cue)
    assert reports.absent == (0,) and reports.present == (1,)


def test_a_remedied_past_state_still_reports_absence(morpheme_analyzer, lexicon):
    assert reading(morpheme_analyzer, lexicon, "향 없는 샴푸",
                   "장마철에 두피 냄새 나던 게 없어졌어요") == "absent"


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


@pytest.mark.parametrize("review, expected", [
    ("바르면 끈적끈적해서 별로예요", "present"),
    ("하나도 안 끈적끈적해요", "absent"),
    ("끈적끈적한 느낌 없어요", "absent"),
])
def test_a_review_reduplicating_the_trait_word_reports_it(morpheme_analyzer, lexicon, review,
                                                          expected):
    assert reading(morpheme_analyzer, lexicon, "안 끈적이는 크림", review) == expected


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


@pytest.mark.parametrize("review", ["당기는데 보습은 촉촉해요", "당겨요. 촉촉하긴 해요"])
def test_praise_of_another_subject_or_after_a_full_stop_keeps_the_complaint(
        morpheme_analyzer, lexicon, review):
    assert reading(morpheme_analyzer, lexicon, "당김 없는 크림", review) == "present"


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


@pytest.mark.parametrize("query, review", [
    ("향 없는 바디로션", "향이 너무 세요"),
    ("향 없는 바디로션", "무향이라 좋아요"),           # a none-prefix
    ("안 끈적이는 크림", "끈적끈적해요"),               # a reduplicated word
    ("안 끈적이는 크림", "산뜻해서 좋아요"),            # praise of the opposite
    ("머리에 발라도 떡지지 않는 헤어오일", "바르면 머리가 떡져요"),  # stems Kiwi splits
])
def test_a_review_that_reports_a_trait_spells_one_of_its_stems_or_opposites(
        morpheme_analyzer, lexicon, query, review):
    from engine.understanding import spelled_words
    cue = absence_cues(morpheme_analyzer.analyze(query), lexicon)[0]
    morphemes = morpheme_analyzer.analyze(review)
    found = review_reports([morphemes], cue)
    assert found.present or found.absent
    spelled = spelled_words(morphemes)
    assert not (spelled.isdisjoint(cue.words) and spelled.isdisjoint(cue.opposites))
