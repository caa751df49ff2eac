"""Fit the "does anything fit?" model of engine/ranking/fit.py on dev and validation halves.

    python -m bench.fit_judgement

Graded queries (every kind but `nomatch`) are the queries something fits; `nomatch` queries and
data/eval/nomatch_dev.jsonl (asked of the dev and sample catalogs) the ones nothing fits. Only
odd (validation) qids of the held-out catalogs are read, and only queries the model would judge:
with words to search for, no category chosen, no line the shop does not carry and no topic
the domain examples place in another domain. Each set is read from the index
bench/quality_table.py keeps under var/eval/<set>. Prints the weights to paste into `JUDGE`,
and the refused / answered rates at a few thresholds on this training data.
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent

from bench.quality_table import SETS  # noqa: E402
from engine.evaluation import NO_MATCH_KIND, load_queries, split_half  # noqa: E402
from engine.query import clean_query  # noqa: E402
from engine.query_plan import QueryPlan  # noqa: E402
from engine.lexicons import Lexicons  # noqa: E402
from engine.ranking.fit import assess_fit, uncarried_evidence  # noqa: E402
from engine.understanding import understand_query  # noqa: E402
from engine.composition import open_engine  # noqa: E402
from engine.settings import load_settings  # noqa: E402
from engine.errors import InvalidQueryError  # noqa: E402

EXTRA_NO_MATCH = {"dev": ROOT / "data/eval/nomatch_dev.jsonl",
                  "sample": ROOT / "data/eval/nomatch_dev.jsonl"}


async def figures(name: str) -> list[tuple[list[float], list[float], bool]]:
    catalog, queries_path, _ = SETS[name]
    queries = load_queries(queries_path)
    queries = queries if name == "dev" else split_half(queries, "val")
    if name in EXTRA_NO_MATCH:
        queries += load_queries(EXTRA_NO_MATCH[name])
    rows = []
    # the index bench/quality_table.py keeps per set: a rerun embeds only changed texts
    settings = load_settings().model_copy(update={"index_dir": ROOT / "var" / "eval" / name,
                                                  "catalog_path": catalog})
    engine = await open_engine(settings)
    try:
        await engine.reindex()
        index, analyzer = engine.search_index, engine.analyzer
        lexicons = Lexicons.load()
        for query in queries:
            try:
                text = clean_query(query.query).text
            except InvalidQueryError:
                continue  # refused before any judgement
            vector = await engine.query_vector(text)
            morphemes = tuple(analyzer.analyze(text))
            intent = understand_query(text, morphemes, lexicons.traits, index.category_map,
                                      lexicons.concerns)
            if query.category:
                continue  # answered by rule
            plan = QueryPlan(text=text, morphemes=morphemes, vector=vector, intent=intent)
            if uncarried_evidence(index, plan, lexicons) is not None:
                continue  # refused by rule: a line the shop does not carry
            evidence = assess_fit(index, plan, lexicons.vocabulary, lexicons.domain)
            if not evidence.words or (evidence.off_domain or 0.0) > 0:
                continue  # refused by rule: nothing to search for, or another domain's topic
            lexical = [evidence.specificity, float(len(evidence.unknown)),
                       float(evidence.speaks_domain)]
            rows.append((lexical + [evidence.semantic_z], lexical,
                         query.kind == NO_MATCH_KIND))
    finally:
        await engine.aclose()
    return rows


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1.0) -> np.ndarray:
    """Class-balanced, L2-regularised logistic regression by Newton's method; [bias, w…]."""
    design = np.hstack([np.ones((len(x), 1)), x])
    weight = np.where(y, 0.5 / y.mean(), 0.5 / (1 - y.mean()))
    beta = np.zeros(design.shape[1])
    penalty = np.eye(len(beta)) * l2
    penalty[0, 0] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-design @ beta))
        gradient = design.T @ (weight * (p - y)) + penalty @ beta
        hessian = (design * (weight * p * (1 - p))[:, None]).T @ design + penalty
        beta -= np.linalg.solve(hessian, gradient)
    return beta


def main() -> int:
    rows = []
    for name in SETS:
        rows += asyncio.run(figures(name))
    y = np.array([r[2] for r in rows])
    for label, column in (("with_meaning", 0), ("words_only", 1)):
        x = np.array([r[column] for r in rows])
        beta = fit_logistic(x, y)
        p = 1 / (1 + np.exp(-(beta[0] + x @ beta[1:])))
        print(f"{label}: bias={beta[0]:.3f} weights={np.round(beta[1:], 3).tolist()}")
        for threshold in (0.5, 0.6, 0.7, 0.8, 0.9):
            print(f"  threshold {threshold}: refused {(p[y] > threshold).mean():.3f} of "
                  f"{y.sum()}, answered {(p[~y] <= threshold).mean():.3f} of {(~y).sum()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
