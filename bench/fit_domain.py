"""Embed the example queries of engine/ranking/domain.py into data/domain/examples.npz.

    python -m bench.fit_domain            # embed, report, write
    python -m bench.fit_domain --dry-run  # report only

Reads `data/domain/in_domain*.tsv` and `off_domain*.tsv` (`area<TAB>query`, written blind to
the engine and to the evaluation sets) and embeds every query with the embedded e5 model, as
a search would. Before writing it reports the share of queries whose off-domain margin is
above a few thresholds (refused) and at or below them (answered):

- leave-one-area-out: each area (pets, travel, lip, …) judged against the examples of every
  other area, the test of a domain the examples never showed;
- the validation halves of the evaluation sets (dev whole, with data/eval/nomatch_dev.jsonl);
- ordinary shopper queries (bench/query_texts.py, 2,000 distinct texts) and beauty needs told
  through chores, jobs and objects (`data/domain/check_needs_in_other_words.txt`, written as a
  check, never embedded as examples): none may lean out.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent

from bench.quality_table import SETS  # noqa: E402
from bench.query_texts import distinct_queries  # noqa: E402
from engine.composition import open_engine  # noqa: E402
from engine.evaluation import NO_MATCH_KIND, load_queries, split_half  # noqa: E402
from engine.query import clean_query, is_searchable  # noqa: E402
from engine.ranking.domain import DOMAIN_EXAMPLES_FILE, DomainExamples  # noqa: E402
from engine.ranking.fit import OFF_DOMAIN_MARGIN  # noqa: E402
from engine.settings import load_settings  # noqa: E402

DOMAIN_DIR = ROOT / "data" / "domain"
THRESHOLDS = (0.005, 0.01, OFF_DOMAIN_MARGIN, 0.02)


def read_lines(pattern: str) -> list[tuple[str, str]]:
    rows = []
    for path in sorted(DOMAIN_DIR.glob(pattern)):
        for line in path.read_text(encoding="utf-8").splitlines():
            area, _, query = line.partition("\t")
            if query.strip() and is_searchable(query):
                rows.append((area.strip(), clean_query(query).text))
    return rows


async def embed(texts: list[str]) -> tuple[np.ndarray, str]:
    with tempfile.TemporaryDirectory(prefix="cosmo-domain-") as workdir:
        settings = load_settings().model_copy(update={"index_dir": Path(workdir)})
        engine = await open_engine(settings)
        try:
            vectors = np.stack([await engine.query_vector(text) for text in texts])
            return vectors, engine.stats().model_identity
        finally:
            await engine.aclose()


def margins(examples: DomainExamples, vectors: np.ndarray) -> np.ndarray:
    return np.array([examples.off_domain_margin(vector) for vector in vectors])


def report(label: str, margin: np.ndarray, off: np.ndarray) -> None:
    cells = []
    for threshold in THRESHOLDS:
        refused = margin > threshold
        cells.append(f">{threshold}: refused {refused[off].mean() if off.any() else 0:.2f} "
                     f"answered {(~refused[~off]).mean() if (~off).any() else 0:.3f}")
    print(f"{label:14s} ({off.sum():4d} off, {(~off).sum():4d} in)  " + " | ".join(cells))


def leave_one_area_out(vectors: np.ndarray, off: np.ndarray, areas: np.ndarray,
                       identity: str) -> np.ndarray:
    held = np.zeros(len(vectors))
    for area in sorted(set(areas)):
        out = areas == area
        rest = DomainExamples(identity, vectors[~out & ~off], vectors[~out & off])
        held[out] = margins(rest, vectors[out])
    return held


async def eval_sets(examples: DomainExamples) -> None:
    for name, (_, queries_path, _) in SETS.items():
        queries = load_queries(queries_path)
        queries = queries if name == "dev" else split_half(queries, "val")
        if name == "dev":
            queries += load_queries(ROOT / "data/eval/nomatch_dev.jsonl")
        queries = [q for q in queries if is_searchable(q.query) and not q.category]
        vectors, _ = await embed([clean_query(q.query).text for q in queries])
        report(name, margins(examples, vectors), np.array([q.kind == NO_MATCH_KIND
                                                           for q in queries]))
    vectors, _ = await embed(distinct_queries(2000))
    report("ordinary", margins(examples, vectors), np.zeros(len(vectors), dtype=bool))
    needs = [line for line in (DOMAIN_DIR / "check_needs_in_other_words.txt")
             .read_text(encoding="utf-8").splitlines() if line.strip()]
    vectors, _ = await embed(needs)
    report("other words", margins(examples, vectors), np.zeros(len(vectors), dtype=bool))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="report without writing")
    args = parser.parse_args(argv)
    inside, outside = read_lines("in_domain*.tsv"), read_lines("off_domain*.tsv")
    vectors, identity = asyncio.run(embed([text for _, text in inside + outside]))
    off = np.array([False] * len(inside) + [True] * len(outside))
    areas = np.array([f"{'off' if o else 'in'}:{area}"
                      for o, (area, _) in zip(off, inside + outside)])
    report("area held out", leave_one_area_out(vectors, off, areas, identity), off)
    examples = DomainExamples(identity, vectors[~off], vectors[off],
                              tuple(text for _, text in inside), tuple(text for _, text in outside))
    asyncio.run(eval_sets(examples))
    if not args.dry_run:
        examples.save(DOMAIN_EXAMPLES_FILE)
        print(f"wrote {DOMAIN_EXAMPLES_FILE.relative_to(ROOT)} for {identity}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
