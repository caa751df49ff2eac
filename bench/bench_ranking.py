"""What the ranking pieces cost per query, against the ranking without them, in one process.

Run from the repo root:  .venv/bin/python -m bench.bench_ranking [--catalog data/catalog.jsonl]

Baseline: hybrid search with every piece that `eval --ablate` can switch off turned off.
Compared: the default ranking, and the default with one piece off at a time. The query vectors
are embedded once beforehand and cached, and the response cache is off, so the times are the
reading (Kiwi), the ranking and the quotes: what a query costs beyond its embedding.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path


QUERIES = [
    "겨울에 얼굴 땅기는 거 잡아줄 크림", "향 없는 바디로션 2만원 이하", "눈 안 시린 선크림",
    "샤워할 때 쓰는 건데 향 나는 건 질색", "코에 까만 점들이 콕콕 박혀있어요", "브로우틴트",
    "선크림만 바르면 눈물이 줄줄 나요. 그런 일 없는 걸로요", "지성 두피 샴푸 만원대",
    "가방에 넣고 다니다 수시로 바르는 향", "여름 출근길 땀 냄새 잡아줄 거 2만 원 안 넘는 걸로",
    "다크닝 없는 쿠션", "레티놀 세럼", "입술이 맨날 터서 껍질 뜯다가 피 봄", "무기자차 썬크림",
    "팔 뒷면 오돌토돌해서 민소매 입기 창피해요", "민감성이라 따끔거리는 패드는 무서워요",
]
ROUNDS = 5


async def main(catalog: Path) -> None:
    from engine.cli import ABLATIONS
    from engine.ranking.params import RankingParams
    from engine.composition import open_engine
    from engine.runtime import configure_process
    from engine.settings import load_settings

    with tempfile.TemporaryDirectory() as folder:
        settings = load_settings(index_dir=Path(folder), catalog_path=catalog,
                                 response_cache_size=0)
        configure_process(settings)
        engine = await open_engine(settings)
        await engine.reindex()
        for query in QUERIES:  # embed once: the vectors are cached from here on
            await engine.search_products(query, mode="hybrid")
        default = RankingParams()
        bare = default
        for piece in ABLATIONS.values():
            bare = replace(bare, **piece)
        variants = {"baseline: every piece off": bare, "default": default}
        variants.update({f"default without {name}": replace(default, **piece)
                         for name, piece in sorted(ABLATIONS.items())})
        times: dict[str, list[float]] = {name: [] for name in variants}
        for _ in range(ROUNDS):  # interleaved, so load on the machine hits every variant alike
            for name, params in variants.items():
                ranked_by = engine.with_ranking(params)
                started = time.perf_counter()
                for query in QUERIES:
                    await ranked_by.search_products(query, mode="hybrid")
                times[name].append((time.perf_counter() - started) / len(QUERIES) * 1000)
        await engine.aclose()
    base = statistics.median(times["baseline: every piece off"])
    print(f"{len(QUERIES)} queries × {ROUNDS} rounds, hybrid, {catalog}")
    print(f"{'ranking':40s} {'ms/query':>9s} {'× baseline':>11s}")
    for name, samples in times.items():
        median = statistics.median(samples)
        print(f"{name:40s} {median:9.2f} {median / base:11.2f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--catalog", type=Path, default=Path("data/catalog.jsonl"))
    asyncio.run(main(parser.parse_args().catalog))
