"""What a search will rank by: the query read, embedded and placed in the mode it can use.

`QueryPlanner.plan` is the one function that builds a `QueryPlan`. Kiwi and the query reading
run on the ranking pool's thread while the query is embedded; when the embedding backend fails
or the index was built with another model, the plan falls back to keyword mode with a notice.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import Callable, Sequence

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
    categories: tuple[str, ...] = ()  # the category filter (empty: every category)
    unknown_categories: tuple[str, ...] = ()  # of the filter, those the index does not have
    notices: tuple[Notice, ...] = ()


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
                         categories=tuple(categories), unknown_categories=unknown,
                         notices=notices + fallback)

    def at_once(self, index: SearchIndex, query: CleanQuery, categories: Sequence[str],
                mode: SearchMode, params: RankingParams) -> Callable[[], QueryPlan] | None:
        """The plan `plan` would make, as a call to run on the ranking pool, when nothing in it
        waits for the backend: the snapshot's static table encodes the query (not yet cached)
        for the keyword index beside it, with no concern-named vector to add; else None. Asked
        on the event loop; hand the plan's vector to `remember` there."""
        embedder = self._embedder
        if mode is SearchMode.KEYWORD or index.keyword is None or (
                mode is SearchMode.SEMANTIC and params.concern_query_share):
            return None
        table = embedder.table_for(index)
        if table is None or embedder.holds(query.text, index):
            return None
        try:
            index.check_model(embedder.model_identity, embedder.dim)
        except IndexModelMismatchError:
            return None  # `plan` falls back to keyword mode with the notice
        unknown, notices = _filter_notices(index, query, categories)

        def planned() -> QueryPlan:
            morphemes, intent, vector = self._read_and_encode(index, query.text, table)
            return QueryPlan(text=query.text, morphemes=morphemes, intent=intent, vector=vector,
                             mode=mode, categories=tuple(categories), unknown_categories=unknown,
                             notices=notices)
        return planned

    async def remember(self, index: SearchIndex, plan: QueryPlan) -> None:
        """Keep the vector of a plan made by `at_once` in the query cache."""
        await self._embedder.vector(plan.text, index, plan.vector)

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
        morphemes = tuple(self._analyzer.analyze(text))
        lexicons = self._lexicons
        return morphemes, understand_query(text, morphemes, lexicons.traits, index.category_map,
                                           lexicons.concerns)

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
        mixed = vector + share * named
        return (mixed / np.linalg.norm(mixed)).astype(np.float32)


def _filter_notices(index: SearchIndex, query: CleanQuery, categories: Sequence[str]
                    ) -> tuple[tuple[str, ...], tuple[Notice, ...]]:
    """The filter's categories the index does not have, and the notices of the query and the
    filter (truncated, unknown category)."""
    unknown = tuple(c for c in categories if c not in index.corpus.category_rows)
    return unknown, ((Notice.QUERY_TRUNCATED,) if query.truncated else ()) + (
        (Notice.UNKNOWN_CATEGORY,) if unknown else ())
