"""Benchmark: the HF API backend's `encode_batch` against a naive one-text-per-request client.

Both talk to the local fake (emulator/hf_api.py) with 50 ms of added latency per
request. Run from the repo root:

    python -m bench.bench_hf_client [--texts 2000] [--naive-texts 200]
"""

from __future__ import annotations

import argparse
import asyncio
import time
from pathlib import Path


import aiohttp  # noqa: E402
import numpy as np  # noqa: E402
from pydantic import SecretStr  # noqa: E402

from engine.vectorizers.hf_api import HuggingFaceApiVectorizer  # noqa: E402
from emulator.hf_api import FakeHfApi  # noqa: E402

MODEL = "fake/ko-sbert"
LATENCY_S = 0.05
SUBJECTS = ["크림", "토너", "선크림", "세럼", "클렌징폼", "앰플", "립밤", "쿠션"]
REMARKS = ["촉촉해요", "끈적임 없어요", "향이 순해요", "자극이 없어요", "흡수가 빨라요"]


def review_texts(count: int) -> list[str]:
    return [f"{SUBJECTS[i % len(SUBJECTS)]} {REMARKS[i % len(REMARKS)]} #{i}" for i in range(count)]


async def naive_encode(url: str, token: str, texts: list[str]) -> np.ndarray:
    """The seed's style: one text per request, in sequence, retrying up to 3 times."""
    rows = []
    async with aiohttp.ClientSession() as session:
        for text in texts:
            for attempt in range(3):
                async with session.post(url, json={"inputs": text, "options": {"wait_for_model": True}},
                                        headers={"Authorization": f"Bearer {token}"}) as resp:
                    if resp.status == 200:
                        rows.append(np.asarray(await resp.json(), dtype=np.float32))
                        break
                await asyncio.sleep(1)
            else:
                raise RuntimeError(f"naive client failed on {text!r}")
    matrix = np.stack(rows)
    return matrix / np.linalg.norm(matrix, axis=1, keepdims=True)


async def main(n_texts: int, n_naive: int, batch_size: int, concurrency: int) -> None:
    texts = review_texts(n_texts)
    async with FakeHfApi(latency_s=LATENCY_S, dim=384) as fake:
        vectorizer = HuggingFaceApiVectorizer(MODEL, SecretStr(fake.token), api_url=fake.url,
                                              batch_size=batch_size, concurrency=concurrency)
        await vectorizer.start()
        first_request = fake.requests_received
        started = time.perf_counter()
        batched = await vectorizer.encode_batch(texts)
        batched_s = time.perf_counter() - started
        batch_requests = fake.requests_received - first_request
        await vectorizer.aclose()

        started = time.perf_counter()
        naive = await naive_encode(fake.url, fake.token, texts[:n_naive])
        naive_s = time.perf_counter() - started

    same = np.allclose(batched[:n_naive], naive, atol=1e-6)
    batched_rate, naive_rate = n_texts / batched_s, n_naive / naive_s
    print(f"fake HF API, {LATENCY_S * 1000:.0f} ms added latency per request, dim 384")
    print(f"encode_batch: {n_texts} texts in {batched_s:.2f}s = {batched_rate:,.0f} texts/s "
          f"({batch_requests} requests, batch_size={batch_size}, concurrency={concurrency})")
    print(f"naive client: {n_naive} texts in {naive_s:.2f}s = {naive_rate:,.1f} texts/s "
          f"(one text per request, in sequence; measured on the first {n_naive} texts)")
    print(f"speed-up: {batched_rate / naive_rate:.0f}x; same vectors: {'yes' if same else 'NO'}")
    if not same:
        raise SystemExit(1)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=2000)
    parser.add_argument("--naive-texts", type=int, default=200)
    parser.add_argument("--batch-size", type=int, default=32, help="like HF_BATCH_SIZE")
    parser.add_argument("--concurrency", type=int, default=4, help="like HF_CONCURRENCY")
    args = parser.parse_args()
    asyncio.run(main(args.texts, args.naive_texts, args.batch_size, args.concurrency))
