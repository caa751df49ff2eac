"""Fit the quote scorer of engine/ranking/quote_scorer.py on dev and the validation halves.

    python -m bench.fit_quotes              # leave-one-catalog-out figures, then the fit on all
    python -m bench.fit_quotes --cache var/quote_pools.pkl   # reuse the candidates read before

For every labelled (query, relevant product) pair of dev and of the validation (odd qid) halves
of the catalogs with quote labels, the candidates are the sentences `quote_pool` offers (hybrid
mode, the engine's own ranking inputs), each marked supported when the labels' spans support it
(`quote_supported`, the evaluation's own test). A listwise logistic model (softmax over a
pool's candidates, L2-regularised toward the hand weights) learns the weights; a pair whose reviews support nothing
teaches the score under which the listing is quoted. Each catalog is scored by a model fitted
on the others first ("held out"), as the evaluation would score it: the pairs shown in the
top 5, the share of them whose quote the labels support, by query kind. Prints the
`QUOTE_MODEL` to paste. `--explore` also scores, the same way, the scorer's figures with each
figure of bench/quote_features.py added in turn, and with all of them.
"""

from __future__ import annotations

import argparse
import asyncio
import pickle
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent

from bench.quality_table import SETS  # noqa: E402
from bench.quote_features import EXTRA_FEATURES, extra_features  # noqa: E402
from engine.composition import open_engine  # noqa: E402
from engine.evaluation import NO_MATCH_KIND, load_queries, split_half  # noqa: E402
from engine.lexicons import Lexicons  # noqa: E402
from engine.query import clean_query  # noqa: E402
from engine.query_plan import QueryPlan  # noqa: E402
from engine.quote_evaluation import QUOTE_CUTOFF, load_quote_labels, quote_supported  # noqa: E402
from engine.ranking.params import RankingParams  # noqa: E402
from engine.ranking.quote_scorer import FEATURES  # noqa: E402
from engine.ranking.quotes import (DocumentMatch, ProductReports, quote_pool,  # noqa: E402
                                   quote_reading, quote_text)
from engine.ranking.rank import (candidate_products, document_similarities,  # noqa: E402
                                 product_trait_reports)
from engine.ranking.terms import query_terms  # noqa: E402
from engine.results import ranked_response  # noqa: E402
from engine.settings import SearchMode, load_settings  # noqa: E402
from engine.understanding import understand_query  # noqa: E402

QUOTED_SETS = ("dev", "fresh", "fresh3", "fresh4", "fresh5", "fresh6")
L2 = 0.01  # toward the hand weights, per pair, on standardised features
# the hand-weighted score (RankingParams.quote_term_weight, quote_concern_share), by column
HAND_WEIGHTS = {0: 1.0, 1: 0.1, 2: 0.05}


@dataclass
class Pair:
    """One labelled (query, product) pair: its candidates' figures and which are supported."""

    catalog: str
    qid: str
    kind: str
    shown: bool           # among the top QUOTE_CUTOFF hybrid results
    has_support: bool     # the labels name a supporting span
    features: np.ndarray  # (candidates, FEATURES + EXTRA_FEATURES)
    hand: np.ndarray      # the hand-weighted score of each candidate
    supported: np.ndarray  # bool per candidate


async def read_pairs(name: str) -> list[Pair]:
    catalog, queries_path, quotes_path = SETS[name]
    labels = load_quote_labels(quotes_path)
    queries = load_queries(queries_path)
    queries = queries if name == "dev" else split_half(queries, "val")
    params = RankingParams()
    lexicons = Lexicons.load()
    settings = load_settings().model_copy(update={"index_dir": ROOT / "var" / "eval" / name,
                                                  "catalog_path": catalog})
    engine = await open_engine(settings)
    pairs = []
    try:
        await engine.reindex()
        index, analyzer = engine.search_index, engine.analyzer
        rows = {p.product_id: r for r, p in enumerate(index.corpus.products)}
        for query in queries:
            wanted = [label for (qid, _), label in labels.items() if qid == query.qid]
            if query.kind == NO_MATCH_KIND or not wanted:
                continue
            text = clean_query(query.query).text
            morphemes = tuple(analyzer.analyze(text))
            intent = understand_query(text, morphemes, lexicons.traits, index.category_map,
                                      lexicons.concerns)
            categories = (query.category,) if query.category else ()
            plan = QueryPlan(text=text, morphemes=morphemes, intent=intent,
                             vector=await engine.query_vector(text), mode=SearchMode.HYBRID,
                             categories=categories)
            shown = {r.product.product_id for r in
                     ranked_response(index, plan, params, lexicons, QUOTE_CUTOFF).results}
            allowed = candidate_products(index, categories, intent, params)
            match = DocumentMatch(document_similarities(index, plan.vector, allowed),
                                  frozenset(query_terms(morphemes, index.keyword.knows)))
            for label in wanted:
                row = rows[label.product_id]
                reports = (product_trait_reports(index, intent, row, params)[1]
                           if intent.absent_traits or intent.less_traits else ProductReports())
                pool = quote_pool(index, row, plan, match, reports, params)
                extra = extra_features(index, plan, pool,
                                       quote_reading(index, plan, match, params))
                texts = [quote_text(index.corpus.document_text(c.doc), c.span)
                         for c in pool.candidates]
                pairs.append(Pair(name, query.qid, query.kind, label.product_id in shown,
                                  bool(label.supporting), np.hstack([pool.features, extra]),
                                  pool.hand_scores,
                                  np.array([quote_supported(t, label.supporting) for t in texts],
                                           dtype=bool)))
    finally:
        await engine.aclose()
    return pairs


