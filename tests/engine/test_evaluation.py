import math

import pytest

from engine.evaluation import GradedQuery, mrr_at, ndcg_at, recall_at, score_run


def test_ndcg_is_one_for_the_ideal_order():
    assert ndcg_at(["a", "b", "c"], {"a": 2, "b": 1}) == pytest.approx(1.0)


def test_ndcg_discounts_a_late_relevant_product():
    got = ndcg_at(["x", "a"], {"a": 2})
    assert got == pytest.approx((3 / math.log2(3)) / 3)


def test_recall_and_mrr():
    ranked = ["x", "y", "b", "a"]
    relevant = {"a": 2, "b": 1, "c": 1}
    assert recall_at(ranked, relevant) == pytest.approx(2 / 3)
    assert mrr_at(ranked, relevant) == pytest.approx(1 / 3)


def test_products_past_the_cutoff_do_not_count():
    ranked = [f"x{i}" for i in range(10)] + ["a"]
    assert ndcg_at(ranked, {"a": 2}) == 0.0
    assert mrr_at(ranked, {"a": 2}) == 0.0


def test_report_breaks_down_by_kind():
    queries = [GradedQuery("1", "q", None, {"a": 2}, "keyword"),
               GradedQuery("2", "q", None, {"b": 2}, "negation")]
    report = score_run(queries, {"1": ["a"], "2": ["a"]})
    assert report.mean("keyword").ndcg == 1.0
    assert report.mean("negation").ndcg == 0.0
    assert report.mean().ndcg == 0.5


def test_no_match_queries_count_as_refused_or_not_and_stay_out_of_ndcg():
    from engine.evaluation import NO_MATCH_KIND
    queries = [GradedQuery("s1", "크림", None, {"a": 2}, "keyword"),
               GradedQuery("s2", "토너", None, {"b": 2}, "keyword"),
               GradedQuery("s3", "asdf", None, {}, NO_MATCH_KIND),
               GradedQuery("s4", "노트북", None, {}, NO_MATCH_KIND)]
    report = score_run(queries, {"s1": ["a"], "s2": [], "s3": [], "s4": ["a"]})
    assert report.mean().ndcg == 0.5 and set(report.by_kind()) == {"keyword"}
    assert report.refused_rate() == 0.5
    assert report.answered_rate() == 0.5


def test_halves_split_on_the_qid_number():
    from engine.evaluation import split_half
    queries = [GradedQuery(qid, "q", None, {"a": 1}) for qid in ("m001", "m002", "d_q03")]
    assert [q.qid for q in split_half(queries, "val")] == ["m001", "d_q03"]
    assert [q.qid for q in split_half(queries, "test")] == ["m002"]
    assert split_half(queries, None) == queries
