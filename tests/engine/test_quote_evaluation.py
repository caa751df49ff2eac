"""Judging quotes against labelled supporting review spans."""

import json

import pytest

from engine.errors import CatalogError
from engine.quote_evaluation import (QuoteLabel, ShownQuote, format_quote_report,
                                     load_quote_labels, quote_supported, score_quotes)

SPAN = "자기 전에 바르면 다음날 아침까지 얼굴이 촉촉해요"


def test_a_quote_inside_a_labelled_sentence_supports_it():
    assert quote_supported("다음날 아침까지 얼굴이 촉촉해요", [SPAN])


def test_a_sentence_quote_around_a_labelled_clause_supports_it():
    assert quote_supported("배송 빨랐고 " + SPAN + "! 재구매 각", [SPAN])


def test_spacing_differences_do_not_matter():
    assert quote_supported("자기 전에  바르면\n다음날 아침까지 얼굴이 촉촉해요", [SPAN])


def test_an_unrelated_sentence_of_the_same_review_does_not_support():
    assert not quote_supported("용기가 예뻐서 선물하기도 좋아요", [SPAN])


def test_a_small_shared_word_is_not_enough():
    assert not quote_supported("바르면 끈적여요", [SPAN])


def _shown(qid, pid, rank, text, source="review", kind="paraphrase"):
    return ShownQuote(qid, kind, pid, rank, text, source)


def test_scoring_counts_only_labelled_results_within_the_cutoff():
    labels = {("q1", "a"): QuoteLabel("q1", "a", (SPAN,)),
              ("q1", "b"): QuoteLabel("q1", "b", ("향이 전혀 없어요",))}
    shown = [_shown("q1", "a", 1, SPAN),
             _shown("q1", "x", 2, "상관없는 제품"),            # not labelled: skipped
             _shown("q1", "b", 3, "향이 너무 세요"),
             _shown("q1", "a", 6, SPAN)]                      # below the cutoff
    report = score_quotes(labels, shown, cutoff=5)
    assert report.judged["all"] == 2
    assert report.supported["all"] == 1
    assert report.support_rate("paraphrase") == 0.5


def test_a_listing_quote_never_counts_as_review_support():
    labels = {("q1", "a"): QuoteLabel("q1", "a", (SPAN,))}
    report = score_quotes(labels, [_shown("q1", "a", 1, SPAN, source="listing")])
    assert report.supported["all"] == 0 and report.judged["all"] == 1


def test_without_supporting_reviews_only_the_listing_is_honest():
    labels = {("q1", "a"): QuoteLabel("q1", "a", ()), ("q2", "a"): QuoteLabel("q2", "a", ())}
    shown = [_shown("q1", "a", 1, "설명 문구", source="listing", kind="negation"),
             _shown("q2", "a", 1, "아무 리뷰", kind="negation")]
    report = score_quotes(labels, shown)
    assert report.judged["all"] == 0
    assert report.unsupported_pairs["negation"] == 2
    assert report.honest_listing["negation"] == 1
    table = format_quote_report(report, "labels")
    assert "negation" in table


def test_labels_load_and_bad_lines_name_their_line(tmp_path):
    path = tmp_path / "quotes.jsonl"
    path.write_text(json.dumps({"qid": "q1", "product_id": "a", "supporting": [SPAN]},
                               ensure_ascii=False) + "\n\n", encoding="utf-8")
    assert load_quote_labels(path)[("q1", "a")].supporting == (SPAN,)
    path.write_text('{"qid": "q1", "product_id": "a", "supporting": "문장"}\n', encoding="utf-8")
    with pytest.raises(CatalogError, match=r"quotes.jsonl:1"):
        load_quote_labels(path)
