"""The load bench's distinct shopper queries: never repeated, the same for a seed, Korean."""

from __future__ import annotations

import re

import pytest

from bench.query_texts import DistinctQueries, distinct_queries
from engine.query import clean_query

HANGUL = re.compile("[가-힣]")


def test_distinct_queries_never_repeat_a_text_as_the_cache_sees_it():
    texts = distinct_queries(5000)
    assert len(texts) == 5000
    assert len({clean_query(text).text for text in texts}) == 5000


def test_the_same_seed_gives_the_same_queries_and_another_seed_others():
    assert distinct_queries(300, seed=3) == distinct_queries(300, seed=3)
    assert distinct_queries(300, seed=3) != distinct_queries(300, seed=4)


def test_every_query_is_korean_text_the_bot_would_search():
    for text in distinct_queries(2000, seed=11):
        assert text == clean_query(text).text  # nothing for the cleaning to fold or drop
        assert HANGUL.search(text), text


def test_queries_vary_in_length_like_a_shopper_s():
    lengths = {len(text.split()) for text in distinct_queries(1000)}
    assert min(lengths) <= 3 and max(lengths) >= 8


def test_the_bench_stops_on_a_text_that_comes_twice():
    queries = DistinctQueries(["건성 크림 추천", "건성  크림 추천"])
    assert queries() == "건성 크림 추천"
    with pytest.raises(RuntimeError, match="twice"):
        queries()
