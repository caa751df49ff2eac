"""The search-quality table of docs/quality.md: every eval catalog, half by half, one command.

    python bench/quality_table.py                  # test halves (what docs/quality.md reports)
    python bench/quality_table.py --half val       # validation halves (what tuning may read)
    python bench/quality_table.py --ablate absence --half val   # one piece switched off
    python bench/quality_table.py --ablations --half val      # hybrid Δ of every piece, per set

Each catalog is indexed once under var/eval/<name> (a rerun embeds only changed texts) and run
through `python -m engine eval --json`, so the figures are exactly the CLI's.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED_DEV = ROOT.parent / "shared" / "eval" / "dev"

# name: (catalog, queries, quote labels or None); the dev set has no halves (all of it is dev).
SETS = {
    "dev": (SHARED_DEV / "catalog.jsonl", SHARED_DEV / "queries.jsonl",
            ROOT / "data/eval/dev_quotes.jsonl"),
    "sample": (ROOT / "data/catalog.jsonl", ROOT / "data/eval/sample_queries.jsonl", None),
    **{name: (ROOT / f"data/eval/{name}/catalog.jsonl", ROOT / f"data/eval/{name}/queries.jsonl",
              ROOT / f"data/eval/{name}/quotes.jsonl")
       for name in ("fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6")},
}
KINDS = ("paraphrase", "negation", "scene", "multi", "filtered", "keyword")


def run_eval(name: str, half: str | None, ablate: list[str], mode: str = "all",
             index_root: Path = ROOT / "var" / "eval", env: dict[str, str] | None = None) -> dict:
    """`engine eval` of one set as JSON; `env` adds settings (e.g. E5_MODEL_PATH), and
    `index_root` keeps that model's index apart from the stock one's."""
    catalog, queries, quotes = SETS[name]
    command = [sys.executable, "-m", "engine", "eval", "--catalog", str(catalog),
               "--queries", str(queries), "--json", "--mode", mode,
               "--index-dir", str(index_root / name)]
    if half and name != "dev":
        command += ["--half", half]
    if quotes is not None and quotes.exists():
        command += ["--quotes", str(quotes)]
    for piece in ablate:
        command += ["--ablate", piece]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False,
                          env={**os.environ, **(env or {})})
    if done.returncode != 0:
        raise SystemExit(f"{name}: eval failed\n{done.stderr[-2000:]}")
    return json.loads(done.stdout)


def row(name: str, result: dict) -> list[str]:
    hybrid = result["hybrid"]
    kinds = hybrid["by_kind"]
    cells = [name, str(hybrid["queries"]), f"{hybrid['overall']['ndcg']:.3f}"]
    cells += [f"{kinds[k]['ndcg']:.3f}" if k in kinds else "–" for k in KINDS]
    cells += [f"{result['keyword']['overall']['ndcg']:.3f}",
              f"{result['semantic']['overall']['ndcg']:.3f}"]
    refused = hybrid.get("refused_no_match")
    cells.append("–" if refused is None else f"{refused:.2f}")
    cells.append(f"{hybrid.get('answered', 1.0):.2f}")
    quotes = hybrid.get("quotes", {}).get("all")
    cells.append(f"{quotes['support_rate']:.2f}" if quotes and quotes["judged"] else "–")
    return cells


def ablation_matrix(sets: list[str], half: str) -> None:
    """Hybrid nDCG@10 with every piece on, then each piece's Δ when it is switched off
    (positive: the piece pays on that set)."""
    from engine.cli import ABLATIONS
    full = {name: run_eval(name, half, [], "hybrid")["hybrid"]["overall"]["ndcg"] for name in sets}
    print("| piece | " + " | ".join(sets) + " |")
    print("|" + "---|" * (len(sets) + 1))
    print("| all on (nDCG@10) | " + " | ".join(f"{full[n]:.3f}" for n in sets) + " |", flush=True)
    for piece in sorted(ABLATIONS):
        cells = []
        for name in sets:
            without = run_eval(name, half, [piece], "hybrid")["hybrid"]["overall"]["ndcg"]
            cells.append(f"{full[name] - without:+.3f}")
        print(f"| {piece} | " + " | ".join(cells) + " |", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=("val", "test"), default="test")
    parser.add_argument("--ablate", action="append", default=[])
    parser.add_argument("--sets", nargs="*", default=list(SETS))
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    parser.add_argument("--ablations", action="store_true",
                        help="each ranking piece's hybrid Δ on each set instead of the table")
    args = parser.parse_args()
    if args.ablations:
        ablation_matrix(args.sets, args.half)
        return 0
    header = ["set", "n", "hybrid", *KINDS, "keyword mode", "semantic mode", "refused", "answered",
              "quotes"]
    print(f"half: {args.half}" + (f", without {'+'.join(args.ablate)}" if args.ablate else ""))
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    everything = {}
    for name in args.sets:
        result = run_eval(name, args.half, args.ablate)
        everything[name] = result
        print("| " + " | ".join(row(name, result)) + " |", flush=True)
    if args.json:
        args.json.write_text(json.dumps(everything, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
