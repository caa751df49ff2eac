"""Where one replica's memory goes as the catalog grows: a synthetic catalog indexed and served.

    python -m bench.memory_at_scale                       # 10k and 100k reviews; about 10 min
    python -m bench.memory_at_scale --reviews 10000 --json /tmp/memory.json
    python -m bench.memory_at_scale --real-texts 2000     # more texts through e5 (slower)
    python -m bench.memory_at_scale --tables /tmp/memory.json  # the tables again, no run

For each size, bench/synthetic_catalog.py writes the catalog, then two fresh processes run:
- build: the engine's own Reindexer (Kiwi morphemes, review sentences, hnsw, BM25, the snapshot
  files). Embedding every text with e5 on this machine would take hours at 100k reviews, so the
  first `--real-texts` distinct texts go through embedded e5 (which gives its passage speed) and
  the rest get random unit vectors of e5's dimension. Memory and file sizes do not depend on
  the vectors' values; hnsw's build time does a little (random vectors are harder to link than
  clustered ones).
- serve: what a replica does at start (Kiwi, e5, then the snapshot through the engine's loader),
  with RSS read from /proc after each step (freed heap handed back first), then the size of each
  structure of the loaded snapshot (numpy buffers and Python objects, each counted once; hnswlib's
  graph by the RSS it adds when loaded again) and search latency per mode beyond the embedding
  (query vectors cached, response cache off).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.scale_probe import (SubsetVectorizer, deep_size, morpheme_bytes, rss_mb,
                               snapshot_files)

MB = 1024 * 1024
QUERIES = [
    "겨울에 얼굴 땅기는 거 잡아줄 크림", "향 없는 바디로션 2만원 이하", "눈 안 시린 선크림",
    "지성 두피 샴푸 만원대", "다크닝 없는 쿠션", "레티놀 세럼", "무기자차 썬크림",
    "민감성이라 따끔거리는 패드는 무서워요", "입술이 맨날 터서 껍질 뜯다가 피 봄", "촉촉한 립",
]
MODES = ("hybrid", "semantic", "keyword")
TARGET = 1_000_000  # extrapolated along the line through the two largest measured sizes
STRUCTURES = ("document vectors", "hnsw graph", "sentence vectors", "sentence spans",
              "morphemes", "BM25", "products and corpus", "category map and prior")


def engine_parts(index_dir: Path, real_texts: int):
    from engine.keyword import MorphemeAnalyzer
    from engine.runtime import configure_process
    from engine.settings import load_settings
    from engine.understanding import load_user_words
    from engine.vectorizers.factory import build_vectorizer

    settings = load_settings(index_dir=index_dir, response_cache_size=0)
    configure_process(settings)
    return settings, MorphemeAnalyzer, load_user_words, SubsetVectorizer(
        build_vectorizer(settings), real_texts)


async def build(catalog: Path, index_dir: Path, real_texts: int) -> dict:
    """Index the catalog with the engine's Reindexer; stage times, e5 speed and peak RSS."""
    from engine.composition import build_engine
    from engine.search_index import product_terms
    from engine.keyword import KeywordIndex
    from engine.ranking.params import GOOD_RATING
    from index.hnsw import HnswIndex, HnswParams

    settings, analyzer_class, user_words, vectorizer = engine_parts(index_dir, real_texts)
    await vectorizer.start()
    engine = build_engine(settings, vectorizer, analyzer_class(user_words()))
    stages: dict[str, float] = {}
    started = time.perf_counter()

    async def progress(step) -> None:
        stages.setdefault(step.stage, time.perf_counter() - started)

    await engine.reindex(progress, catalog_path=catalog)
    total = time.perf_counter() - started
    index = engine.search_index
    timed = time.perf_counter()
    HnswIndex.build(index.vectors, HnswParams(settings.hnsw_m, settings.hnsw_ef_construction,
                                              settings.hnsw_ef_search))
    hnsw_s = time.perf_counter() - timed
    timed = time.perf_counter()
    KeywordIndex.build(product_terms(index.corpus, index.morphemes, GOOD_RATING))
    bm25_s = time.perf_counter() - timed
    await engine.aclose()
    return {"stages_s": stages, "total_s": total, "hnsw_build_s": hnsw_s, "bm25_build_s": bm25_s,
            "documents": index.corpus.document_count, "sentences": index.sentences.count,
            **vectorizer.report(), "peak_rss_mb": rss_mb("VmHWM")}


