"""A trait wished less rather than absent ("향이 은은한", "덜 끈적한") is read by degree: reviews
reporting little of it are wanted, reviews reporting much of it are complaints, and reviews
reporting none of it, or only naming it, count neither way."""

import pytest

from engine.understanding import absence_cues, degree_reports, lessened_cues


@pytest.mark.parametrize("query, concept", [
    ("향이 은은한 바디로션 있나요?", "향"),
    ("은은한 향 샴푸", "향"),             # the degree word before the trait
    ("향이 약한 로션", "향"),
    ("덜 끈적한 크림", "끈적임"),
    ("자극이 덜한 각질 제거제 찾아요", "자극"),
])
def test_a_degree_word_wishes_the_trait_less_not_absent(morpheme_analyzer, lexicon, query,
                                                         concept):
    morphemes = morpheme_analyzer.analyze(query)
    assert [cue.label for cue in lessened_cues(morphemes, lexicon)] == [concept]
    assert not any(concept in cue.label.split("/") for cue in absence_cues(morphemes, lexicon))


@pytest.mark.parametrize("query", ["향 없는 로션", "끈적이는 건 싫어요", "촉촉한 크림"])
def test_a_trait_denied_or_not_named_is_no_wish_for_less(morpheme_analyzer, lexicon, query):
    assert lessened_cues(morpheme_analyzer.analyze(query), lexicon) == ()


@pytest.mark.parametrize("review, reported", [
    ("향이 은은해서 좋아요", "little"),
    ("향이 약해서 부담 없어요", "little"),
    ("향이 진짜 진해요", "much"),
    ("향이 너무 강해서 머리가 아파요", "much"),
    ("무향이라 좋아요", "neither"),        # none of it is not the mild scent asked for
    ("향이 좋아요", "neither"),            # named, no degree told
    ("향이 없어서 좋아요. 향 진한 건 머리 아파서 찾은 거예요", "neither"),
])
def test_reviews_report_a_scent_by_its_degree(morpheme_analyzer, lexicon, review, reported):
    cue = lessened_cues(morpheme_analyzer.analyze("향이 은은한 로션"), lexicon)[0]
    found = degree_reports([morpheme_analyzer.analyze(review)], cue)
    assert {"much": found.present == (0,) and found.absent == (),
            "little": found.absent == (0,) and found.present == (),
            "neither": found.present == found.absent == ()}[reported]


@pytest.mark.parametrize("review, reported", [
    ("끈적여요", "much"),                  # the trait word states it by itself
    ("끈적임이 적어요", "little"),
    ("산뜻해요", "neither"),               # the opposite tells no degree
])
def test_a_trait_that_is_its_own_predicate_is_reported_much(morpheme_analyzer, lexicon, review,
                                                             reported):
    cue = lessened_cues(morpheme_analyzer.analyze("덜 끈적한 크림"), lexicon)[0]
    found = degree_reports([morpheme_analyzer.analyze(review)], cue)
    assert {"much": found.present == (0,), "little": found.absent == (0,),
            "neither": found.present == found.absent == ()}[reported]


async def test_a_mild_scent_wished_lifts_the_mild_product_and_sinks_the_strong(catalog_engine):
    from dataclasses import replace

    from engine.ranking.params import RankingParams
    engine = await catalog_engine([
        {"product_id": "none", "name": "무향 바디로션", "category": "바디",
         "reviews": [("향이 없어서 좋아요. 진한 향은 머리 아파요", 5), ("무향이라 순해요", 5)]},
        {"product_id": "mild", "name": "라벤더 바디로션", "category": "바디",
         "reviews": [("향이 은은해서 좋아요", 5), ("향이 약해서 부담 없어요", 5)]},
        {"product_id": "much", "name": "머스크 바디로션", "category": "바디",
         "reviews": [("향이 너무 강해서 머리가 아파요", 4), ("향이 진짜 진해요", 5)]},
    ])
    query = "향이 은은한 바디로션 있나요? 진한 건 머리 아파서요"

    async def scores(searcher):
        found = await searcher.search_products(query, top_n=3, mode="keyword")
        return {r.product.product_id: r.score for r in found.results}

    read = await scores(engine)
    unread = await scores(engine.with_ranking(replace(RankingParams(), use_degrees=False)))
    # two reports of little scent: +0.2 each; two of much: -0.5 each; none of it: nothing
    assert read["mild"] - unread["mild"] == pytest.approx(0.4)
    assert read["much"] - unread["much"] == pytest.approx(-1.0)
    assert read["none"] == pytest.approx(unread["none"])
