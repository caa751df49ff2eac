"""Choose the embedding backend from settings: `USE_HF_API`, then `LOCAL_MODEL`, then embedded e5."""

from __future__ import annotations

import logging

from engine.settings import EmbeddingBackend, Settings
from engine.vectorizers.base import Vectorizer

logger = logging.getLogger(__name__)


def describe_backend_choice(settings: Settings) -> str:
    """One line saying which backend the settings select and why; never holds a secret."""
    backend = settings.embedding_backend
    if backend is EmbeddingBackend.HF_API:
        where = "HF_API_URL endpoint" if settings.hf_api_url else "serverless router"
        return (f"embedding backend: Hugging Face API, model {settings.hf_model_id} via the "
                f"{where} (USE_HF_API=true)")
    if backend is EmbeddingBackend.LOCAL:
        return (f"embedding backend: sentence-transformers, LOCAL_MODEL={settings.local_model} "
                f"on {settings.local_device} (LOCAL_MODEL is set)")
    return "embedding backend: embedded multilingual-e5-small (default; set USE_HF_API or LOCAL_MODEL to change)"


def build_vectorizer(settings: Settings) -> Vectorizer:
    """Return the configured backend, not yet started."""
    logger.info(describe_backend_choice(settings))
    backend = settings.embedding_backend
    if backend is EmbeddingBackend.HF_API:
        from engine.vectorizers.hf_api import HuggingFaceApiVectorizer

        return HuggingFaceApiVectorizer.from_settings(settings)
    if backend is EmbeddingBackend.LOCAL:
        from engine.vectorizers.local import SentenceTransformerVectorizer

        return SentenceTransformerVectorizer(settings.local_model, device=settings.local_device)
    from engine.vectorizers.e5 import EmbeddedE5Vectorizer

    return EmbeddedE5Vectorizer()
