"""Which backend the settings choose."""

from __future__ import annotations

import logging

import pytest

from engine.settings import Settings
from engine.vectorizers.breaker import CircuitBreakingVectorizer
from engine.vectorizers.e5 import EmbeddedE5Vectorizer
from engine.vectorizers.factory import build_vectorizer, describe_backend_choice
from engine.vectorizers.hf_api import HuggingFaceApiVectorizer
from engine.vectorizers.local import SentenceTransformerVectorizer
from engine.vectorizers.microbatch import MicroBatchingVectorizer


def settings(**values) -> Settings:
    defaults = dict(use_hf_api=False, local_model=None, hf_api_url=None, hf_token=None)
    defaults.update(values)
    return Settings(_env_file=None, **defaults)


def test_default_is_the_embedded_e5_model():
    assert isinstance(build_vectorizer(settings()), EmbeddedE5Vectorizer)
    assert "embedded multilingual-e5-small" in describe_backend_choice(settings())


def test_use_hf_api_selects_the_api_backend():
    chosen = settings(use_hf_api=True, hf_model_id="jhgan/ko-sroberta-multitask",
                      query_microbatch_ms=0)
    vectorizer = build_vectorizer(chosen)
    assert isinstance(vectorizer, CircuitBreakingVectorizer)
    assert isinstance(vectorizer.inner, HuggingFaceApiVectorizer)
    assert vectorizer.model_identity == "hf-api:jhgan/ko-sroberta-multitask"
    assert "serverless router" in describe_backend_choice(chosen)


def test_use_hf_api_wins_over_local_model():
    chosen = settings(use_hf_api=True, local_model="models/fine_tuned/roberta_semantic_final",
                      query_microbatch_ms=0)
    assert isinstance(build_vectorizer(chosen).inner, HuggingFaceApiVectorizer)


def test_local_model_selects_sentence_transformers():
    chosen = settings(local_model="models/fine_tuned/roberta_semantic_final", local_device="cpu")
    vectorizer = build_vectorizer(chosen)
    assert isinstance(vectorizer, SentenceTransformerVectorizer)
    assert "roberta_semantic_final" in vectorizer.description
    assert "LOCAL_MODEL=models/fine_tuned/roberta_semantic_final on cpu" in describe_backend_choice(chosen)


def test_choice_is_logged_without_the_token(caplog):
    caplog.set_level(logging.INFO)
    build_vectorizer(settings(use_hf_api=True, hf_token="hf_factory_secret",
                              hf_api_url="https://abc.endpoints.huggingface.cloud"))
    assert "HF_API_URL endpoint" in caplog.text
    assert "hf_factory_secret" not in caplog.text


@pytest.mark.parametrize("blank", ["", "  "])
def test_a_blank_local_model_keeps_the_default(blank):
    assert isinstance(build_vectorizer(settings(local_model=blank)), EmbeddedE5Vectorizer)


def test_the_hf_api_backend_micro_batches_queries_unless_told_not_to():
    vectorizer = build_vectorizer(settings(use_hf_api=True, hf_model_id="fake/model"))
    assert isinstance(vectorizer.inner, MicroBatchingVectorizer)
    assert vectorizer.model_identity == "hf-api:fake/model"
    assert "micro-batched within 5 ms" in vectorizer.description


def test_embedded_e5_is_micro_batched_only_when_asked():
    assert isinstance(build_vectorizer(settings()), EmbeddedE5Vectorizer)
    assert isinstance(build_vectorizer(settings(query_microbatch_ms=3)), MicroBatchingVectorizer)


def test_a_blank_micro_batch_window_means_the_backends_default():
    assert settings(query_microbatch_ms="").query_microbatch_ms is None


def test_the_hf_api_backend_sits_behind_a_circuit_breaker_unless_it_is_turned_off():
    shipped = build_vectorizer(settings(use_hf_api=True, hf_model_id="fake/model"))
    assert (shipped.breaker.failures, shipped.breaker.cooldown_s) == (3, 30.0)
    off = build_vectorizer(settings(use_hf_api=True, hf_model_id="fake/model",
                                    embedding_breaker_failures=0, query_microbatch_ms=0))
    assert isinstance(off, HuggingFaceApiVectorizer)
