"""A hanging HF API with the shipped settings: searches fall back to keyword results after a
bounded wait, then skip the API altogether for the cool-down; one probe brings it back.

Only the API's address and token are set here: every retry, deadline and breaker figure is the
shipped default, which is what docs/reliability.md measures with bench/bench_hf_outage.py.
"""

from __future__ import annotations

import asyncio
import logging

import pytest

from engine.composition import build_engine
from engine.service import SearchEngine
from engine.settings import Settings, SearchMode
from engine.notices import Notice
from engine.vectorizers.factory import build_vectorizer
from emulator.hf_api import FakeHfApi, Fault

HANG = Fault.slow(600.0)  # far past every deadline: the API holds the request and never answers


def shipped_settings(fake: FakeHfApi, tmp_path, catalog, **overrides) -> Settings:
    return Settings(_env_file=None, use_hf_api=True, hf_api_url=fake.url, hf_token=fake.token,
                    catalog_path=catalog, index_dir=tmp_path / "index", **overrides)


@pytest.fixture
async def fake():
    async with FakeHfApi(dim=16) as server:
        yield server


async def open_engine(settings, morpheme_analyzer) -> SearchEngine:
    vectorizer = build_vectorizer(settings)
    await vectorizer.start()
    engine = build_engine(settings, vectorizer, morpheme_analyzer)
    await engine.reindex()  # while the API is healthy, so searches are hybrid
    return engine


def keyword_with_notice(response) -> bool:
    return (response.mode == SearchMode.KEYWORD.value and response.results
            and Notice.SEMANTIC_UNAVAILABLE in response.notices)


async def test_with_the_shipped_defaults_a_hanging_api_is_skipped_after_three_searches(
        fake, tmp_path, mini_catalog_path, morpheme_analyzer, caplog):
    caplog.set_level(logging.INFO)
    engine = await open_engine(shipped_settings(fake, tmp_path, mini_catalog_path),
                               morpheme_analyzer)
    try:
        fake.outage = HANG
        before = fake.requests_received
        first = [await engine.search_products(f"촉촉한 크림 {n}") for n in range(3)]
        asked = fake.requests_received - before
        burst = await asyncio.gather(*(engine.search_products(f"순한 토너 {n}")
                                       for n in range(8)))
        later = [await engine.search_products(f"보습 선크림 {n}") for n in range(10)]
    finally:
        fake.outage = None
        await engine.aclose()
    assert all(map(keyword_with_notice, first + burst + later))
    assert asked == 3  # one attempt each: the query deadline leaves no time for a retry
    assert fake.requests_received - before == 3  # the 18 searches after them never asked
    assert "no answer within 3.0s" in caplog.text
    assert "embedding backend down (BackendUnavailableError): keyword results for 30 s" \
        in caplog.text


async def test_after_the_cool_down_one_probe_brings_hybrid_search_back(
        fake, tmp_path, mini_catalog_path, morpheme_analyzer):
    settings = shipped_settings(fake, tmp_path, mini_catalog_path,
                                embedding_breaker_cooldown_s=0.5)
    engine = await open_engine(settings, morpheme_analyzer)
    try:
        fake.outage = Fault.server_error(503)
        down = [await engine.search_products(f"촉촉한 크림 {n}") for n in range(4)]
        fake.outage = None
        still_cooling = await engine.search_products("촉촉한 크림 새로")
        await asyncio.sleep(0.6)
        back = await engine.search_products("촉촉한 크림 다시")
    finally:
        await engine.aclose()
    assert all(map(keyword_with_notice, down + [still_cooling]))
    assert back.mode == SearchMode.HYBRID.value and not back.notices