def fit_listwise(pairs: list[Pair], columns: list[int], l2: float = L2,
                 steps: int = 400) -> np.ndarray:
    """Weights (over all feature columns, zero outside `columns`) maximising, over the pairs
    with both supported and unsupported candidates, the log of the softmax mass on the
    supported ones, L2-regularised toward the hand weights on standardised features; the
    similarity's weight is scaled to 1 (only ratios matter to the choice)."""
    usable = [p for p in pairs if p.supported.any() and not p.supported.all()]
    stacked = np.vstack([p.features[:, columns] for p in usable])
    mean, scale = stacked.mean(axis=0), stacked.std(axis=0)
    scale[scale == 0] = 1.0
    xs = [(p.features[:, columns] - mean) / scale for p in usable]
    prior = np.array([HAND_WEIGHTS.get(c, 0.0) for c in columns]) * scale
    weights = prior.copy()
    moment, second = np.zeros_like(weights), np.zeros_like(weights)
    for step in range(1, steps + 1):  # Adam on the convex loss
        gradient = l2 * (weights - prior) * len(usable)
        for x, pair in zip(xs, usable):
            z = x @ weights
            p = np.exp(z - z.max())
            p /= p.sum()
            q = np.where(pair.supported, p, 0.0)
            gradient += x.T @ (p - q / q.sum())
        gradient /= len(usable)
        moment = 0.9 * moment + 0.1 * gradient
        second = 0.999 * second + 0.001 * gradient ** 2
        weights -= 0.02 * (moment / (1 - 0.9 ** step)) / (np.sqrt(second / (1 - 0.999 ** step))
                                                          + 1e-8)
    full = np.zeros(pairs[0].features.shape[1])
    full[columns] = weights / scale
    return full / full[0] if full[0] > 0 else full


def best_candidates(pairs: list[Pair], weights: np.ndarray | None) -> list[tuple[float, bool]]:
    """Each pair's best candidate: its score and whether it is supported (hand scores when
    `weights` is None; -inf, False for an empty pool)."""
    found = []
    for pair in pairs:
        if not len(pair.supported):
            found.append((-np.inf, False))
            continue
        scores = pair.hand if weights is None else pair.features @ weights
        best = int(np.argmax(scores))  # ties: the first, as the engine's document order
        found.append((float(scores[best]), bool(pair.supported[best])))
    return found


def listing_threshold(pairs: list[Pair], weights: np.ndarray) -> float:
    """The best score under which quoting the listing is right more often than not: it
    maximises right answers over all pairs (a supported line where the labels have one, the
    listing where they have none); -inf when no cut-off pays."""
    best = best_candidates(pairs, weights)
    options = sorted({s for s, _ in best if np.isfinite(s)})
    cuts = [-np.inf] + [(a + b) / 2 for a, b in zip(options, options[1:])]

    def right(cut: float) -> int:
        return sum((score >= cut and ok) if pair.has_support else score < cut
                   for pair, (score, ok) in zip(pairs, best))
    return max(cuts, key=lambda cut: (right(cut), -cut))


