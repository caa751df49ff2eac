"""What travels between the bot and a search worker, over a multiprocessing pipe.

A response's products travel as their row in the snapshot both sides hold (the task names the
snapshot), so an answer is a few hundred bytes rather than every review of five products, and
the parent's response holds the parent's own `Product` objects, as the thread path's does.
"""

from __future__ import annotations

import io
import pickle
from dataclasses import dataclass
from typing import Sequence

from engine.models import Product, SearchResponse
from engine.query_plan import PlanOrder
from engine.ranking.params import RankingParams


@dataclass(frozen=True)
class SearchTask:
    """One plan order to carry out over the snapshot `snapshot_id`."""

    snapshot_id: str
    order: PlanOrder
    ranking: RankingParams
    top_n: int


@dataclass(frozen=True)
class LoadTask:
    """Load the snapshot `snapshot_id` now, before a search asks for it (after a swap)."""

    snapshot_id: str


class _ProductRows(pickle.Pickler):
    def __init__(self, file: io.BytesIO, rows: dict[int, int]) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._rows = rows

    def persistent_id(self, obj: object) -> int | None:
        return self._rows.get(id(obj)) if type(obj) is Product else None


class _RowProducts(pickle.Unpickler):
    def __init__(self, file: io.BytesIO, products: Sequence[Product]) -> None:
        super().__init__(file)
        self._products = products

    def persistent_load(self, pid: object) -> Product:
        return self._products[pid]  # type: ignore[index]


def product_rows(products: Sequence[Product]) -> dict[int, int]:
    """The row of each of a snapshot's products, by object identity, for `dump_response`."""
    return {id(product): row for row, product in enumerate(products)}


def dump_response(response: SearchResponse, rows: dict[int, int]) -> bytes:
    """`response` pickled with each product of the snapshot as its row."""
    buffer = io.BytesIO()
    _ProductRows(buffer, rows).dump(response)
    return buffer.getvalue()


def load_response(data: bytes, products: Sequence[Product]) -> SearchResponse:
    """The response `dump_response` wrote, its products those of the same snapshot here."""
    return _RowProducts(io.BytesIO(data), products).load()
