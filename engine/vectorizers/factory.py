"""Choose the embedding backend from settings: `USE_HF_API`, then `LOCAL_MODEL`, then embedded e5."""

from __future__ import annotations

from engine.settings import EmbeddingBackend, Settings
from engine.vectorizers.base import Vectorizer


def build_vectorizer(settings: Settings) -> Vectorizer:
    """Return the configured backend, not yet started."""
    backend = settings.embedding_backend
    if backend is EmbeddingBackend.E5:
        from engine.vectorizers.e5 import EmbeddedE5Vectorizer

        return EmbeddedE5Vectorizer()
    raise NotImplementedError(f"embedding backend {backend.value!r} is not available yet")
