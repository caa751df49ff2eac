"""What shoppers ask for and what they think of the answers, summed up for the shop owner.

Plain records in, plain figures out (no I/O, no words for shoppers): the bot writes a
`SearchRecord` per search and a `Vote` per 👍/👎 (`engine/insight_store.py`); `/stats` and
`python -m engine report` show the same `Insight`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Iterable

from engine.models import SearchResponse

# The first result is a weak match when no review supports it, or its quoted review is this far
# from the query at most (cosine similarity of embedded e5; keyword-only answers carry none).
WEAK_SIMILARITY = 0.8
TOP_QUERIES = 10


@dataclass(frozen=True)
class SearchRecord:
    """One search: its words, what it found, and the snapshot that answered."""

    at: float
    query: str
    snapshot_id: str
    results: int
    nothing_fits: bool = False
    weak: bool = False


@dataclass(frozen=True)
class Vote:
    """A 👍 (+1) or 👎 (-1) on one result; `voter` is the same for the same card of one chat,
    so pressing again changes the vote instead of adding one."""

    at: float
    query: str
    product_id: str
    snapshot_id: str
    vote: int
    voter: str


@dataclass(frozen=True)
class QueryCount:
    query: str
    count: int


@dataclass(frozen=True)
class Insight:
    """The figures the owner reads: what is asked, what is not found, and how answers are rated."""

    searches: int
    top: tuple[QueryCount, ...]
    nothing_found: tuple[QueryCount, ...]
    weak_only: tuple[QueryCount, ...]
    up_votes: int
    down_votes: int

    @property
    def down_rate(self) -> float | None:
        votes = self.up_votes + self.down_votes
        return self.down_votes / votes if votes else None


def search_record(response: SearchResponse, at: float, snapshot_id: str) -> SearchRecord:
    """The record of a search's response."""
    return SearchRecord(at=at, query=response.query, snapshot_id=snapshot_id,
                        results=len(response.results),
                        nothing_fits=response.nothing_fits or not response.results,
                        weak=is_weak(response))


def is_weak(response: SearchResponse) -> bool:
    """Results whose best one no review supports well (see `WEAK_SIMILARITY`)."""
    if not response.results:
        return False
    evidence = response.results[0].evidence
    return (evidence is None or evidence.source != "review"
            or 0 < evidence.similarity < WEAK_SIMILARITY)


def summarize(searches: Iterable[SearchRecord], votes: Iterable[Vote],
              top_n: int = TOP_QUERIES) -> Insight:
    """Counts per query (folded: case and spaces), and each voter's last vote."""
    searches = list(searches)
    asked: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    weak: Counter[str] = Counter()
    spelled: dict[str, str] = {}
    for record in searches:
        key = fold(record.query)
        spelled.setdefault(key, record.query)
        asked[key] += 1
        if record.nothing_fits:
            missed[key] += 1
        elif record.weak:
            weak[key] += 1
    last: dict[str, int] = {}
    for vote in sorted(votes, key=lambda v: v.at):
        last[vote.voter] = vote.vote

    def counts(counter: Counter[str]) -> tuple[QueryCount, ...]:
        ranked = sorted(counter.items(), key=lambda item: (-item[1], item[0]))[:top_n]
        return tuple(QueryCount(spelled[key], count) for key, count in ranked)

    return Insight(searches=len(searches), top=counts(asked), nothing_found=counts(missed),
                   weak_only=counts(weak), up_votes=sum(1 for v in last.values() if v > 0),
                   down_votes=sum(1 for v in last.values() if v < 0))


def fold(query: str) -> str:
    return " ".join(query.lower().split())
