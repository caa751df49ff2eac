"""Products like a given one: ranked by the centroid of its documents' vectors."""

from __future__ import annotations

import numpy as np

from engine.errors import InvalidQueryError
from engine.models import SearchResponse
from engine.query_plan import QueryPlan
from engine.ranking.params import RankingParams
from engine.ranking.rank import rank_for_query
from engine.results import search_result
from engine.search_index import SearchIndex
from engine.settings import SearchMode


def similar_products(index: SearchIndex, product_id: str, params: RankingParams,
                     top_n: int) -> SearchResponse:
    """The `top_n` products whose reviews and listing resemble those of `product_id`."""
    row = next((r for r, p in enumerate(index.corpus.products) if p.product_id == product_id), -1)
    docs = np.flatnonzero(index.corpus.doc_product == row)
    if docs.size == 0:
        raise InvalidQueryError(f"unknown product {product_id!r}")
    source = index.corpus.products[row]
    centroid = index.vectors[docs].mean(axis=0)
    centroid = (centroid / np.linalg.norm(centroid)).astype(np.float32)
    plan = QueryPlan(text=source.name, vector=centroid, mode=SearchMode.SEMANTIC)
    hits = [hit for hit in rank_for_query(index, plan, params, top_n + 1)
            if hit.product_row != row][:top_n]
    return SearchResponse(
        query=f"{source.brand} {source.name}",
        results=tuple(search_result(index, hit, SearchMode.SEMANTIC.value) for hit in hits),
        mode=SearchMode.SEMANTIC.value,
        index_version=index.snapshot_id[-6:],
    )
