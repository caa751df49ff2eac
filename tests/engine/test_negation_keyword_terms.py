"""A trait the query turns down by a dislike ("번들거리는 건 질색") is left out of the keyword
query, since reviews use its words to complain; a local denial keeps them ("안 지워지는")."""

import pytest

from engine.keyword import index_terms
from engine.ranking.params import RankingParams
from engine.ranking.terms import keyword_query_terms, query_terms
from engine.understanding import (QueryIntent, absence_cues, complaint_share,
                                  disliked_trait_positions)


CATALOG_WORDS = frozenset({"브로우", "틴트", "크림", "선크림"})


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


def test_complaint_share_is_the_share_of_reports_that_find_the_trait(morpheme_analyzer, lexicon):
    cue = absence_cues(morpheme_analyzer.analyze("끈적이는 건 질색"), lexicon)[0]
    reviews = [morpheme_analyzer.analyze(text) for text in
               ["끈적임 하나도 없어요", "전혀 안 끈적여요", "좀 끈적여요", "발림성 좋아요"]]
    assert complaint_share(reviews, cue) == pytest.approx(1 / 3)
    assert complaint_share(reviews[3:], cue) is None


def test_a_trait_reviewers_mostly_praise_the_absence_of_keeps_its_words(morpheme_analyzer,
                                                                        lexicon):
    morphemes = morpheme_analyzer.analyze("끈적이는 크림은 질색")
    intent = QueryIntent(absent_traits=absence_cues(morphemes, lexicon))
    terms = index_terms(morphemes, noun_bigrams=True)
    knows = CATALOG_WORDS.__contains__
    praised = keyword_query_terms(morphemes, intent, terms, RankingParams(), knows,
                                  complained=lambda cue: False)
    complained = keyword_query_terms(morphemes, intent, terms, RankingParams(), knows,
                                     complained=lambda cue: True)
    assert "끈적이" in praised and "끈적이" not in complained
