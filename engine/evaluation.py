"""Search-quality evaluation: graded queries, nDCG@10, Recall@10 and MRR@10 (pure functions)."""

from __future__ import annotations

import json
import math
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence, TypeVar

from engine.errors import CatalogError

CUTOFF = 10
NO_MATCH_KIND = "nomatch"  # queries nothing in the catalog fits: right when nothing is returned
T = TypeVar("T")


@dataclass(frozen=True)
class GradedQuery:
    """A query with its graded relevant products (2 = highly, 1 = partly relevant)."""

    qid: str
    query: str
    category: str | None
    relevant: dict[str, int]
    kind: str = "all"


@dataclass(frozen=True)
class QueryScores:
    ndcg: float
    recall: float
    mrr: float


@dataclass
class EvalReport:
    """Mean metrics overall and by query kind."""

    per_query: dict[str, QueryScores] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    answered: dict[str, bool] = field(default_factory=dict)  # every query: any results?

    def mean(self, kind: str | None = None) -> QueryScores:
        rows = [s for q, s in self.per_query.items() if kind is None or self.kinds[q] == kind]
        if not rows:
            return QueryScores(0.0, 0.0, 0.0)
        return QueryScores(
            ndcg=sum(r.ndcg for r in rows) / len(rows),
            recall=sum(r.recall for r in rows) / len(rows),
            mrr=sum(r.mrr for r in rows) / len(rows),
        )

    def by_kind(self) -> dict[str, QueryScores]:
        groups: dict[str, int] = defaultdict(int)
        for kind in self.kinds.values():
            groups[kind] += 1
        return {kind: self.mean(kind) for kind in sorted(groups)}

    def refused_rate(self) -> float | None:
        """Share of no-match queries that got no results (None: the set has none)."""
        rows = [not a for q, a in self.answered.items() if q not in self.per_query]
        return sum(rows) / len(rows) if rows else None

    def answered_rate(self) -> float | None:
        """Share of graded queries that got results."""
        rows = [a for q, a in self.answered.items() if q in self.per_query]
        return sum(rows) / len(rows) if rows else None

    def as_dict(self) -> dict:
        overall = self.mean()
        return {
            "queries": len(self.per_query),
            "overall": vars(overall),
            "by_kind": {kind: vars(scores) for kind, scores in self.by_kind().items()},
            "answered": self.answered_rate(),
            "refused_no_match": self.refused_rate(),
        }


def read_jsonl(path: Path | str, parse: Callable[[dict], T], what: str) -> list[T]:
    """Each non-blank line of a JSONL file through `parse`; a line that is not valid JSON or
    that `parse` rejects (KeyError, TypeError, ValueError, AttributeError) raises
    `CatalogError` naming the file and line, and so does a file with no rows."""
    path = Path(path)
    rows = []
    for line_number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if not line.strip():
            continue
        try:
            rows.append(parse(json.loads(line)))
        except (json.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError) as exc:
            raise CatalogError(f"invalid {what}: {exc}", path=str(path), line=line_number) from None
    if not rows:
        raise CatalogError(f"no {what} rows", path=str(path))
    return rows


def load_queries(path: Path | str) -> list[GradedQuery]:
    """Read graded queries from JSONL (`qid`, `query`, `category`, `relevant`, `kind`)."""
    return read_jsonl(path, _graded_query, "query line")


def _graded_query(data: dict) -> GradedQuery:
    return GradedQuery(
        qid=str(data["qid"]), query=str(data["query"]), category=data.get("category"),
        relevant={str(k): int(v) for k, v in data["relevant"].items()},
        kind=str(data.get("kind") or "all"),
    )


def split_half(queries: list[GradedQuery], half: str | None) -> list[GradedQuery]:
    """The validation half (odd number in the qid), the test half (even), or all queries."""
    if half is None:
        return queries
    wanted = 1 if half == "val" else 0
    return [q for q in queries if _qid_number(q.qid) % 2 == wanted]


def _qid_number(qid: str) -> int:
    digits = "".join(ch for ch in qid.split("_")[-1] if ch.isdigit())
    if not digits:
        raise ValueError(f"qid {qid!r} has no number to split on")
    return int(digits)


def ndcg_at(ranked: Sequence[str], relevant: dict[str, int], k: int = CUTOFF) -> float:
    """Normalised discounted cumulative gain with gains 2^grade - 1."""
    dcg = sum((2 ** relevant.get(pid, 0) - 1) / math.log2(rank + 2)
              for rank, pid in enumerate(ranked[:k]))
    ideal_grades = sorted(relevant.values(), reverse=True)[:k]
    ideal = sum((2 ** grade - 1) / math.log2(rank + 2) for rank, grade in enumerate(ideal_grades))
    return dcg / ideal if ideal > 0 else 0.0


def recall_at(ranked: Sequence[str], relevant: dict[str, int], k: int = CUTOFF) -> float:
    wanted = {pid for pid, grade in relevant.items() if grade > 0}
    if not wanted:
        return 0.0
    return len(wanted & set(ranked[:k])) / len(wanted)


def mrr_at(ranked: Sequence[str], relevant: dict[str, int], k: int = CUTOFF) -> float:
    for rank, pid in enumerate(ranked[:k]):
        if relevant.get(pid, 0) > 0:
            return 1.0 / (rank + 1)
    return 0.0


def score_run(queries: Iterable[GradedQuery], rankings: dict[str, Sequence[str]]) -> EvalReport:
    """Score each query's ranked product ids against its graded judgements; a no-match query
    counts only as refused or not."""
    report = EvalReport()
    for query in queries:
        ranked = list(rankings.get(query.qid, ()))
        report.answered[query.qid] = bool(ranked)
        if query.kind == NO_MATCH_KIND:
            continue
        report.per_query[query.qid] = QueryScores(
            ndcg=ndcg_at(ranked, query.relevant),
            recall=recall_at(ranked, query.relevant),
            mrr=mrr_at(ranked, query.relevant),
        )
        report.kinds[query.qid] = query.kind
    return report


def format_report(report: EvalReport, title: str) -> str:
    """A plain-text table of the overall and per-kind figures."""
    lines = [f"{title}: {len(report.per_query)} queries",
             f"{'kind':<12} {'n':>3} {'nDCG@10':>8} {'R@10':>6} {'MRR@10':>7}"]
    counts: dict[str, int] = defaultdict(int)
    for kind in report.kinds.values():
        counts[kind] += 1
    rows = [("all", len(report.per_query), report.mean())]
    rows += [(kind, counts[kind], scores) for kind, scores in report.by_kind().items()]
    for kind, n, s in rows:
        lines.append(f"{kind:<12} {n:>3} {s.ndcg:>8.3f} {s.recall:>6.3f} {s.mrr:>7.3f}")
    answered, refused = report.answered_rate(), report.refused_rate()
    if refused is not None:
        no_match = len(report.answered) - len(report.per_query)
        lines.append(f"no-match queries refused: {refused:.3f} of {no_match}; "
                     f"graded queries answered: {answered:.3f}")
    return "\n".join(lines)
