"""Index benchmark: hnswlib against exact numpy brute force over the same unit vectors.

Run from the repo root:  .venv/bin/python -m bench.bench_index [--sizes 10000 100000 300000]

Prints, for each N: build time, snapshot load time, single-query p50/p99, batch QPS and
recall@10 against exact search, each as a ratio to brute force run in the same process; the
latency of a category filter covering ~10% of items (exact scan of the category's contiguous
rows, as the engine does, against hnswlib's `filter=` callable and against a full brute-force
scan); and, at the sweep size, recall against latency for several `ef` and `M`. Draws the curves
into docs/img/.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np


from threadpoolctl import threadpool_limits  # noqa: E402

from index.hnsw import HnswIndex, HnswParams, exact_top_k  # noqa: E402

DIM = 384
K = 10
IMG_DIR = Path(__file__).resolve().parents[1] / "docs" / "img"


def clustered(n: int, clusters: int, seed: int, noise_seed: int | None = None) -> np.ndarray:
    """Unit vectors around random centres, like embeddings of texts on a few hundred topics.

    The same `seed` gives the same centres; `noise_seed` draws other points around them.
    """
    centres = np.random.default_rng(seed).normal(size=(clusters, DIM)).astype(np.float32)
    rng = np.random.default_rng(seed if noise_seed is None else noise_seed)
    out = np.empty((n, DIM), dtype=np.float32)
    step = 50_000
    for start in range(0, n, step):
        stop = min(n, start + step)
        labels = rng.integers(0, clusters, stop - start)
        block = centres[labels] + 1.0 * rng.normal(size=(stop - start, DIM)).astype(np.float32)
        out[start:stop] = block / np.linalg.norm(block, axis=1, keepdims=True)
    return out


def percentiles_ms(samples: list[float]) -> tuple[float, float]:
    values = np.asarray(samples) * 1000
    return float(np.percentile(values, 50)), float(np.percentile(values, 99))


def time_single(search, queries: np.ndarray) -> list[float]:
    times = []
    for q in queries:
        started = time.perf_counter()
        search(q)
        times.append(time.perf_counter() - started)
    return times


def recall(approx_rows: list[np.ndarray], exact_rows: list[np.ndarray]) -> float:
    hits = sum(len(set(a.tolist()) & set(e.tolist())) for a, e in zip(approx_rows, exact_rows))
    return hits / (len(exact_rows) * K)


def bench_size(n: int, params: HnswParams, queries: np.ndarray) -> dict:
    vectors = clustered(n, clusters=max(50, n // 500), seed=n)
    exact_rows = [exact_top_k(vectors, q, K)[0] for q in queries]

    started = time.perf_counter()
    index = HnswIndex.build(vectors, params)
    build_s = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "v.hnsw"
        index.save(path)
        np.save(Path(tmp) / "v.npy", vectors)
        started = time.perf_counter()
        loaded = HnswIndex.load(path, DIM, n, params)
        np.load(Path(tmp) / "v.npy")
        load_s = time.perf_counter() - started

    hnsw_times = time_single(lambda q: loaded.query(q, K), queries)
    brute_times = time_single(lambda q: exact_top_k(vectors, q, K), queries[:200])
    approx_rows = [loaded.query(q, K)[0] for q in queries]

    batch = queries[:500]
    started = time.perf_counter()
    loaded._index.knn_query(batch, k=K, num_threads=2)
    hnsw_qps = len(batch) / (time.perf_counter() - started)
    started = time.perf_counter()
    sims = batch @ vectors.T
    np.argpartition(-sims, K, axis=1)[:, :K]
    brute_qps = len(batch) / (time.perf_counter() - started)

    # Category filter over ~10% of items, contiguous as in the engine's corpus layout.
    lo, hi = n // 3, n // 3 + n // 10
    slice_times = time_single(lambda q: exact_top_k(vectors[lo:hi], q, K), queries[:200])
    allowed = lambda label: lo <= label < hi  # noqa: E731
    filter_times = time_single(lambda q: loaded._index.knn_query(q, k=K, filter=allowed),
                               queries[:100])
    filt_exact = [lo + exact_top_k(vectors[lo:hi], q, K)[0] for q in queries[:100]]
    filt_hnsw = [loaded._index.knn_query(q, k=K, filter=allowed)[0][0] for q in queries[:100]]
    return {
        "n": n, "build_s": build_s, "load_s": load_s,
        "hnsw": percentiles_ms(hnsw_times), "brute": percentiles_ms(brute_times),
        "hnsw_qps": hnsw_qps, "brute_qps": brute_qps,
        "recall": recall(approx_rows, exact_rows),
        "slice": percentiles_ms(slice_times), "hnsw_filter": percentiles_ms(filter_times),
        "hnsw_filter_recall": recall(filt_hnsw, filt_exact),
        "vectors": vectors, "exact_rows": exact_rows,
    }


def sweep(vectors: np.ndarray, exact_rows: list[np.ndarray], queries: np.ndarray) -> list[dict]:
    """Recall and p50 latency for several M (built once each) and ef values."""
    rows = []
    for m in (8, 16, 32):
        index = HnswIndex.build(vectors, HnswParams(m=m, ef_construction=200, ef_search=10))
        for ef in (16, 32, 64, 128, 256):
            index.params = HnswParams(m=m, ef_construction=200, ef_search=ef)
            times = time_single(lambda q: index.query(q, K), queries)
            approx = [index.query(q, K)[0] for q in queries]
            rows.append({"m": m, "ef": ef, "p50": percentiles_ms(times)[0],
                         "recall": recall(approx, exact_rows)})
    return rows


def draw(results: list[dict], sweep_rows: list[dict], sweep_n: int) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    IMG_DIR.mkdir(parents=True, exist_ok=True)
    fig, ax = plt.subplots(figsize=(6, 4))
    for m in sorted({r["m"] for r in sweep_rows}):
        pts = [r for r in sweep_rows if r["m"] == m]
        ax.plot([r["p50"] for r in pts], [r["recall"] for r in pts], marker="o", label=f"M={m}")
        for r in pts:
            ax.annotate(f"ef={r['ef']}", (r["p50"], r["recall"]), fontsize=7)
    ax.set_xlabel("single-query p50 latency (ms)")
    ax.set_ylabel("recall@10 vs exact")
    ax.set_title(f"hnswlib recall vs latency, N={sweep_n:,}, dim {DIM}")
    ax.legend()
    fig.tight_layout()
    fig.savefig(IMG_DIR / "hnsw_recall_latency.png", dpi=120)

    fig, ax = plt.subplots(figsize=(6, 4))
    ns = [r["n"] for r in results]
    ax.plot(ns, [r["hnsw"][0] for r in results], marker="o", label="hnswlib p50")
    ax.plot(ns, [r["brute"][0] for r in results], marker="o", label="numpy brute force p50")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("vectors (N)")
    ax.set_ylabel("single-query latency (ms)")
    ax.set_title("Latency against N")
    ax.legend()
    fig.tight_layout()
    fig.savefig(IMG_DIR / "latency_vs_n.png", dpi=120)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 300_000])
    parser.add_argument("--sweep-size", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--m", type=int, default=16)
    parser.add_argument("--ef-construction", type=int, default=200)
    parser.add_argument("--ef", type=int, default=128)
    parser.add_argument("--blas-threads", type=int, default=1)
    parser.add_argument("--no-plots", action="store_true")
    args = parser.parse_args()

    # Single-query numbers use one BLAS thread, as the engine does (BLAS_THREADS=1).
    threadpool_limits(limits=args.blas_threads, user_api="blas")
    params = HnswParams(args.m, args.ef_construction, args.ef)
    print(f"hnswlib M={params.m} ef_construction={params.ef_construction} ef={params.ef_search}; "
          f"BLAS threads {args.blas_threads}; "
          f"dim {DIM}, k={K}, clustered data; baseline = exact numpy brute force")
    header = (f"{'N':>8} {'build s':>8} {'load s':>7} {'hnsw p50':>9} {'p99':>7} {'brute p50':>10} "
              f"{'p99':>7} {'speed-up':>8} {'recall':>7} {'hnsw QPS':>9} {'brute QPS':>9}")
    print(header)
    results = []
    sweep_rows: list[dict] = []
    for n in args.sizes:
        # Same topics as the data, other points: queries are never copies of indexed vectors.
        queries = clustered(args.queries, clusters=max(50, n // 500), seed=n, noise_seed=n + 1)
        r = bench_size(n, params, queries)
        results.append(r)
        print(f"{n:>8} {r['build_s']:>8.1f} {r['load_s']:>7.2f} {r['hnsw'][0]:>8.3f}ms "
              f"{r['hnsw'][1]:>6.3f} {r['brute'][0]:>9.3f}ms {r['brute'][1]:>6.3f} "
              f"{r['brute'][0] / r['hnsw'][0]:>7.1f}x {r['recall']:>7.4f} {r['hnsw_qps']:>9.0f} "
              f"{r['brute_qps']:>9.0f}", flush=True)
        print(f"{'':>8} 10% category filter: exact slice p50 {r['slice'][0]:.3f} ms "
              f"(p99 {r['slice'][1]:.3f}), hnswlib filter= p50 {r['hnsw_filter'][0]:.3f} ms "
              f"(recall {r['hnsw_filter_recall']:.3f}) -> slice is "
              f"{r['hnsw_filter'][0] / r['slice'][0]:.1f}x faster", flush=True)
        if n == args.sweep_size:
            sweep_rows = sweep(r["vectors"], r["exact_rows"][:200], queries[:200])
            print(f"{'':>8} ef/M sweep at N={n:,} (p50 ms, recall@10):")
            for row in sweep_rows:
                print(f"{'':>10} M={row['m']:<3} ef={row['ef']:<4} p50 {row['p50']:.3f} ms  "
                      f"recall {row['recall']:.4f}")
        r.pop("vectors")
        r.pop("exact_rows")
    if not args.no_plots and sweep_rows:
        draw(results, sweep_rows, args.sweep_size)
        print(f"plots written to {IMG_DIR}")


if __name__ == "__main__":
    main()
