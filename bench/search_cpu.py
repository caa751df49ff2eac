"""CPU per query of the search path outside the embedding, stage by stage, on distinct texts.

Run from the repo root, over an index built with the static query encoder (reused if present):

    QUERY_ENCODER=static python -m engine index --index-dir var/perf-index
    python -m bench.search_cpu --index-dir var/perf-index            # 300 texts, per stage
    python -m bench.search_cpu --index-dir var/perf-index --profile 25   # + cProfile's top 25
    python -m bench.search_cpu --index-dir var/perf-index --digest   # a hash of every response

Every query runs the stages `SearchEngine.search_products` runs, one after another on this
thread with nothing cached (no text comes twice): cleaning, Kiwi, the query reading, the
query vector (the snapshot's static table, or e5 without one), the fit judgement, the ranking
and the results with their quotes. Each stage's figure is thread CPU time (`time.thread_time`),
so other processes on the machine slow it less than they would a wall-clock time. A first pass
over other texts warms Kiwi and the per-snapshot caches, as a serving bot's first queries do.
`--digest` instead runs the texts through `SearchEngine.search_products` and prints one hash
of all the responses: two versions of the code that rank alike print the same one.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import hashlib
import json
import pstats
import statistics
import time
from pathlib import Path

from bench.query_texts import distinct_queries

STAGES = ("clean", "kiwi", "reading", "vector", "fit", "rank", "results")
WARM_UP = 20


async def open_static_engine(index_dir: Path):
    from engine.composition import open_engine
    from engine.runtime import configure_process
    from engine.settings import load_settings

    settings = load_settings(index_dir=index_dir, query_encoder="static", query_cache_size=0,
                             response_cache_size=0)
    configure_process(settings)
    engine = await open_engine(settings)
    if not engine.is_ready:
        raise SystemExit(f"no index in {index_dir}: run QUERY_ENCODER=static python -m engine "
                         f"index --index-dir {index_dir}")
    return engine


def stage_times(engine, text: str, top_n: int) -> dict[str, float]:
    """Thread CPU ms of each stage of one hybrid search of `text`."""
    from engine.query import clean_query
    from engine.query_plan import QueryPlan
    from engine.ranking.fit import unfit_evidence
    from engine.ranking.rank import rank_for_query
    from engine.results import search_result
    from engine.understanding import understand_query

    index, planner, params = engine.search_index, engine._planner, engine._ranking
    lexicons = planner.lexicons
    table = engine._embedder.table_for(index)
    spent: dict[str, float] = {}
    clock = time.thread_time

    started = clock()
    cleaned = clean_query(text)
    spent["clean"] = clock() - started
    started = clock()
    morphemes = tuple(engine.analyzer.analyze(cleaned.text))
    spent["kiwi"] = clock() - started
    started = clock()
    intent = understand_query(cleaned.text, morphemes, lexicons.traits, index.category_map,
                              lexicons.concerns)
    spent["reading"] = clock() - started
    started = clock()
    vector = table.encode(cleaned.text) if table is not None else None
    spent["vector"] = clock() - started
    plan = QueryPlan(text=cleaned.text, morphemes=morphemes, intent=intent, vector=vector)
    started = clock()
    unfit = params.judge_fit and unfit_evidence(index, plan, lexicons)
    spent["fit"] = clock() - started
    started = clock()
    ranked = [] if unfit else rank_for_query(index, plan, params, top_n)
    spent["rank"] = clock() - started
    started = clock()
    for hit in ranked:
        search_result(index, hit, plan.mode.value)
    spent["results"] = clock() - started
    return {stage: ms * 1000 for stage, ms in spent.items()}


def report(times: list[dict[str, float]]) -> None:
    total = [sum(t.values()) for t in times]
    outside = [sum(v for k, v in t.items() if k != "vector") for t in times]
    print(f"{len(times)} distinct queries, hybrid, thread CPU ms per query")
    print(f"{'stage':22s} {'mean':>7s} {'p50':>7s} {'p90':>7s}")
    rows = [(stage, [t[stage] for t in times]) for stage in STAGES]
    rows += [("all but the vector", outside), ("all", total)]
    for name, values in rows:
        values = sorted(values)
        p90 = values[int(0.9 * (len(values) - 1))]
        print(f"{name:22s} {statistics.fmean(values):7.2f} {statistics.median(values):7.2f} "
              f"{p90:7.2f}")


async def responses_digest(engine, texts: list[str], top_n: int) -> str:
    """One hash of the responses to `texts` (hybrid), in order."""
    from dataclasses import asdict

    digest = hashlib.sha256()
    for text in texts:
        response = await engine.search_products(text, top_n=top_n, mode="hybrid")
        digest.update(json.dumps(asdict(response), ensure_ascii=False, sort_keys=True,
                                 default=str).encode())
    return digest.hexdigest()


async def main(args: argparse.Namespace) -> None:
    engine = await open_static_engine(args.index_dir)
    texts = distinct_queries(WARM_UP + args.queries)
    if args.digest:
        print(f"{len(texts)} texts, responses sha256 "
              f"{await responses_digest(engine, texts, args.top_n)}")
        await engine.aclose()
        return
    for text in texts[:WARM_UP]:
        stage_times(engine, text, args.top_n)
    profiler = cProfile.Profile() if args.profile else None
    if profiler:
        profiler.enable()
    times = [stage_times(engine, text, args.top_n) for text in texts[WARM_UP:]]
    if profiler:
        profiler.disable()
    report(times)
    if profiler:
        pstats.Stats(profiler).sort_stats("tottime").print_stats(args.profile)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.profile)
    await engine.aclose()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index-dir", type=Path, default=Path("var/perf-index"))
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--top-n", type=int, default=5)
    parser.add_argument("--digest", action="store_true",
                        help="print a hash of the responses instead of the times")
    parser.add_argument("--profile", type=int, default=0, metavar="N",
                        help="also print cProfile's N costliest functions (own and cumulative)")
    asyncio.run(main(parser.parse_args()))
