"""Reviews cut into clauses and recast as requests, through the real Kiwi analyser."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.encoder.request_texts import (adnominal, category_words, clauses, request_texts,
                                          written)
from engine.keyword import Morpheme, MorphemeAnalyzer


@pytest.fixture(scope="module")
def kiwi() -> MorphemeAnalyzer:
    return MorphemeAnalyzer()


def clause_texts(kiwi, text):
    return [written(text, clause) for clause in clauses(kiwi.analyze(text))]


def test_a_review_is_cut_at_its_connective_and_final_endings(kiwi):
    text = "겨울에 볼이 땅기지 않고 촉촉해서 좋아요. 향은 너무 강해요"
    assert clause_texts(kiwi, text) == ["겨울에 볼이 땅기지 않고", "향은 너무 강해요"]


def test_a_clause_of_one_content_word_is_dropped(kiwi):
    assert clause_texts(kiwi, "좋아요. 최고") == []


def test_a_predicate_clause_becomes_a_modifier_in_adnominal_form(kiwi):
    cases = {"겨울에 볼이 땅기지 않고": "겨울에 볼이 땅기지 않는",
             "향이 너무 강해서": "향이 너무 강한",
             "자극이 전혀 없어요": "자극이 전혀 없는",
             "피부결이 매끈해졌어요": "피부결이 매끈해진"}
    for text, modifier in cases.items():
        (clause,) = clauses(kiwi.analyze(text))
        assert adnominal(text, clause, kiwi.join) == modifier, text


def test_a_noun_clause_keeps_its_nouns_and_an_adverb_clause_is_not_recast(kiwi):
    text = "완전 순한 제품"
    (clause,) = clauses(kiwi.analyze(text))
    assert adnominal(text, clause, kiwi.join) == "완전 순한 제품"
    text = "진짜 완전"
    clause = [Morpheme("진짜", "MAG", 0, 2), Morpheme("완전", "MAG", 3, 2)]
    assert adnominal(text, clause, kiwi.join) is None


def test_category_names_offer_each_of_their_words():
    assert category_words("에센스/세럼/앰플") == ["에센스", "세럼", "앰플"]
    assert category_words("크림") == ["크림"]


def test_requests_hold_each_clause_and_its_request_for_the_category(kiwi):
    text = "세안 후에 얼굴이 땅기지 않아요. 흡수가 빨라서 좋아요"
    texts = request_texts([(text, kiwi.analyze(text), "스킨/토너")], kiwi.join, seed=3)
    assert "세안 후에 얼굴이 땅기지 않아요" in texts
    requests = [t for t in texts if t.startswith("세안 후에 얼굴이 땅기지 않는 ")]
    assert len(requests) == 1
    assert requests[0].split()[-1] in {"스킨", "토너", "추천"}
    assert len(texts) == len(set(texts))
    assert texts == request_texts([(text, kiwi.analyze(text), "스킨/토너")], kiwi.join, seed=3)


def test_the_distiller_fits_requests_beside_the_catalog_texts_up_to_their_cap():
    from engine.encoder.distil import DistilRecipe, StaticTableDistiller

    recipe = DistilRecipe(max_texts=10, max_requests=5, held_out_share=0.2)
    distiller = StaticTableDistiller(Path("unused"), recipe, phrases=("건조",))
    texts = [f"리뷰 문장 {i}" for i in range(20)]
    requests = ["건조"] + [f"촉촉한 크림 {i}" for i in range(8)]
    train, held = distiller._training_texts(texts, requests)
    chosen = train + held
    assert train[0] == "건조" and chosen.count("건조") == 1
    assert sum(t.startswith("리뷰") for t in chosen) == 9
    assert sum(t.startswith("촉촉한") for t in chosen) == 5
    assert len(chosen) == len(set(chosen))
    assert len(held) == int(14 * 0.2)
    assert distiller._training_texts(texts, ()) != (train, held)
