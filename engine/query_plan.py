"""What a search will rank by: the query read, embedded and placed in the mode it can use.

`QueryPlanner.plan` builds a `QueryPlan` step by step: Kiwi and the query reading run on the
ranking pool's thread while the query is embedded; when the embedding backend fails or the index
was built with another model, the plan falls back to keyword mode with a notice. A plan that
waits for no backend (keyword mode, a static query table) is ordered by `QueryPlanner.at_once`
as a picklable `PlanOrder` and made by `plan_from_order` in one call, on the ranking pool or in
a search worker process (engine/workers).
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import Executor
from dataclasses import dataclass, replace
from typing import Sequence

import numpy as np

from engine.errors import EmbeddingError, IndexModelMismatchError
from engine.keyword import Morpheme, MorphemeAnalyzer
from engine.lexicons import Lexicons
from engine.notices import Notice
from engine.query import CleanQuery
from engine.query_cache import QueryEmbedder
from engine.ranking.params import RankingParams
from engine.search_index import SearchIndex
from engine.settings import SearchMode
from engine.vectorizers.static import StaticQueryTable
from engine.understanding import (ConcernLexicon, QueryIntent, understand_query,
                                  with_concern_names)

log = logging.getLogger(__name__)


@dataclass(frozen=True, eq=False)
class QueryPlan:
    """A query ready to rank: its cleaned text and morphemes, what was understood of it, its
    vector (None in keyword mode), the mode it is ranked in and the notices for the shopper."""

    text: str
    morphemes: tuple[Morpheme, ...] = ()
    intent: QueryIntent = QueryIntent()
    vector: np.ndarray | None = None
    mode: SearchMode = SearchMode.HYBRID
    table_encoded: bool = False  # the vector is the snapshot's static table's, not the model's
    categories: tuple[str, ...] = ()  # the category filter (empty: every category)
    unknown_categories: tuple[str, ...] = ()  # of the filter, those the index does not have
    notices: tuple[Notice, ...] = ()


@dataclass(frozen=True, eq=False)
class PlanOrder:
    """A plan that needs no backend, as plain picklable data (`QueryPlanner.at_once`): the
    query, its mode and filter, the notices so far, its vector when the query cache held it
    (else the snapshot's static table encodes it; none in keyword mode) and the share of the
    concern-named vector a semantic query adds."""

    text: str
    mode: SearchMode
    categories: tuple[str, ...] = ()
    unknown_categories: tuple[str, ...] = ()
    notices: tuple[Notice, ...] = ()
    vector: np.ndarray | None = None
    concern_share: float = 0.0


def plan_from_order(order: PlanOrder, index: SearchIndex, analyzer: MorphemeAnalyzer,
                    lexicons: Lexicons) -> tuple[QueryPlan, np.ndarray | None]:
    """The plan `order` describes over `index` (the snapshot it was ordered for), and the
    query vector when it was encoded here rather than taken from the order."""
    morphemes, intent = read_query(analyzer, lexicons, index, order.text)
    vector = encoded = None
    if order.mode is not SearchMode.KEYWORD:
        table = index.query_table
        vector = order.vector
        if vector is None:
            vector = encoded = table.encode(order.text)
        if order.concern_share and intent.concern_names:
            named = table.encode(with_concern_names(order.text, intent.concern_names))
            vector = mixed_vector(vector, named, order.concern_share)
    return QueryPlan(text=order.text, morphemes=morphemes, intent=intent, vector=vector,
                     mode=order.mode, table_encoded=vector is not None,
                     categories=order.categories,
                     unknown_categories=order.unknown_categories, notices=order.notices), encoded


def read_query(analyzer: MorphemeAnalyzer, lexicons: Lexicons, index: SearchIndex,
               text: str) -> tuple[tuple[Morpheme, ...], QueryIntent]:
    """The query's morphemes (Kiwi) and what they ask for over `index`."""
    morphemes = tuple(analyzer.analyze(text))
    return morphemes, understand_query(text, morphemes, lexicons.traits, index.category_map,
                                       lexicons.concerns)


def mixed_vector(vector: np.ndarray, named: np.ndarray, share: float) -> np.ndarray:
    """The query vector moved by `share` toward its concern-named twin, unit length."""
    mixed = vector + share * named
    return (mixed / np.linalg.norm(mixed)).astype(np.float32)


class QueryPlanner:
    """Reads and embeds queries against a served index; Kiwi runs on `pool`."""

    def __init__(self, analyzer: MorphemeAnalyzer, lexicons: Lexicons, embedder: QueryEmbedder,
                 pool: Executor) -> None:
        self._analyzer = analyzer
        self._lexicons = lexicons
        self._embedder = embedder
        self._pool = pool

    async def plan(self, index: SearchIndex, query: CleanQuery, categories: Sequence[str],
                   mode: SearchMode, params: RankingParams) -> QueryPlan:
        """The plan of one cleaned query over `index`, in `mode` or the mode it falls back to;
        `params.concern_query_share` weighs the semantic side's concern-named embedding."""
        text = query.text
        unknown, notices = _filter_notices(index, query, categories)
        loop = asyncio.get_running_loop()
        reading = encoded = None
        morphemes, intent = (), None
        if mode is not SearchMode.KEYWORD and not self._embedder.holds(text, index):
            table = self._embedder.table_for(index) if index.keyword is not None else None
            if table is not None:
                # A static table encodes in a fraction of Kiwi's time: both in one hand-off,
                # neither on the event loop.
                morphemes, intent, encoded = await loop.run_in_executor(
                    self._pool, self._read_and_encode, index, text, table)
            else:
                # Kiwi and the query reading run on the other core while the query is embedded.
                reading = loop.run_in_executor(self._pool, self.read, index, text)
        try:
            mode, vector, fallback = await self._vector_for_mode(index, text, mode, encoded)
            if reading:
                morphemes, intent = await reading
        except BaseException:
            if reading:
                reading.cancel()
            raise
        if intent is None:
            morphemes, intent = await loop.run_in_executor(self._pool, self.read, index, text)
        if mode is SearchMode.SEMANTIC and params.concern_query_share:
            vector = await self._with_concern_names(index, text, vector, intent,
                                                    params.concern_query_share)
        return QueryPlan(text=text, morphemes=morphemes, intent=intent, vector=vector, mode=mode,
                         table_encoded=vector is not None
                         and self._embedder.table_for(index) is not None,
                         categories=tuple(categories), unknown_categories=unknown,
                         notices=notices + fallback)

    def at_once(self, index: SearchIndex, query: CleanQuery, categories: Sequence[str],
                mode: SearchMode, params: RankingParams) -> PlanOrder | None:
        """What `plan` would make, as an order `plan_from_order` carries out in one call on the
        ranking pool or in a search worker, when nothing in it waits for the backend: keyword
        mode, or the snapshot's static table encodes the query (its vector taken from the
        cache when held there); else None. Asked on the event loop; hand a vector the order's
        plan encoded to `remember` there."""
        if index.keyword is None:
            return None
        unknown, notices = _filter_notices(index, query, categories)
        order = PlanOrder(query.text, mode, tuple(categories), unknown, notices)
        if mode is SearchMode.KEYWORD:
            return order
        embedder = self._embedder
        if embedder.table_for(index) is None:
            return None
        try:
            index.check_model(embedder.model_identity, embedder.dim)
        except IndexModelMismatchError:
            return None  # `plan` falls back to keyword mode with the notice
        share = params.concern_query_share if mode is SearchMode.SEMANTIC else 0.0
        cached = embedder.cached(query.text, index)
        return replace(order, vector=cached, concern_share=share)

    async def remember(self, index: SearchIndex, text: str, vector: np.ndarray) -> None:
        """Keep the vector an order's plan encoded for `text` in the query cache."""
        await self._embedder.vector(text, index, vector)

    @property
    def analyzer(self) -> MorphemeAnalyzer:
        """The Kiwi analyser the queries are read with."""
        return self._analyzer

    @property
    def lexicons(self) -> Lexicons:
        """The dictionaries the queries are read with."""
        return self._lexicons

    @property
    def concerns(self) -> ConcernLexicon:
        """The concern dictionary the queries are read with."""
        return self._lexicons.concerns

    @property
    def vocabulary(self) -> frozenset[str]:
        """The words of the concern and trait dictionaries the queries are read with."""
        return self._lexicons.vocabulary

    def read(self, index: SearchIndex, text: str) -> tuple[tuple[Morpheme, ...], QueryIntent]:
        """The query's morphemes and what they ask for (Kiwi: seconds of CPU at worst, so it
        runs off the event loop)."""
        return read_query(self._analyzer, self._lexicons, index, text)

    def _read_and_encode(self, index: SearchIndex, text: str, table: StaticQueryTable
                         ) -> tuple[tuple[Morpheme, ...], QueryIntent, np.ndarray]:
        """`read` and the static table's vector of `text`, on one thread."""
        return *self.read(index, text), table.encode(text)

    async def _vector_for_mode(self, index: SearchIndex, text: str, mode: SearchMode,
                               encoded: np.ndarray | None = None
                               ) -> tuple[SearchMode, np.ndarray | None, tuple[Notice, ...]]:
        """The mode the query can be ranked in, the vector it needs (`encoded`: already
        encoded by the snapshot's static table), and the notice when that is not the mode
        asked for."""
        embedder = self._embedder
        if index.keyword is None:
            index.check_model(embedder.model_identity, embedder.dim)
            missing = () if mode is SearchMode.SEMANTIC else (Notice.KEYWORD_INDEX_MISSING,)
            return SearchMode.SEMANTIC, await embedder.vector(text, index), missing
        if mode is SearchMode.KEYWORD:
            return mode, None, ()
        try:
            # Embedded first: a backend that was down at start-up learns its dim on this call.
            vector = await embedder.vector(text, index, encoded)
            index.check_model(embedder.model_identity, embedder.dim)
            return mode, vector, ()
        except IndexModelMismatchError as exc:
            log.error("keyword results only: %s", exc)
            return SearchMode.KEYWORD, None, (Notice.REINDEX_NEEDED,)
        except EmbeddingError as exc:
            log.warning("keyword results only, embedding backend failed: %s: %s",
                        type(exc).__name__, exc)
            return SearchMode.KEYWORD, None, (Notice.SEMANTIC_UNAVAILABLE,)

    async def _with_concern_names(self, index: SearchIndex, text: str, vector: np.ndarray,
                                  intent: QueryIntent, share: float) -> np.ndarray:
        """Semantic mode: the query vector moved toward the query with its concerns named
        ("…얼굴이 새까맣게 익어요 (자외선 백탁)"), which e5 places nearer the reviews about them.
        In hybrid the keyword side carries the concerns already (docs/quality.md)."""
        if not intent.concern_names:
            return vector
        try:
            named = await self._embedder.vector(with_concern_names(text, intent.concern_names),
                                                index)
        except EmbeddingError as exc:
            log.warning("query embedded without its concerns: %s: %s", type(exc).__name__, exc)
            return vector
        return mixed_vector(vector, named, share)


def _filter_notices(index: SearchIndex, query: CleanQuery, categories: Sequence[str]
                    ) -> tuple[tuple[str, ...], tuple[Notice, ...]]:
    """The filter's categories the index does not have, and the notices of the query and the
    filter (truncated, unknown category)."""
    unknown = tuple(c for c in categories if c not in index.corpus.category_rows)
    return unknown, ((Notice.QUERY_TRUNCATED,) if query.truncated else ()) + (
        (Notice.UNKNOWN_CATEGORY,) if unknown else ())
