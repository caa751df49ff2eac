"""Micro-batching query embeddings, against the local fake of the HF API.

Concurrent callers are started together with `gather`, so they all wait before the window
closes whatever its length: the assertions count requests and check vectors, never time.
"""

from __future__ import annotations

import asyncio

import numpy as np
import pytest
from pydantic import SecretStr

from engine.errors import EmbeddingAuthError
from engine.vectorizers.base import Role
from engine.vectorizers.hf_api import HuggingFaceApiVectorizer
from engine.vectorizers.microbatch import MicroBatchingVectorizer
from engine.vectorizers.retry import RetryPolicy
from emulator.hf_api import FakeHfApi, Fault, fake_embedding

MODEL = "intfloat/multilingual-e5-small"
WINDOW_S = 0.05


@pytest.fixture
async def fake():
    async with FakeHfApi(dim=16) as server:
        yield server


@pytest.fixture
async def batched(fake):
    inner = HuggingFaceApiVectorizer(MODEL, SecretStr(fake.token), api_url=fake.url,
                                     batch_size=8, policy=RetryPolicy(max_retries=0))
    vectorizer = MicroBatchingVectorizer(inner, WINDOW_S, max_batch=8)
    await vectorizer.start()
    fake.texts_per_request.clear()
    yield vectorizer
    await vectorizer.aclose()


def vector_of(text: str, role: Role = Role.QUERY) -> np.ndarray:
    return fake_embedding(f"{role.value}: {text}", 16).astype(np.float32)


async def test_concurrent_queries_share_one_request_and_each_gets_its_own_vector(fake, batched):
    texts = [f"촉촉한 크림 {n}" for n in range(6)]
    vectors = await asyncio.gather(*(batched.encode(text) for text in texts))
    assert fake.texts_per_request == [6]
    for text, vector in zip(texts, vectors):
        np.testing.assert_allclose(vector, vector_of(text), rtol=1e-5)


async def test_a_full_batch_leaves_without_waiting_for_the_rest(fake, batched):
    texts = [f"선크림 {n}" for n in range(19)]
    vectors = await asyncio.gather(*(batched.encode(text) for text in texts))
    assert sorted(fake.texts_per_request) == [3, 8, 8]
    assert all(np.allclose(v, vector_of(t), rtol=1e-5) for t, v in zip(texts, vectors))


async def test_the_same_text_asked_twice_at_once_is_embedded_once(fake, batched):
    first, second, other = await asyncio.gather(batched.encode("립밤"), batched.encode("립밤"),
                                                batched.encode("토너"))
    assert fake.texts_per_request == [2]
    np.testing.assert_array_equal(first, second)
    np.testing.assert_allclose(other, vector_of("토너"), rtol=1e-5)


async def test_queries_and_passages_are_never_mixed_in_one_batch(fake, batched):
    query, passage = await asyncio.gather(batched.encode("보습", Role.QUERY),
                                          batched.encode("보습", Role.PASSAGE))
    assert sorted(fake.texts_per_request) == [1, 1]
    np.testing.assert_allclose(query, vector_of("보습", Role.QUERY), rtol=1e-5)
    np.testing.assert_allclose(passage, vector_of("보습", Role.PASSAGE), rtol=1e-5)


async def test_a_backend_error_reaches_every_caller_of_the_batch(fake, batched):
    fake.fail_next(Fault(401, b'{"error": "Invalid credentials"}'))
    results = await asyncio.gather(batched.encode("크림"), batched.encode("선크림"),
                                   return_exceptions=True)
    assert [type(r) for r in results] == [EmbeddingAuthError, EmbeddingAuthError]
    np.testing.assert_allclose(await batched.encode("크림"), vector_of("크림"), rtol=1e-5)


async def test_a_caller_that_gives_up_leaves_the_others_their_vectors(fake, batched):
    leaving = asyncio.ensure_future(batched.encode("떠나는 질문"))
    staying = asyncio.ensure_future(batched.encode("남는 질문"))
    await asyncio.sleep(0)
    leaving.cancel()
    vector = await staying
    np.testing.assert_allclose(vector, vector_of("남는 질문"), rtol=1e-5)
    assert fake.texts_per_request == [1] and leaving.cancelled()


async def test_document_batches_pass_straight_through(fake, batched):
    matrix = await batched.encode_batch(["a", "b", "c"], role=Role.PASSAGE)
    assert matrix.shape == (3, 16) and fake.texts_per_request == [3]
