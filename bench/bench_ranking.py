"""What the ranking pieces cost per query, against the ranking without them, in one process.

Run from the repo root, over an index built with the static query encoder (reused if present):

    QUERY_ENCODER=static python -m engine index --index-dir var/perf-index
    python -m bench.bench_ranking --index-dir var/perf-index [--per-pass 40] [--rounds 7]

Baseline: hybrid search with every piece that `eval --ablate` can switch off turned off.
Compared: the default ranking, and the default with one piece off at a time. Every pass of every
variant searches texts no other pass has seen (`bench.query_texts.distinct_queries`), and the
query and response caches are off, so nothing keyed by a text carries a figure; the
per-snapshot memos stay warm, as in a serving bot. The query vector comes from the snapshot's
static table (well under a millisecond), so each figure is the cleaning, Kiwi, the reading, the
fit judgement, the ranking and the quotes: what a query costs beyond its embedding. Times are
the process's CPU time (the search runs on the ranking pool's threads), so other processes on the
machine slow them less than a wall clock would.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from dataclasses import replace
from pathlib import Path

from bench.query_texts import distinct_queries
from bench.search_cpu import open_static_engine

WARM_UP = 20


async def cpu_ms_per_query(engine, texts: list[str]) -> float:
    started = time.process_time()
    for text in texts:
        await engine.search_products(text, mode="hybrid")
    return (time.process_time() - started) / len(texts) * 1000


def ranking_variants() -> dict:
    from engine.cli import ABLATIONS
    from engine.ranking.params import RankingParams

    default = RankingParams()
    bare = default
    for piece in ABLATIONS.values():
        bare = replace(bare, **piece)
    variants = {"baseline: every piece off": bare, "default": default}
    variants.update({f"default without {name}": replace(default, **piece)
                     for name, piece in sorted(ABLATIONS.items())})
    return variants


async def main(args: argparse.Namespace) -> None:
    engine = await open_static_engine(args.index_dir)
    variants = ranking_variants()
    texts = iter(distinct_queries(WARM_UP + args.rounds * len(variants) * args.per_pass))
    await cpu_ms_per_query(engine, [next(texts) for _ in range(WARM_UP)])
    times: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(args.rounds):  # interleaved, so load on the machine hits every variant alike
        for name, params in variants.items():
            batch = [next(texts) for _ in range(args.per_pass)]
            times[name].append(await cpu_ms_per_query(engine.with_ranking(params), batch))
    await engine.aclose()
    base = statistics.median(times["baseline: every piece off"])
    print(f"{args.rounds} rounds × {len(variants)} variants × {args.per_pass} distinct queries, "
          f"hybrid, process CPU")
    print(f"{'ranking':40s} {'ms/query':>9s} {'× baseline':>11s}")
    for name, samples in times.items():
        median = statistics.median(samples)
        print(f"{name:40s} {median:9.2f} {median / base:11.2f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index-dir", type=Path, default=Path("var/perf-index"))
    parser.add_argument("--per-pass", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=7)
    asyncio.run(main(parser.parse_args()))
