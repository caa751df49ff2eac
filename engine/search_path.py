"""One search's plan and ranking off the event loop, in as few hand-offs as it can.

Each hand-off from the event loop to the ranking pool and back waits for a thread and for the
GIL. When nothing in the plan waits for the backend (keyword mode, or a static query table
encodes the query), the reading, the vector and the ranking run in one call: on the pool, or in
a search worker process when there are workers (SEARCH_WORKERS), which holds the GIL of its own.
Otherwise the plan is made as `QueryPlanner.plan` makes it (Kiwi beside the backend's embedding,
in the parent, whose caches and backend it needs) and ranked on the pool in a second call.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import Executor
from typing import Protocol, Sequence

import numpy as np

from engine.keyword import MorphemeAnalyzer
from engine.lexicons import Lexicons
from engine.models import SearchResponse
from engine.query import CleanQuery
from engine.query_plan import PlanOrder, QueryPlanner, plan_from_order
from engine.ranking.params import RankingParams
from engine.results import ranked_response
from engine.search_index import SearchIndex
from engine.settings import SearchMode

Answer = tuple[SearchResponse, np.ndarray | None]  # the response, the vector encoded for it


class OrderRunner(Protocol):
    """Carries out plan orders elsewhere than the event loop (engine/workers)."""

    async def respond(self, index: SearchIndex, order: PlanOrder, ranking: RankingParams,
                      top_n: int) -> Answer: ...

    async def aclose(self) -> None: ...


async def planned_response(planner: QueryPlanner, pool: Executor, index: SearchIndex,
                           query: CleanQuery, categories: Sequence[str], mode: SearchMode,
                           ranking: RankingParams, top_n: int,
                           workers: OrderRunner | None = None
                           ) -> tuple[SearchMode, SearchResponse]:
    """The mode `query` was ranked in over `index` and its response (top `top_n`)."""
    loop = asyncio.get_running_loop()
    order = planner.at_once(index, query, categories, mode, ranking)
    if order is not None:
        if workers is not None:
            response, encoded = await workers.respond(index, order, ranking, top_n)
        else:
            response, encoded = await loop.run_in_executor(
                pool, respond_to_order, order, index, planner.analyzer, planner.lexicons,
                ranking, top_n)
        if encoded is not None:
            await planner.remember(index, order.text, encoded)
        return order.mode, response
    plan = await planner.plan(index, query, categories, mode, ranking)
    # Ranking is a few ms of Python: off the loop, so other chats are served meanwhile.
    return plan.mode, await loop.run_in_executor(pool, ranked_response, index, plan, ranking,
                                                 planner.lexicons, top_n)


def respond_to_order(order: PlanOrder, index: SearchIndex, analyzer: MorphemeAnalyzer,
                     lexicons: Lexicons, ranking: RankingParams, top_n: int) -> Answer:
    """The response to a plan order over `index`, and the query vector encoded for it."""
    plan, encoded = plan_from_order(order, index, analyzer, lexicons)
    return ranked_response(index, plan, ranking, lexicons, top_n), encoded