async def serve(index_dir: Path) -> dict:
    """A replica's start, step by step, then the loaded snapshot's structures and searches."""
    from engine.composition import build_engine
    from engine.runtime import return_freed_memory
    from index.hnsw import HnswIndex, HnswParams
    from index.snapshot import SnapshotStore

    rss = {"imports": rss_mb()}
    settings, analyzer_class, user_words, vectorizer = engine_parts(index_dir, 0)
    analyzer = analyzer_class(user_words())
    rss["kiwi"] = rss_mb()
    await vectorizer.start()
    await vectorizer.encode("워밍업")
    rss["e5"] = rss_mb()
    engine = build_engine(settings, vectorizer, analyzer)
    started = time.perf_counter()
    await engine.load_latest_snapshot()
    load_s = time.perf_counter() - started
    return_freed_memory()
    rss["snapshot"] = rss_mb()
    index = engine.search_index
    seen: set[int] = set()
    sizes = {
        "document vectors": deep_size(index.vectors, seen),
        "sentence vectors": deep_size(index.sentences.vectors, seen),
        "sentence spans": deep_size(index.sentences, seen),
        "BM25": deep_size(index.keyword, seen),
        "morphemes": morpheme_bytes(index.morphemes),
        "products and corpus": deep_size(index.corpus, seen),
        "category map and prior": deep_size((index.category_map, index.category_prior), seen),
    }
    sizes = {name: size / MB for name, size in sizes.items()}
    before = rss_mb()
    snapshot = SnapshotStore(index_dir).open_latest()
    graph = HnswIndex.load(snapshot.file("vectors.hnsw"), index.dim, index.corpus.document_count,
                           HnswParams(**snapshot.manifest["hnsw"]))
    # a snapshot of EXACT_SCAN_DOCUMENTS documents or fewer checks its graph and drops it
    sizes["hnsw graph"] = rss_mb() - before if index.hnsw is not None else 0.0
    del graph
    return_freed_memory()
    latency = await search_latency(engine)
    await engine.aclose()
    return {"rss_mb": rss, "structures_mb": sizes, "load_s": load_s,
            "disk_mb": {name: size / MB for name, size in snapshot_files(snapshot.path).items()},
            "search_ms": latency, "documents": index.corpus.document_count,
            "sentences": index.sentences.count}


async def search_latency(engine, rounds: int = 3) -> dict:
    import statistics

    for mode in MODES:  # the query vectors are cached from here on
        for query in QUERIES:
            await engine.search_products(query, mode=mode)
    times: dict[str, list[float]] = {mode: [] for mode in MODES}
    for _ in range(rounds):  # interleaved, so the machine's load hits every mode alike
        for mode in MODES:
            for query in QUERIES:
                started = time.perf_counter()
                await engine.search_products(query, mode=mode)
                times[mode].append((time.perf_counter() - started) * 1000)
    return {mode: {"p50": statistics.median(values),
                   "p95": sorted(values)[int(0.95 * (len(values) - 1))]}
            for mode, values in times.items()}


