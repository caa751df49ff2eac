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
