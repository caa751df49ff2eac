"""The HF API backend against a local fake of the API (emulator/hf_api.py)."""

from __future__ import annotations

import gc
import logging
import socket

import aiohttp
import numpy as np
import pytest
from pydantic import SecretStr

from engine.errors import (
    BackendUnavailableError,
    EmbeddingAuthError,
    EmbeddingError,
    EmbeddingResponseError,
    ModelLoadingError,
    ModelNotFoundError,
    RateLimitedError,
)
from engine.settings import Settings
from engine.vectorizers.base import Role, Vectorizer
from engine.vectorizers.hf_api import HuggingFaceApiVectorizer, uses_e5_prefixes
from engine.vectorizers.hf_client import default_api_url
from engine.vectorizers.retry import RetryPolicy
from emulator.hf_api import FakeHfApi, Fault, fake_embedding

MODEL = "fake/ko-sbert"
TEXTS = [f"리뷰 {i}: 촉촉하고 순한 크림" for i in range(100)]


def quick_policy(**overrides: float) -> RetryPolicy:
    """Real policy with tiny waits, so retries are exercised without slowing the suite."""
    values = dict(max_retries=3, deadline_s=10.0, backoff_base_s=0.005, backoff_cap_s=0.02,
                  max_loading_wait_s=0.02)
    values.update(overrides)
    return RetryPolicy(**values)


@pytest.fixture
async def fake():
    async with FakeHfApi(models={MODEL, "intfloat/multilingual-e5-small"}) as server:
        yield server


@pytest.fixture
async def make(fake):
    created: list[HuggingFaceApiVectorizer] = []

    def build(**kwargs) -> HuggingFaceApiVectorizer:
        options = dict(token=SecretStr(fake.token), api_url=fake.url, policy=quick_policy(),
                       timeout_s=2.0)
        options.update(kwargs)
        vectorizer = HuggingFaceApiVectorizer(options.pop("model_id", MODEL), **options)
        created.append(vectorizer)
        return vectorizer

    yield build
    for vectorizer in created:
        await vectorizer.aclose()


def expected(texts: list[str], dim: int = 16) -> np.ndarray:
    return np.stack([fake_embedding(text, dim) for text in texts]).astype(np.float32)


async def test_start_probes_once_learns_dim_and_logs_the_banner(fake, make, caplog):
    caplog.set_level(logging.INFO)
    vectorizer = make()
    await vectorizer.start()
    assert vectorizer.dim == fake.dim
    assert fake.requests_received == 1
    assert "Hugging Face API vectorizer ready" in caplog.text
    assert MODEL in caplog.text and fake.url in caplog.text
    assert isinstance(vectorizer, Vectorizer)


async def test_requests_carry_bearer_token_and_wait_for_model(fake, make):
    await make().start()
    headers = fake.received_headers[0]
    assert headers["Authorization"] == f"Bearer {fake.token}"
    assert headers["X-Wait-For-Model"] == "true"


async def test_encode_returns_the_servers_vector_as_unit_float32(make):
    vector = await make().encode("건성 피부용 크림")
    assert vector.dtype == np.float32 and vector.shape == (16,)
    np.testing.assert_allclose(vector, fake_embedding("건성 피부용 크림", 16), atol=1e-6)


async def test_cold_start_503_is_retried_until_the_model_loads(fake, make):
    fake.fail_next(Fault.loading(estimated_time=0.01), times=2)
    vectorizer = make()
    await vectorizer.start()
    assert fake.requests_received == 3
    assert vectorizer.dim == 16


async def test_model_still_loading_after_all_retries_raises_model_loading_error(fake, make):
    fake.fail_next(Fault.loading(estimated_time=0.01), times=10)
    with pytest.raises(ModelLoadingError) as caught:
        await make().start()
    assert fake.requests_received == 4  # the first attempt and 3 retries
    assert "still loading" in str(caught.value) and "HF_MAX_LOADING_WAIT_S" in str(caught.value)


