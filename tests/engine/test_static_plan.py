"""Planning a query over a snapshot with a static query table: Kiwi, the reading and the
table's encoding in one hand-off to the ranking pool, none of it on the event loop, and the
vector kept in the query cache as the backend's would be."""

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace

import numpy as np

from engine.lexicons import Lexicons
from engine.query import clean_query
from engine.query_cache import QueryEmbedder, QueryVectorCache
from engine.query_plan import QueryPlanner
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


def test_a_plan_made_at_once_is_the_plan_made_in_steps():
    lexicons = Lexicons.load()
    plans = {}
    for way in ("steps", "at once"):
        table = Table()
        index = static_index(table)
        embedder = QueryEmbedder(Backend(), QueryVectorCache(8), static_queries=True)
        with ThreadPoolExecutor(1, thread_name_prefix="ranking") as pool:
            planner = QueryPlanner(Analyzer(), lexicons, embedder, pool)
            query = clean_query("향 없는 크림 " + "아주 " * 300)  # truncated
            if way == "steps":
                plan = asyncio.run(planner.plan(index, query, ("없는 분류",), SearchMode.HYBRID,
                                                RankingParams()))
            else:
                planned = planner.at_once(index, query, ("없는 분류",), SearchMode.HYBRID,
                                          RankingParams())
                plan = planned()
                asyncio.run(planner.remember(index, plan))
                assert planner.at_once(index, query, (), SearchMode.HYBRID,
                                       RankingParams()) is None  # cached now
        assert embedder.holds(query.text, index)
        plans[way] = plan
    steps, at_once = plans["steps"], plans["at once"]
    assert at_once.notices == steps.notices and len(steps.notices) == 2
    assert (at_once.text, at_once.morphemes, at_once.intent, at_once.mode, at_once.categories,
            at_once.unknown_categories) == (steps.text, steps.morphemes, steps.intent,
                                            steps.mode, steps.categories,
                                            steps.unknown_categories)
    assert at_once.vector.tolist() == steps.vector.tolist()


def test_nothing_is_planned_at_once_in_keyword_mode_or_without_a_table():
    embedder = QueryEmbedder(Backend(), QueryVectorCache(8), static_queries=True)
    planner = QueryPlanner(Analyzer(), Lexicons.load(), embedder, None)
    query = clean_query("촉촉한 크림")
    assert planner.at_once(static_index(Table()), query, (), SearchMode.KEYWORD,
                           RankingParams()) is None
    assert planner.at_once(static_index(None), query, (), SearchMode.HYBRID,
                           RankingParams()) is None
