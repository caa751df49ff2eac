"""Reindex benchmark on the sample catalog with the embedded e5 backend.

Run from the repo root:  .venv/bin/python -m bench.bench_reindex

Baselines measured in the same process:
- raw embedding throughput: the backend's `encode_batch` over the texts a reindex embeds
  (every document and the review sentences kept for quotes, each distinct text once);
- idle search latency: searches with nothing else running.
Reported against them: full reindex throughput, search p50/p95 while a reindex runs, and the
time of an incremental reindex after 1% of the reviews change.
"""

from __future__ import annotations

import asyncio
import json
import random
import tempfile
import time
from pathlib import Path

import numpy as np


from engine.catalog import load_catalog  # noqa: E402
from engine.corpus import build_corpus  # noqa: E402
from engine.keyword import MorphemeAnalyzer  # noqa: E402
from engine.sentences import review_sentences  # noqa: E402
from engine.composition import build_engine  # noqa: E402
from engine.service import SearchEngine  # noqa: E402
from engine.understanding import load_user_words  # noqa: E402
from engine.settings import DEFAULT_CATALOG, Settings  # noqa: E402
from engine.vectorizers.base import Role  # noqa: E402
from engine.vectorizers.e5 import EmbeddedE5Vectorizer  # noqa: E402

QUERIES = ["보습 잘 되는 크림", "눈 안 시린 선크림", "향 없는 바디로션", "지성 두피 샴푸",
           "세안 후 안 당기는 폼", "다크닝 없는 쿠션", "번지지 않는 마스카라", "각질 제거 패드",
           "촉촉한 립", "진정 토너", "트러블 피부 앰플", "백탁 없는 선크림"]


async def search_latencies(engine: SearchEngine, rounds: int, stop: asyncio.Event | None = None):
    times = []
    for i in range(rounds):
        if stop is not None and stop.is_set():
            break
        query = f"{random.choice(QUERIES)} {i}"  # distinct text: the query cache never hits
        started = time.perf_counter()
        await engine.search_products(query)
        times.append((time.perf_counter() - started) * 1000)
        await asyncio.sleep(0.01)
    return times


def pct(values, q):
    return float(np.percentile(values, q)) if values else float("nan")


def changed_catalog(source: Path, target: Path, share: float) -> int:
    rows = [json.loads(line) for line in source.read_text(encoding="utf-8").split("\n") if line]
    reviews = [(r, i) for r, row in enumerate(rows) for i in range(len(row["reviews"]))]
    picked = random.Random(1).sample(reviews, max(1, int(len(reviews) * share)))
    for row_index, review_index in picked:
        rows[row_index]["reviews"][review_index]["text"] += " (수정됨)"
    target.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    return len(picked)


def embedded_texts() -> list[str]:
    """The distinct texts a full reindex of the sample catalog embeds, in its order."""
    corpus = build_corpus(load_catalog(DEFAULT_CATALOG).products)
    documents = corpus.document_texts()
    morphemes = MorphemeAnalyzer(load_user_words()).analyze_many(documents)
    sentences = review_sentences(corpus, morphemes).texts(corpus)
    return list(dict.fromkeys(documents + sentences))


async def main() -> None:
    vectorizer = EmbeddedE5Vectorizer()
    await vectorizer.start()
    morpheme_analyzer = MorphemeAnalyzer(load_user_words())
    texts = embedded_texts()

    started = time.perf_counter()
    await vectorizer.encode_batch(texts, batch_size=32, role=Role.PASSAGE)
    raw_rate = len(texts) / (time.perf_counter() - started)
    print(f"raw embedding (baseline): {len(texts)} texts, {raw_rate:.1f} texts/s")

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(_env_file=None, index_dir=Path(tmp) / "index", query_cache_size=0)
        engine = build_engine(settings, vectorizer, morpheme_analyzer)
        summary = await engine.reindex()
        full_rate = summary.embedded_texts / summary.seconds
        print(f"full reindex: {summary.embedded_texts} texts ({summary.documents} documents and "
              f"their quotable sentences) in {summary.seconds:.1f} s, "
              f"{full_rate:.1f} texts/s = {full_rate / raw_rate:.0%} of raw")

        idle = await search_latencies(engine, 150)
        print(f"search idle (baseline): p50 {pct(idle, 50):.1f} ms, p95 {pct(idle, 95):.1f} ms")

        busy_engine = build_engine(settings.model_copy(update={"index_dir": Path(tmp) / "other"}),
                                   vectorizer, morpheme_analyzer)
        await busy_engine.reindex()
        stop = asyncio.Event()

        async def reindex_then_stop():
            try:
                await build_engine(settings.model_copy(update={"index_dir": Path(tmp) / "third"}),
                                   vectorizer, morpheme_analyzer).reindex()
            finally:
                stop.set()

        task = asyncio.create_task(reindex_then_stop())
        busy = await search_latencies(busy_engine, 100_000, stop)
        await task
        print(f"search during reindex: p50 {pct(busy, 50):.1f} ms, p95 {pct(busy, 95):.1f} ms "
              f"({len(busy)} searches) = {pct(busy, 95) / pct(idle, 95):.2f}x idle p95")

        changed = changed_catalog(DEFAULT_CATALOG, Path(tmp) / "changed.jsonl", 0.01)
        incremental = build_engine(settings.model_copy(
            update={"catalog_path": Path(tmp) / "changed.jsonl"}), vectorizer, morpheme_analyzer)
        await incremental.load_latest_snapshot()
        summary = await incremental.reindex()
        print(f"incremental reindex after {changed} changed reviews (1%): {summary.seconds:.2f} s, "
              f"{summary.embedded_texts} texts embedded, {summary.reused_vectors} vectors reused")
    await vectorizer.aclose()


if __name__ == "__main__":
    asyncio.run(main())