async def test_loading_estimate_beyond_the_deadline_gives_up_at_once(fake, make):
    fake.fail_next(Fault.loading(estimated_time=500.0), times=10)
    vectorizer = make(policy=quick_policy(deadline_s=5.0, max_loading_wait_s=600.0))
    with pytest.raises(ModelLoadingError):
        await vectorizer.start()
    assert fake.requests_received == 1


async def test_429_with_retry_after_is_retried_then_succeeds(fake, make):
    fake.fail_next(Fault.rate_limited(retry_after="0.01"), times=2)
    await make().start()
    assert fake.requests_received == 3


async def test_429_retry_after_past_the_deadline_raises_rate_limited_without_retrying(fake, make):
    fake.fail_next(Fault.rate_limited(retry_after="3600"), times=10)
    with pytest.raises(RateLimitedError) as caught:
        await make().start()
    assert fake.requests_received == 1  # Retry-After was read, not ignored for a short backoff
    assert "HF_CONCURRENCY" in str(caught.value) and "429" in str(caught.value)


@pytest.mark.parametrize("status", [500, 502, 504])
async def test_flaky_server_errors_are_retried(fake, make, status):
    fake.fail_next(Fault.server_error(status), times=2)
    vector = await make().encode("지성 피부 토너")
    np.testing.assert_allclose(vector, fake_embedding("지성 피부 토너", 16), atol=1e-6)
    assert fake.requests_received == 4  # probe (2 failures + success) and the encode


async def test_503_without_estimate_is_retried_as_a_server_error(fake, make):
    fake.fail_next(Fault.loading(estimated_time=None), times=1)
    await make().start()
    assert fake.requests_received == 2


async def test_a_request_slower_than_the_timeout_is_retried(fake, make):
    fake.fail_next(Fault.slow(30.0))
    vectorizer = make(timeout_s=0.2)
    await vectorizer.start()
    assert fake.requests_received == 2


async def test_server_errors_outlasting_the_retries_raise_backend_unavailable(fake, make):
    fake.fail_next(Fault.server_error(502), times=10)
    with pytest.raises(BackendUnavailableError) as caught:
        await make(policy=quick_policy(max_retries=2)).start()
    assert fake.requests_received == 3
    message = str(caught.value)
    assert "3 attempt(s)" in message and "HF_DEADLINE_S" in message and "unavailable" in message


async def test_timeouts_on_every_attempt_raise_backend_unavailable(fake, make):
    fake.fail_next(Fault.slow(30.0), times=10)
    with pytest.raises(BackendUnavailableError, match="no answer within"):
        await make(timeout_s=0.1, policy=quick_policy(max_retries=1)).start()


async def test_connection_refused_is_retried_then_raises_backend_unavailable(make):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    vectorizer = make(api_url=f"http://127.0.0.1:{closed_port}", policy=quick_policy(max_retries=1))
    with pytest.raises(BackendUnavailableError, match="2 attempt"):
        await vectorizer.start()


async def test_401_is_not_retried_and_says_to_check_hf_token(fake, make):
    with pytest.raises(EmbeddingAuthError) as caught:
        await make(token=SecretStr("hf_wrong_token")).start()
    assert fake.requests_received == 1
    assert "HF_TOKEN" in str(caught.value) and "rejected" in str(caught.value)


async def test_missing_token_says_hf_token_is_not_set(make):
    with pytest.raises(EmbeddingAuthError, match="HF_TOKEN is not set"):
        await make(token=None).start()


async def test_403_is_an_auth_error_about_model_access(fake, make):
    fake.forbidden_models.add(MODEL)
    with pytest.raises(EmbeddingAuthError, match="no access"):
        await make(api_url=fake.model_url(MODEL)).start()
    assert fake.requests_received == 1


