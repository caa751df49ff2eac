"""Each ranking piece's hybrid Δ on dev and the validation halves, and the queries it moves.

    python -m bench.ablation_queries                        # every hybrid piece, every set
    python -m bench.ablation_queries --pieces softmax floor --sets fresh3 fresh5
    python -m bench.ablation_queries --queries              # also each moved query, per piece

One engine per set (over the index `bench/quality_table.py` keeps under var/eval/<set>), every
piece switched off in turn in the same process: the whole table in well under a minute, where
`quality_table.py --ablations` starts an eval per piece and set. Only the validation halves
(odd qids) and dev are ever read: the test halves stay unseen.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from bench.quality_table import SETS  # noqa: E402
from engine.cli import ABLATIONS  # noqa: E402
from engine.composition import open_engine  # noqa: E402
from engine.evaluation import NO_MATCH_KIND, load_queries, ndcg_at, split_half  # noqa: E402
from engine.query import is_searchable  # noqa: E402
from engine.ranking.params import RankingParams  # noqa: E402
from engine.runtime import configure_process  # noqa: E402
from engine.settings import SearchMode, load_settings  # noqa: E402

# The pieces that move hybrid rankings (feedback and concern-query act in the other modes, the
# quote- pieces choose quotes, fit only refuses).
HYBRID_PIECES = ("absence", "adaptive", "categories", "concerns", "degrees", "denied-terms",
                 "floor", "price", "prior", "ratings", "softmax")


async def set_scores(name: str, pieces: list[str]) -> tuple[dict, dict[str, dict[str, float]]]:
    """The graded queries of one set's validation half (all of dev) and each query's hybrid
    nDCG@10 with every piece on ("all") and with each piece off."""
    catalog, queries_path, _ = SETS[name]
    queries = [q for q in split_half(load_queries(queries_path), None if name == "dev" else "val")
               if q.kind != NO_MATCH_KIND]
    settings = load_settings().model_copy(update={"index_dir": ROOT / "var" / "eval" / name,
                                                  "catalog_path": catalog})
    configure_process(settings)
    engine = await open_engine(settings)
    try:
        await engine.reindex()
        scores = {}
        for piece in ["all", *pieces]:
            ranking = RankingParams() if piece == "all" else replace(RankingParams(),
                                                                      **ABLATIONS[piece])
            scores[piece] = await _ndcgs(engine.with_ranking(ranking), queries)
        return {q.qid: q for q in queries}, scores
    finally:
        await engine.aclose()


async def _ndcgs(engine, queries) -> dict[str, float]:
    found = {}
    for query in queries:
        if not is_searchable(query.query):
            found[query.qid] = 0.0
            continue
        response = await engine.search_products(query.query, [query.category] if query.category
                                                else None, top_n=10, mode=SearchMode.HYBRID)
        found[query.qid] = ndcg_at([r.product.product_id for r in response.results],
                                   query.relevant)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="*", default=list(SETS))
    parser.add_argument("--pieces", nargs="*", default=list(HYBRID_PIECES),
                        choices=sorted(ABLATIONS))
    parser.add_argument("--queries", action="store_true",
                        help="also list each query a piece moves (Δ = on minus off)")
    args = parser.parse_args()
    results = {name: asyncio.run(set_scores(name, args.pieces)) for name in args.sets}
    mean = lambda values: sum(values.values()) / len(values)  # noqa: E731
    print("| piece | " + " | ".join(args.sets) + " |")
    print("|" + "---|" * (len(args.sets) + 1))
    print("| all on (nDCG@10) | " + " | ".join(f"{mean(results[n][1]['all']):.4f}"
                                               for n in args.sets) + " |")
    for piece in args.pieces:
        cells = [mean(results[n][1]["all"]) - mean(results[n][1][piece]) for n in args.sets]
        print(f"| {piece} | " + " | ".join(f"{cell:+.4f}" for cell in cells) + " |")
    if args.queries:
        for name in args.sets:
            queries, scores = results[name]
            for piece in args.pieces:
                for qid, query in queries.items():
                    delta = scores["all"][qid] - scores[piece][qid]
                    if abs(delta) > 1e-9:
                        print(f"{name} {piece} {qid} {delta:+.3f} [{query.kind}] {query.query}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
