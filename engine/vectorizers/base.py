"""The one interface every embedding backend implements, so search code never knows which it has."""

from __future__ import annotations

from enum import Enum
from typing import Protocol, Sequence, runtime_checkable

import numpy as np

from engine.errors import EmbeddingResponseError


# Every backend embeds a text by its first MAX_EMBEDDED_CHARS: e5 reads a long text in 512-token
# windows, linearly in its length (embedded e5 on one thread: 2,000 characters 2.8 s, 20,000
# 29 s), and an API would get a body as large. The catalog cuts reviews at 5,000 already.
MAX_EMBEDDED_CHARS = 2_000


def embeddable(texts: Sequence[str]) -> list[str]:
    """`texts` each cut to `MAX_EMBEDDED_CHARS`, so one text's embedding is bounded in time."""
    return [text[:MAX_EMBEDDED_CHARS] for text in texts]


class Role(str, Enum):
    """What a text is for: E5-style models embed queries and documents differently."""

    QUERY = "query"
    PASSAGE = "passage"


@runtime_checkable
class Vectorizer(Protocol):
    """Async text-to-vector backend. Vectors are float32 and L2-normalised."""

    @property
    def dim(self) -> int:
        """Length of every vector."""

    @property
    def model_identity(self) -> str:
        """Stable name of the model and its weights, recorded in the index manifest."""

    @property
    def description(self) -> str:
        """Human-readable backend and model, for logs and /stats; never holds a secret."""

    async def start(self) -> None:
        """Load or probe the model; raise a configuration error early."""

    async def encode(self, text: str, role: Role = Role.QUERY) -> np.ndarray:
        """Embed one text into a `(dim,)` vector."""

    async def encode_batch(self, texts: Sequence[str], batch_size: int = 32,
                           role: Role = Role.PASSAGE) -> np.ndarray:
        """Embed many texts into an `(n, dim)` matrix, in input order."""

    async def aclose(self) -> None:
        """Release sessions, executors and models."""


class WrappingVectorizer:
    """A vectorizer in front of another (micro-batching, a circuit breaker): everything passes
    through to `inner` unless the subclass changes it."""

    def __init__(self, inner: Vectorizer) -> None:
        self._inner = inner

    @property
    def inner(self) -> Vectorizer:
        return self._inner

    @property
    def dim(self) -> int:
        return self._inner.dim

    @property
    def model_identity(self) -> str:
        return self._inner.model_identity

    @property
    def description(self) -> str:
        return self._inner.description

    async def start(self) -> None:
        await self._inner.start()

    async def encode(self, text: str, role: Role = Role.QUERY) -> np.ndarray:
        return await self._inner.encode(text, role)

    async def encode_batch(self, texts: Sequence[str], batch_size: int = 32,
                           role: Role = Role.PASSAGE) -> np.ndarray:
        return await self._inner.encode_batch(texts, batch_size=batch_size, role=role)

    async def aclose(self) -> None:
        await self._inner.aclose()


def normalize_rows(matrix: np.ndarray) -> np.ndarray:
    """Return float32 rows scaled to unit length; reject NaN, inf and all-zero rows."""
    vectors = np.asarray(matrix, dtype=np.float32)
    if vectors.ndim == 1:
        return normalize_rows(vectors[None, :])[0]
    if not np.all(np.isfinite(vectors)):
        raise EmbeddingResponseError("embedding contains NaN or infinite values")
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    if np.any(norms == 0):
        raise EmbeddingResponseError("embedding is an all-zero vector")
    return np.ascontiguousarray(vectors / norms, dtype=np.float32)