async def test_404_unknown_model_is_not_retried_and_says_to_check_hf_model_id(fake, make):
    with pytest.raises(ModelNotFoundError) as caught:
        await make(model_id="fake/no-such-model", api_url=fake.model_url("fake/no-such-model")).start()
    assert fake.requests_received == 1
    assert "HF_MODEL_ID" in str(caught.value) and "fake/no-such-model" in str(caught.value)


async def test_413_halves_the_batch_until_it_fits_and_keeps_order(fake, make):
    fake.max_batch = 8
    vectorizer = make(batch_size=32)
    vectors = await vectorizer.encode_batch(TEXTS[:40])
    np.testing.assert_allclose(vectors, expected(TEXTS[:40]), atol=1e-6)
    assert max(fake.served_batch_sizes) <= 8
    assert fake.requests_received > len(fake.served_batch_sizes)  # some 413s happened


async def test_413_for_a_single_text_is_a_response_error(fake, make):
    vectorizer = make()
    await vectorizer.start()
    fake.max_batch = 0
    with pytest.raises(EmbeddingResponseError, match="single text"):
        await vectorizer.encode_batch(["아주 긴 리뷰"])


async def test_malformed_json_raises_response_error(fake, make):
    fake.fail_next(Fault.malformed_json())
    with pytest.raises(EmbeddingResponseError, match="malformed JSON"):
        await make().start()


async def test_token_level_output_is_mean_pooled(fake, make):
    fake.token_level = True
    vectorizer = make()
    single = await vectorizer.encode("수분 크림 추천")
    batch = await vectorizer.encode_batch(TEXTS[:5])
    np.testing.assert_allclose(single, fake_embedding("수분 크림 추천", 16), atol=1e-6)
    np.testing.assert_allclose(batch, expected(TEXTS[:5]), atol=1e-6)


async def test_batch_larger_than_batch_size_is_chunked_concurrently_in_input_order(fake, make):
    fake.latency_s = 0.01
    vectorizer = make(batch_size=8, concurrency=3)
    vectors = await vectorizer.encode_batch(TEXTS)
    assert vectors.shape == (100, 16) and vectors.dtype == np.float32
    np.testing.assert_allclose(vectors, expected(TEXTS), atol=1e-6)
    assert max(fake.texts_per_request) <= 8
    assert fake.max_in_flight <= 3


async def test_caller_batch_size_can_only_lower_the_configured_one(fake, make):
    vectorizer = make(batch_size=10)
    await vectorizer.encode_batch(TEXTS[:30], batch_size=500)
    await vectorizer.encode_batch(TEXTS[:30], batch_size=4)
    assert fake.texts_per_request[1:4] == [10, 10, 10]
    assert sorted(fake.texts_per_request[4:]) == [2] + [4] * 7


async def test_empty_batch_gives_an_empty_matrix(make):
    assert (await make().encode_batch([])).shape == (0, 16)


async def test_e5_models_get_query_and_passage_prefixes(fake, make):
    vectorizer = make(model_id="intfloat/multilingual-e5-small")
    query = await vectorizer.encode("보습 크림", role=Role.QUERY)
    await vectorizer.encode_batch(["보습 크림"], role=Role.PASSAGE)
    assert fake.received_inputs[1:] == ["query: 보습 크림", ["passage: 보습 크림"]]
    np.testing.assert_allclose(query, fake_embedding("query: 보습 크림", 16), atol=1e-6)


async def test_other_models_get_the_text_unchanged(fake, make):
    await make().encode("보습 크림", role=Role.QUERY)
    assert fake.received_inputs[1:] == ["보습 크림"]


@pytest.mark.parametrize(("model_id", "prefixed"), [
    ("intfloat/multilingual-e5-small", True),
    ("intfloat/e5-base-v2", True),
    ("intfloat/multilingual-e5-large-instruct", True),
    ("jhgan/ko-sroberta-multitask", False),
    ("BAAI/bge-m3", False),
    ("someone/kobe5000", False),
])
def test_e5_prefix_rule_matches_an_e5_word_in_the_model_id(model_id, prefixed):
    assert uses_e5_prefixes(model_id) is prefixed


