"""The embedding backends on their own, in the seed's shape: `encode(text) -> (dim,)` and
`encode_batch(texts, batch_size=…) -> (n, dim)`, float32 and L2-normalised.

The backend is chosen from the same settings as the engine's (`USE_HF_API` with `HF_TOKEN` and
`HF_MODEL_ID`, then `LOCAL_MODEL`, then the embedded e5). `open_vectorizer` is async;
`load_vectorizer` wraps it in blocking calls for scripts.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from types import TracebackType

import numpy as np

from engine._loop_thread import HeldOpen
from engine.settings import Settings, load_settings
from engine.vectorizers.base import Role, Vectorizer


@asynccontextmanager
async def open_vectorizer(settings: Settings | None = None) -> AsyncIterator[Vectorizer]:
    """The configured backend, started (a wrong token or unknown model raises here), closed
    on leaving. `encode` embeds a query by default, `encode_batch` documents (`role=`)."""
    from engine.vectorizers.factory import build_vectorizer

    vectorizer = build_vectorizer(settings or load_settings())
    try:
        await vectorizer.start()
        yield vectorizer
    finally:
        await vectorizer.aclose()


class SyncVectorizer:
    """A started backend behind blocking calls, on an event loop thread of its own."""

    def __init__(self, settings: Settings | None = None) -> None:
        self._held = HeldOpen(open_vectorizer(settings), "cosmo-vectorizer")
        self._vectorizer: Vectorizer = self._held.value

    @property
    def dim(self) -> int:
        """Length of every vector."""
        return self._vectorizer.dim

    @property
    def model_identity(self) -> str:
        """The model and its weights, as recorded in a snapshot's manifest."""
        return self._vectorizer.model_identity

    @property
    def description(self) -> str:
        """The backend and model in words; never holds a secret."""
        return self._vectorizer.description

    def encode(self, text: str, role: Role = Role.QUERY) -> np.ndarray:
        """One text as a `(dim,)` vector."""
        return self._held.run(self._vectorizer.encode(text, role))

    def encode_batch(self, texts: Sequence[str], batch_size: int = 32,
                     role: Role = Role.PASSAGE) -> np.ndarray:
        """Many texts as an `(n, dim)` matrix, in input order."""
        return self._held.run(self._vectorizer.encode_batch(texts, batch_size=batch_size,
                                                            role=role))

    def close(self) -> None:
        """Release the backend and the loop thread; a second call does nothing."""
        self._held.close()

    def __enter__(self) -> "SyncVectorizer":
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()


def load_vectorizer(settings: Settings | None = None) -> SyncVectorizer:
    """The configured backend, started, with blocking `encode` and `encode_batch`."""
    return SyncVectorizer(settings)
