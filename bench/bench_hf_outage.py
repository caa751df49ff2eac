"""Benchmark: what a hanging Hugging Face API costs a search, with the shipped settings.

The engine uses the HF backend pointed at the local fake (emulator/hf_api.py), with
only the address and token set; every timeout, retry, deadline and breaker figure is the
default. The index is built while the fake is healthy, then the fake holds every request
without answering. Run from the repo root:

    python -m bench.bench_hf_outage [--burst 8] [--later 20] [--wait-for-probe]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from engine.composition import build_engine  # noqa: E402
from engine.keyword import MorphemeAnalyzer  # noqa: E402
from engine.service import SearchEngine  # noqa: E402
from engine.settings import Settings  # noqa: E402
from engine.understanding import load_user_words  # noqa: E402
from engine.vectorizers.factory import build_vectorizer  # noqa: E402
from emulator.hf_api import FakeHfApi, Fault  # noqa: E402

CATALOG = ROOT / "tests" / "fixtures" / "mini_catalog.jsonl"


async def timed_search(engine: SearchEngine, query: str) -> tuple[float, str]:
    started = time.perf_counter()
    response = await engine.search_products(query)
    return time.perf_counter() - started, response.mode


def summary(label: str, timings: list[tuple[float, str]]) -> str:
    seconds = [s for s, _ in timings]
    modes = sorted({mode for _, mode in timings})
    return (f"{label:<34} n={len(seconds):>3}  median {statistics.median(seconds):7.3f} s  "
            f"max {max(seconds):7.3f} s  modes {modes}")


async def main(burst: int, later: int, wait_for_probe: bool) -> None:
    async with FakeHfApi(dim=16) as fake:
        with tempfile.TemporaryDirectory(prefix="cosmo-outage-") as workdir:
            settings = Settings(_env_file=None, use_hf_api=True, hf_api_url=fake.url,
                                hf_token=fake.token, catalog_path=CATALOG,
                                index_dir=Path(workdir))
            engine = build_engine(settings, build_vectorizer(settings),
                                  MorphemeAnalyzer(load_user_words()))
            try:
                await engine.reindex()
                print(f"shipped: HF_TIMEOUT_S={settings.hf_timeout_s:g} "
                      f"HF_MAX_RETRIES={settings.hf_max_retries} "
                      f"HF_DEADLINE_S={settings.hf_deadline_s:g} "
                      f"HF_QUERY_DEADLINE_S={settings.hf_query_deadline_s:g} "
                      f"EMBEDDING_BREAKER_FAILURES={settings.embedding_breaker_failures} "
                      f"EMBEDDING_BREAKER_COOLDOWN_S={settings.embedding_breaker_cooldown_s:g}")
                print(summary("healthy", [await timed_search(engine, f"보습 크림 {n}")
                                          for n in range(5)]))
                fake.outage = Fault.slow(3600.0)
                started = time.perf_counter()
                first = await asyncio.gather(*(timed_search(engine, f"촉촉한 크림 {n}")
                                               for n in range(burst)))
                print(summary(f"hang: first {burst} at once", first)
                      + f"  (all answered after {time.perf_counter() - started:.3f} s)")
                rest = [await timed_search(engine, f"순한 토너 {n}") for n in range(later)]
                print(summary("hang: next, one after another", rest))
                if wait_for_probe:
                    await asyncio.sleep(settings.embedding_breaker_cooldown_s)
                    print(summary("hang: the probe after the cool-down",
                                  [await timed_search(engine, "보습 로션 probe")]))
                    fake.outage = None
                    await asyncio.sleep(settings.embedding_breaker_cooldown_s)
                    print(summary("healthy again: probe, then hybrid",
                                  [await timed_search(engine, f"보습 로션 {n}")
                                   for n in range(3)]))
            finally:
                fake.outage = None
                await engine.aclose()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--burst", type=int, default=8)
    parser.add_argument("--later", type=int, default=20)
    parser.add_argument("--wait-for-probe", action="store_true",
                        help="also wait out the cool-down twice (2 x 30 s) for the probes")
    args = parser.parse_args()
    asyncio.run(main(args.burst, args.later, args.wait_for_probe))
