"""When the embedding backend fails at query time, searches still answer, from keywords."""

import json

import numpy as np
import pytest

from engine.errors import BackendUnavailableError, RateLimitedError
from engine.composition import build_engine
from engine.notices import Notice


class FailingBackend:
    """Speaks the vectorizer protocol with the real model's identity, but every call fails."""

    def __init__(self, identity: str, error: Exception) -> None:
        self.dim = 384
        self.model_identity = identity
        self.description = "failing"
        self._error = error

    async def start(self): ...
    async def aclose(self): ...

    async def encode(self, text, role=None):
        raise self._error

    async def encode_batch(self, texts, batch_size=32, role=None):
        raise self._error


@pytest.mark.parametrize("error", [BackendUnavailableError("HF API 503 after 3 retries"),
                                   RateLimitedError("429 after retries")])
@pytest.mark.parametrize("mode", ["hybrid", "semantic"])
async def test_embedding_outage_gives_keyword_results_with_one_notice(
        make_settings, index_copy, e5_vectorizer, error, mode, morpheme_analyzer):
    backend = FailingBackend(e5_vectorizer.model_identity, error)
    engine = build_engine(make_settings(index_dir=index_copy), backend, morpheme_analyzer)
    assert await engine.load_latest_snapshot()
    response = await engine.search_products("무향 립밤", top_n=3, mode=mode)
    assert response.results
    assert response.mode == "keyword"
    assert all(r.mode == "keyword" for r in response.results)
    assert response.notices == (Notice.SEMANTIC_UNAVAILABLE,)


async def test_keyword_mode_never_calls_the_embedding_backend(make_settings, index_copy,
                                                               e5_vectorizer, morpheme_analyzer):
    backend = FailingBackend(e5_vectorizer.model_identity, BackendUnavailableError("down"))
    engine = build_engine(make_settings(index_dir=index_copy), backend, morpheme_analyzer)
    await engine.load_latest_snapshot()
    response = await engine.search_products("선크림 백탁", top_n=2, mode="keyword")
    assert response.notices == ()
    assert response.results[0].product.category == "선크림"


async def test_healthy_backend_gives_hybrid_results_without_notice(mini_engine):
    response = await mini_engine.search_products("촉촉한 보습 크림", top_n=3)
    assert response.mode == "hybrid" and response.notices == ()
    assert {r.mode for r in response.results} == {"hybrid"}
    assert np.all(np.diff([r.score for r in response.results]) <= 0)


def _drop_keyword_index(index_dir):
    """Make the served snapshot look like one written before keyword search existed."""
    current = (index_dir / "CURRENT").read_text(encoding="utf-8").strip()
    manifest_path = index_dir / current / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    del manifest["keyword"]
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")


@pytest.mark.parametrize("mode", ["hybrid", "keyword", "semantic"])
async def test_a_snapshot_without_keyword_index_is_searched_semantically(
        make_settings, index_copy, e5_vectorizer, morpheme_analyzer, mode):
    _drop_keyword_index(index_copy)
    engine = build_engine(make_settings(index_dir=index_copy), e5_vectorizer,
                          morpheme_analyzer)
    assert await engine.load_latest_snapshot()
    assert engine.search_index.keyword is None
    response = await engine.search_products("눈 안 시린 선크림", top_n=3, mode=mode)
    assert response.mode == "semantic"
    assert response.results[0].product.category == "선크림"
    assert response.notices == (() if mode == "semantic" else (Notice.KEYWORD_INDEX_MISSING,))