def judged(pairs: list[Pair], weights: np.ndarray | None, cut: float = -np.inf
           ) -> dict[str, list[int]]:
    """Per kind: [supported, judged, listing where unsupported, unsupported] over the pairs
    shown in the top 5, as `engine eval --quotes` counts them."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for pair, (score, ok) in zip(pairs, best_candidates(pairs, weights)):
        if not pair.shown:
            continue
        listing = score < cut
        for kind in ("all", pair.kind):
            if pair.has_support:
                counts[kind][0] += ok and not listing
                counts[kind][1] += 1
            else:
                counts[kind][2] += listing
                counts[kind][3] += 1
    return counts


def held_out(pairs: list[Pair], columns: list[int] | None, l2: float
             ) -> dict[str, dict[str, list[int]]]:
    """Each catalog's counts under the model fitted on the other catalogs (the hand weights
    when `columns` is None)."""
    found = {}
    for name in QUOTED_SETS:
        test = [p for p in pairs if p.catalog == name]
        if columns is None:
            found[name] = judged(test, None)
            continue
        train = [p for p in pairs if p.catalog != name]
        weights = fit_listwise(train, columns, l2)
        found[name] = judged(test, weights, listing_threshold(train, weights))
    return found


def summed(per_set: dict[str, dict[str, list[int]]]) -> dict[str, list[int]]:
    total: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for counts in per_set.values():
        for kind, c in counts.items():
            total[kind] = [a + b for a, b in zip(total[kind], c)]
    return total


def rate(c: list[int]) -> str:
    return f"{c[0] / c[1]:.3f}" if c[1] else "–"


def table(rows: dict[str, dict[str, list[int]]]) -> str:
    """Markdown: support rate of each row's model, per catalog and per kind."""
    kinds = ("paraphrase", "negation", "scene", "multi", "filtered", "keyword")
    lines = ["| model | " + " | ".join(QUOTED_SETS) + " | all | " + " | ".join(kinds) + " |",
             "|" + "---|" * (len(QUOTED_SETS) + len(kinds) + 2)]
    for label, per_set in rows.items():
        total = summed(per_set)
        lines.append(f"| {label} | " + " | ".join(rate(per_set[n]["all"]) for n in QUOTED_SETS)
                     + f" | {rate(total['all'])} ({total['all'][0]}/{total['all'][1]}) | "
                     + " | ".join(rate(total[k]) for k in kinds) + " |")
    return "\n".join(lines)


def listing_tradeoff(pairs: list[Pair], weights: np.ndarray) -> str:
    """What quoting the listing under a cut-off of the best score would cost and gain over the
    shown pairs, at a few cut-offs (quantiles of the best scores)."""
    shown = [p for p in pairs if p.shown]
    best = best_candidates(shown, weights)
    scores = [s for s, _ in best if np.isfinite(s)]
    lines = []
    for quantile in (0.02, 0.05, 0.1, 0.2):
        cut = float(np.quantile(scores, quantile))
        lost = sum(p.has_support and ok and s < cut for p, (s, ok) in zip(shown, best))
        honest = sum(not p.has_support and s < cut for p, (s, ok) in zip(shown, best))
        lines.append(f"  cut at the {quantile:.0%} quantile: {lost} supported lines lost, "
                     f"listing for {honest} of {sum(not p.has_support for p in shown)} pairs "
                     "no review supports")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, help="read the pairs from here (write if absent)")
    parser.add_argument("--l2", type=float, default=L2)
    parser.add_argument("--explore", action="store_true",
                        help="also each figure of bench/quote_features.py beside the scorer's")
    args = parser.parse_args()
    if args.cache and args.cache.exists():
        pairs = pickle.loads(args.cache.read_bytes())
    else:
        pairs = [p for name in QUOTED_SETS for p in asyncio.run(read_pairs(name))]
        if args.cache:
            args.cache.write_bytes(pickle.dumps(pairs))
    own = list(range(len(FEATURES)))
    rows = {"hand weights": held_out(pairs, None, args.l2),
            "fitted, held out": held_out(pairs, own, args.l2)}
    if args.explore:
        names = FEATURES + EXTRA_FEATURES
        for extra in range(len(FEATURES), len(names)):
            rows[f"+ {names[extra]}"] = held_out(pairs, own + [extra], args.l2)
        rows["+ all"] = held_out(pairs, list(range(len(names))), args.l2)
    print(table(rows))
    weights = fit_listwise(pairs, own, args.l2)
    cut = listing_threshold(pairs, weights)
    print("listing under a cut-off of the best score (fitted on all):")
    print(listing_tradeoff(pairs, weights))
    print("QUOTE_MODEL = QuoteModel(weights=("
          + ", ".join(f"{w:.4g}" for w in weights[own]) + ")"
          + (f", listing_below={cut:.4f})" if np.isfinite(cut) else ")"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