def test_default_url_is_the_router_feature_extraction_pipeline():
    assert default_api_url("intfloat/multilingual-e5-small") == (
        "https://router.huggingface.co/hf-inference/models/intfloat/multilingual-e5-small"
        "/pipeline/feature-extraction")


def test_model_identity_names_the_model_or_the_endpoint_never_the_token():
    token = SecretStr("hf_identity_secret")
    by_model = HuggingFaceApiVectorizer("intfloat/multilingual-e5-small", token)
    by_url = HuggingFaceApiVectorizer(
        "x/y", token, api_url="https://user:pw@abc.endpoints.huggingface.cloud/v1/?key=1")
    assert by_model.model_identity == "hf-api:intfloat/multilingual-e5-small"
    assert by_url.model_identity == "hf-api:abc.endpoints.huggingface.cloud/v1"
    assert "pw" not in by_url.description and "key=1" not in repr(by_url)


def test_from_settings_uses_the_hf_settings():
    settings = Settings(_env_file=None, use_hf_api=True, hf_token="hf_settings_secret",
                        hf_model_id="jhgan/ko-sroberta-multitask", hf_batch_size=7)
    vectorizer = HuggingFaceApiVectorizer.from_settings(settings)
    assert vectorizer.model_identity == "hf-api:jhgan/ko-sroberta-multitask"
    assert "router.huggingface.co" in vectorizer.description


async def test_an_injected_session_is_used_and_left_open(fake):
    async with aiohttp.ClientSession() as session:
        vectorizer = HuggingFaceApiVectorizer(MODEL, SecretStr(fake.token), api_url=fake.url,
                                              policy=quick_policy(), session=session)
        await vectorizer.start()
        await vectorizer.aclose()
        assert not session.closed


async def test_token_never_appears_in_logs_repr_or_errors(fake, make, caplog):
    caplog.set_level(logging.DEBUG)
    secret = fake.token
    vectorizer = make()
    await vectorizer.start()
    errors: list[EmbeddingError] = []
    fake.fail_next(Fault.server_error(500), times=4)  # the first encode: 4 attempts, then gives up
    fake.fail_next(Fault.rate_limited("3600"))  # the second: gives up at once
    for _ in range(2):
        with pytest.raises(EmbeddingError) as caught:
            await vectorizer.encode("토큰 노출 검사")
        errors.append(caught.value)
    fake.token = "hf_other_token"  # now the server rejects ours: 401
    with pytest.raises(EmbeddingAuthError) as caught:
        await vectorizer.encode("토큰 노출 검사")
    errors.append(caught.value)
    texts = [caplog.text, repr(vectorizer), str(vectorizer), vectorizer.description,
             vectorizer.model_identity]
    for error in errors:
        texts += [str(error), repr(error), repr(error.__cause__), repr(error.__context__)]
    assert all(secret not in text for text in texts)
    assert "retry" in caplog.text  # the retries were logged, just without the token


async def test_a_failed_start_leaves_no_open_session(fake, caplog):
    vectorizer = HuggingFaceApiVectorizer(MODEL, SecretStr("hf_wrong_token"), api_url=fake.url,
                                          policy=quick_policy())
    with pytest.raises(EmbeddingAuthError):
        await vectorizer.start()
    del vectorizer
    gc.collect()
    assert "Unclosed" not in caplog.text


async def test_start_can_be_tried_again_after_a_failure(fake, make):
    vectorizer = make(token=SecretStr("hf_wrong_token"))
    with pytest.raises(EmbeddingAuthError):
        await vectorizer.start()
    fake.token = "hf_wrong_token"  # the other side was fixed
    await vectorizer.start()
    assert vectorizer.dim == 16
