"""One search's plan and ranking on the ranking pool, in as few hand-offs as it can.

Each hand-off from the event loop to the pool and back waits for a thread and for the GIL.
When nothing in the plan waits for the backend (a static query table encodes the query), the
reading, the vector and the ranking run in one call; otherwise the plan is made as
`QueryPlanner.plan` makes it (Kiwi beside the backend's embedding) and ranked in a second.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import Executor
from typing import Callable, Sequence

from engine.lexicons import Lexicons
from engine.models import SearchResponse
from engine.query import CleanQuery
from engine.query_plan import QueryPlan, QueryPlanner
from engine.ranking.params import RankingParams
from engine.results import ranked_response
from engine.search_index import SearchIndex
from engine.settings import SearchMode


async def planned_response(planner: QueryPlanner, pool: Executor, index: SearchIndex,
                           query: CleanQuery, categories: Sequence[str], mode: SearchMode,
                           ranking: RankingParams, top_n: int
                           ) -> tuple[QueryPlan, SearchResponse]:
    """The plan of `query` over `index` and its response (top `top_n`)."""
    loop = asyncio.get_running_loop()
    at_once = planner.at_once(index, query, categories, mode, ranking)
    if at_once is not None:
        plan, response = await loop.run_in_executor(pool, _plan_and_rank, at_once, index,
                                                    ranking, planner.lexicons, top_n)
        await planner.remember(index, plan)
        return plan, response
    plan = await planner.plan(index, query, categories, mode, ranking)
    # Ranking is a few ms of Python: off the loop, so other chats are served meanwhile.
    return plan, await loop.run_in_executor(pool, ranked_response, index, plan, ranking,
                                            planner.lexicons, top_n)


def _plan_and_rank(planned: Callable[[], QueryPlan], index: SearchIndex, ranking: RankingParams,
                   lexicons: Lexicons, top_n: int) -> tuple[QueryPlan, SearchResponse]:
    plan = planned()
    return plan, ranked_response(index, plan, ranking, lexicons, top_n)