def child(step: str, *args: str) -> dict:
    """Run one step in a fresh python; its last stdout line is the JSON result."""
    done = subprocess.run([sys.executable, "-m", "bench.memory_at_scale", "--child", step,
                           *args], check=True, stdout=subprocess.PIPE, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(reviews: int, work: Path, real_texts: int, per_product: int) -> dict:
    from bench.synthetic_catalog import write_catalog

    catalog, index_dir = work / f"catalog-{reviews}.jsonl", work / f"index-{reviews}"
    shape = write_catalog(catalog, reviews, per_product)
    print(f"{reviews:,} reviews: {shape}", file=sys.stderr, flush=True)
    built = child("build", str(catalog), str(index_dir), str(real_texts))
    print(f"  built: {built}", file=sys.stderr, flush=True)
    served = child("serve", str(catalog), str(index_dir), "0")
    return {"reviews": reviews, "catalog": shape, "build": built, "serve": served}


def extrapolate(points: list[tuple[int, float]], target: int = TARGET) -> float:
    """The value at `target` on the line through the last two (size, value) points."""
    (x0, y0), (x1, y1) = points[-2:] if len(points) > 1 else ((0, 0.0), points[-1])
    return y1 + (y1 - y0) * (target - x1) / (x1 - x0)


def memory_rows(results: list[dict]) -> list[tuple[str, list[float], bool]]:
    """(component, MiB at each size, grows with the catalog) in a replica's start order."""
    rows = []
    steps = [r["serve"]["rss_mb"] for r in results]
    rows.append(("python and the engine's imports", [s["imports"] for s in steps], False))
    rows.append(("Kiwi (the analyser and its model)", [s["kiwi"] - s["imports"] for s in steps],
                 False))
    rows.append(("e5 (4-bit, memory-mapped)", [s["e5"] - s["kiwi"] for s in steps], False))
    for name in STRUCTURES:
        rows.append((name, [r["serve"]["structures_mb"].get(name, 0.0) for r in results], True))
    attributed = [sum(r["serve"]["structures_mb"].get(name, 0.0) for name in STRUCTURES)
                  for r in results]
    rows.append(("allocator slack and the rest of the load",
                 [s["snapshot"] - s["e5"] - a for s, a in zip(steps, attributed)], True))
    rows.append(("replica RSS with the snapshot loaded", [s["snapshot"] for s in steps], True))
    return rows


def print_tables(results: list[dict]) -> None:
    sizes = [r["reviews"] for r in results]
    heads = [f"{n:,}" for n in sizes] + [f"{TARGET:,} (extrapolated)"]
    print("catalog:", ", ".join(
        f"{r['reviews']:,} reviews = {r['catalog']['products']:,} products, "
        f"{r['serve']['documents']:,} documents, {r['serve']['sentences']:,} quote sentences, "
        f"{r['catalog']['mean_review_chars']:.0f} characters a review" for r in results))
    print("\nMiB of one replica's RSS | " + " | ".join(heads))
    for name, values, grows in memory_rows(results):
        last = extrapolate(list(zip(sizes, values))) if grows else values[-1]
        print(f"{name} | " + " | ".join(f"{v:,.1f}" for v in values + [last]))
    print("\nMiB on disk (one snapshot) | " + " | ".join(heads))
    groups = sorted({g for r in results for g in r["serve"]["disk_mb"]})
    for group in groups + ["total"]:
        values = [sum(r["serve"]["disk_mb"].values()) if group == "total"
                  else r["serve"]["disk_mb"].get(group, 0.0) for r in results]
        print(f"{group} | " + " | ".join(f"{v:,.1f}" for v in values)
              + f" | {extrapolate(list(zip(sizes, values))):,.1f}")
    print("\nbuild | " + " | ".join(heads))
    build_rows = {
        "reindex without the embedding (s)": [
            r["build"]["total_s"] - _stage(r, "embedding", "writing") for r in results],
        "of which Kiwi morphemes (s)": [_stage(r, "morphemes", "embedding") for r in results],
        "of which hnsw, BM25, files, checksums, load (s)": [
            _stage(r, "writing", "done") for r in results],
        "hnsw build alone (s)": [r["build"]["hnsw_build_s"] for r in results],
        "BM25 build alone (s)": [r["build"]["bm25_build_s"] for r in results],
        "texts a real catalog would embed (documents + sentences)": [
            float(_texts(r)) for r in results],
        "of them distinct here (recombined sentences repeat)": [
            float(r["build"]["e5_texts"] + r["build"]["random_texts"]) for r in results],
        "all texts through e5 at the measured passages/s (h)": [
            _texts(r) / max(r["build"]["e5_passages_per_s"], 1e-9) / 3600 for r in results],
        "build process peak RSS (MiB)": [r["build"]["peak_rss_mb"] for r in results],
        "snapshot load at start (s)": [r["serve"]["load_s"] for r in results],
    }
    for name, values in build_rows.items():
        print(f"{name} | " + " | ".join(f"{v:,.1f}" for v in values)
              + f" | {extrapolate(list(zip(sizes, values))):,.1f}")
    print("e5 passages/s: " + ", ".join(f"{r['build']['e5_passages_per_s']:.1f} over "
                                       f"{r['build']['e5_texts']} texts" for r in results))
    print("\nsearch beyond the embedding, ms p50 / p95 | " + " | ".join(heads[:-1]))
    for mode in results[0]["serve"]["search_ms"]:
        print(f"{mode} | " + " | ".join(
            f"{r['serve']['search_ms'][mode]['p50']:.1f} / {r['serve']['search_ms'][mode]['p95']:.1f}"
            for r in results))


def _stage(result: dict, stage: str, following: str) -> float:
    stages = result["build"]["stages_s"]
    return stages.get(following, 0.0) - stages.get(stage, 0.0)


def _texts(result: dict) -> int:
    return result["serve"]["documents"] + result["serve"]["sentences"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviews", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--real-texts", type=int, default=512,
                        help="distinct texts embedded with e5; the rest get random unit vectors")
    parser.add_argument("--reviews-per-product", type=int, default=20)
    parser.add_argument("--json", type=Path, help="also write the measurements here")
    parser.add_argument("--tables", type=Path, help="print the tables of a --json file again")
    parser.add_argument("--child", nargs=4, metavar=("STEP", "CATALOG", "INDEX_DIR", "REAL"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        step, catalog, index_dir, real = args.child
        result = asyncio.run(build(Path(catalog), Path(index_dir), int(real)) if step == "build"
                             else serve(Path(index_dir)))
        print(json.dumps(result))
        return
    if args.tables:
        print_tables(json.loads(args.tables.read_text()))
        return
    with tempfile.TemporaryDirectory(prefix="cosmo-scale-") as folder:
        results = [measure(n, Path(folder), args.real_texts, args.reviews_per_product)
                   for n in args.reviews]
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False))
    print_tables(results)


if __name__ == "__main__":
    main()
