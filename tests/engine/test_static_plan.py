"""Planning a query over a snapshot with a static query table (or in keyword mode): Kiwi, the
reading and the table's encoding in one hand-off to the ranking pool or a search worker, none
of it on the event loop, the same plan as made step by step, and the vector kept in the query
cache as the backend's would be."""

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace

import numpy as np

from engine.lexicons import Lexicons
from engine.query import clean_query
from engine.query_cache import QueryEmbedder, QueryVectorCache
from engine.query_plan import QueryPlanner, plan_from_order
from engine.ranking.params import RankingParams
from engine.settings import SearchMode
from engine.understanding import CategoryMap


class Table:
    """A static table that says which thread encoded each text."""

    digest = "table-1"

    def __init__(self) -> None:
        self.threads: list[str] = []

    def encode(self, text: str) -> np.ndarray:
        self.threads.append(threading.current_thread().name)
        return np.full(4, 0.5, dtype=np.float32)


class Backend:
    model_identity, dim = "e5-test", 4

    async def encode(self, text, role):
        raise AssertionError("a query over a static table reached the backend")


class Analyzer:
    def analyze(self, text):
        return []


def static_index(table: Table) -> SimpleNamespace:
    return SimpleNamespace(keyword=object(), snapshot_id="snap-static", query_table=table,
                           corpus=SimpleNamespace(category_rows={}),
                           category_map=CategoryMap({}, ()),
                           check_model=lambda identity, dim: None)


def test_a_static_query_is_read_and_encoded_on_the_pool_and_cached():
    table = Table()
    index = static_index(table)
    embedder = QueryEmbedder(Backend(), QueryVectorCache(8), static_queries=True)
    with ThreadPoolExecutor(1, thread_name_prefix="ranking") as pool:
        planner = QueryPlanner(Analyzer(), Lexicons.load(), embedder, pool)
        for _ in range(2):
            plan = asyncio.run(planner.plan(index, clean_query("촉촉한 크림"), (),
                                            SearchMode.HYBRID, RankingParams()))
            assert plan.mode is SearchMode.HYBRID and plan.intent is not None
            assert plan.vector.tolist() == [0.5] * 4
    assert table.threads == ["ranking_0"]  # the second plan took the cached vector
    assert embedder.holds("촉촉한 크림", index)


def _plans_both_ways(mode, query, categories, analyzer=None):
    """The plan `plan` makes step by step, and the one `at_once` orders, each on a fresh cache;
    and the order `at_once` gives once the vector is cached."""
    lexicons = Lexicons.load()
    plans = {}
    for way in ("steps", "at once"):
        index = static_index(Table())
        embedder = QueryEmbedder(Backend(), QueryVectorCache(8), static_queries=True)
        with ThreadPoolExecutor(1, thread_name_prefix="ranking") as pool:
            planner = QueryPlanner(analyzer or Analyzer(), lexicons, embedder, pool)
            if way == "steps":
                plans[way] = asyncio.run(planner.plan(index, query, categories, mode,
                                                      RankingParams()))
                continue
            order = planner.at_once(index, query, categories, mode, RankingParams())
            plans[way], encoded = plan_from_order(order, index, planner.analyzer, lexicons)
            if encoded is not None:
                asyncio.run(planner.remember(index, query.text, encoded))
                assert embedder.holds(query.text, index)
            again = planner.at_once(index, query, categories, mode, RankingParams())
    return plans["steps"], plans["at once"], again


def _same_plan(steps, at_once):
    assert (at_once.text, at_once.morphemes, at_once.intent, at_once.mode, at_once.categories,
            at_once.unknown_categories, at_once.notices) == (
        steps.text, steps.morphemes, steps.intent, steps.mode, steps.categories,
        steps.unknown_categories, steps.notices)
    assert (at_once.vector is None) == (steps.vector is None)
    if steps.vector is not None:
        assert at_once.vector.tolist() == steps.vector.tolist()


def test_a_plan_made_at_once_is_the_plan_made_in_steps():
    query = clean_query("향 없는 크림 " + "아주 " * 300)  # truncated
    steps, at_once, again = _plans_both_ways(SearchMode.HYBRID, query, ("없는 분류",))
    assert len(steps.notices) == 2
    _same_plan(steps, at_once)
    assert again.vector.tolist() == at_once.vector.tolist()  # the cached vector travels along


def test_a_keyword_plan_is_ordered_at_once_without_a_vector():
    steps, at_once, again = _plans_both_ways(SearchMode.KEYWORD, clean_query("촉촉한 크림"), ())
    _same_plan(steps, at_once)
    assert at_once.vector is None and again.vector is None


def test_a_semantic_plan_at_once_adds_the_concern_named_vector_as_in_steps(morpheme_analyzer):
    query = clean_query("여드름 자국 진정 토너")
    steps, at_once, _ = _plans_both_ways(SearchMode.SEMANTIC, query, (), morpheme_analyzer)
    assert steps.intent.concern_names
    _same_plan(steps, at_once)


def test_nothing_is_planned_at_once_without_a_table_or_a_keyword_index():
    embedder = QueryEmbedder(Backend(), QueryVectorCache(8), static_queries=True)
    planner = QueryPlanner(Analyzer(), Lexicons.load(), embedder, None)
    query = clean_query("촉촉한 크림")
    assert planner.at_once(static_index(None), query, (), SearchMode.HYBRID,
                           RankingParams()) is None
    no_keyword = static_index(Table())
    no_keyword.keyword = None
    assert planner.at_once(no_keyword, query, (), SearchMode.KEYWORD, RankingParams()) is None
