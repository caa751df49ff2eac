"""The Hugging Face Inference API backend (serverless router, an Inference Endpoint or TEI).

Try it against the test fake: `python bench/bench_hf_client.py` starts one on 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import logging
import re
from typing import Awaitable, Sequence

import aiohttp
import numpy as np
from pydantic import SecretStr
from yarl import URL

from engine.errors import BackendUnavailableError, EmbeddingResponseError
from engine.settings import Settings
from engine.vectorizers.base import Role, embeddable
from engine.vectorizers.hf_client import FeatureExtractionClient, default_api_url
from engine.vectorizers.hf_errors import BatchTooLargeError
from engine.vectorizers.pooling import embeddings_from_payload
from engine.vectorizers.retry import RetryPolicy

logger = logging.getLogger(__name__)

PROBE_TEXT = "보습 크림"
_E5_NAME = re.compile(r"(^|[/_.-])e5([/_.-]|$)")


def uses_e5_prefixes(model_id: str) -> bool:
    """E5 models expect "query: " / "passage: " prefixes; we spot them by an `e5` word in the id."""
    return bool(_E5_NAME.search(model_id.lower()))


def with_role_prefix(texts: Sequence[str], role: Role, enabled: bool) -> list[str]:
    """Prefix each text with its role when the model wants it."""
    if not enabled:
        return list(texts)
    return [f"{role.value}: {text}" for text in texts]


class HuggingFaceApiVectorizer:
    """Embeds text through a feature-extraction HTTP API, in concurrent batches, with retries."""

    def __init__(self, model_id: str, token: SecretStr | None, *, api_url: str | None = None,
                 batch_size: int = 32, concurrency: int = 4, timeout_s: float = 30.0,
                 query_deadline_s: float | None = None, policy: RetryPolicy | None = None,
                 session: aiohttp.ClientSession | None = None) -> None:
        self._model_id = model_id
        self._custom_url = api_url
        self._batch_limit = batch_size
        self._prefixes = uses_e5_prefixes(model_id)
        self._dim: int | None = None
        self._query_deadline_s = query_deadline_s
        url = api_url or default_api_url(model_id)
        self._client = FeatureExtractionClient(
            url, token, model_label=model_id, policy=policy or RetryPolicy(),
            timeout_s=timeout_s, concurrency=concurrency, session=session)

    @classmethod
    def from_settings(cls, settings: Settings, *, policy: RetryPolicy | None = None,
                      session: aiohttp.ClientSession | None = None) -> "HuggingFaceApiVectorizer":
        """Build from the HF_* settings; `policy` overrides the backoff (tests shorten it)."""
        policy = policy or RetryPolicy(max_retries=settings.hf_max_retries,
                                       deadline_s=settings.hf_deadline_s,
                                       max_loading_wait_s=settings.hf_max_loading_wait_s)
        return cls(settings.hf_model_id, settings.hf_token, api_url=settings.hf_api_url,
                   batch_size=settings.hf_batch_size, concurrency=settings.hf_concurrency,
                   timeout_s=settings.hf_timeout_s,
                   query_deadline_s=settings.hf_query_deadline_s, policy=policy, session=session)

    @property
    def dim(self) -> int:
        if self._dim is None:
            raise BackendUnavailableError(
                f"the Hugging Face API ({self._client.safe_url}) has not answered yet, so the "
                "size of its vectors is unknown")
        return self._dim

    @property
    def model_identity(self) -> str:
        if self._custom_url:
            parsed = URL(self._custom_url)
            return f"hf-api:{parsed.host}{parsed.path.rstrip('/')}"
        return f"hf-api:{self._model_id}"

    @property
    def description(self) -> str:
        return f"Hugging Face API ({self._model_id} at {self._client.safe_url})"

    def __repr__(self) -> str:
        return f"HuggingFaceApiVectorizer(model={self._model_id!r}, url={self._client.safe_url!r})"

    async def start(self) -> None:
        """One probe request: checks token and model, and learns the dim. It waits as long as
        a query may (HF_QUERY_DEADLINE_S): during an outage the engine starts without it."""
        await self._start(self._query_deadline_s)

    async def _start(self, deadline_s: float | None) -> None:
        if self._dim is not None:
            return
        try:
            vector = await self._request([PROBE_TEXT], single=True, deadline_s=deadline_s)
        except BaseException:
            await self._client.aclose()  # a failed start leaves nothing open; a retry reopens
            raise
        self._dim = int(vector.shape[1])
        logger.info("Hugging Face API vectorizer ready (model=%s, url=%s, dim=%d)",
                    self._model_id, self._client.safe_url, self._dim)

    async def encode(self, text: str, role: Role = Role.QUERY) -> np.ndarray:
        if self._dim is None:
            await self._start(self._deadline(role))
        [prefixed] = with_role_prefix(embeddable([text]), role, self._prefixes)
        return (await self._request([prefixed], single=True, deadline_s=self._deadline(role)))[0]

    async def encode_batch(self, texts: Sequence[str], batch_size: int | None = None,
                           role: Role = Role.PASSAGE) -> np.ndarray:
        """Chunks of at most min(batch_size, HF_BATCH_SIZE) texts, sent concurrently, in order."""
        if self._dim is None:  # a reindex waits for a cold model as long as HF_DEADLINE_S
            await self._start(self._deadline(role))
        prefixed = with_role_prefix(embeddable(texts), role, self._prefixes)
        if not prefixed:
            return np.zeros((0, self.dim), dtype=np.float32)
        size = min(batch_size or self._batch_limit, self._batch_limit)
        chunks = [prefixed[i:i + size] for i in range(0, len(prefixed), size)]
        deadline_s = self._deadline(role)
        parts = await _gather_in_order([self._encode_chunk(chunk, deadline_s)
                                        for chunk in chunks])
        return np.concatenate(parts)

    def _deadline(self, role: Role) -> float | None:
        """A shopper waits for a query; a reindex's passages may take the policy's deadline."""
        return self._query_deadline_s if role is Role.QUERY else None

    async def aclose(self) -> None:
        await self._client.aclose()

    async def _encode_chunk(self, texts: list[str], deadline_s: float | None) -> np.ndarray:
        """Encode one chunk, halving it while the server says it is too large (413/422)."""
        if len(texts) > self._batch_limit:
            return await self._encode_halves(texts, deadline_s)
        try:
            return await self._request(texts, single=False, deadline_s=deadline_s)
        except BatchTooLargeError:
            self._batch_limit = min(self._batch_limit, len(texts) // 2)
            logger.warning("HF API refused %d texts at once; sending at most %d per request",
                           len(texts), self._batch_limit)
            return await self._encode_halves(texts, deadline_s)

    async def _encode_halves(self, texts: list[str], deadline_s: float | None) -> np.ndarray:
        middle = len(texts) // 2
        halves = await _gather_in_order([self._encode_chunk(texts[:middle], deadline_s),
                                         self._encode_chunk(texts[middle:], deadline_s)])
        return np.concatenate(halves)

    async def _request(self, texts: list[str], *, single: bool,
                       deadline_s: float | None = None) -> np.ndarray:
        try:
            payload = await self._client.post_inputs(texts[0] if single else texts, deadline_s)
        except BatchTooLargeError as exc:
            if len(texts) > 1:
                raise
            raise EmbeddingResponseError(
                f"the server refused a single text ({exc}): it is probably longer than the "
                "model accepts") from None
        matrix = embeddings_from_payload(payload, len(texts), single=single)
        if self._dim is not None and matrix.shape[1] != self._dim:
            raise EmbeddingResponseError(
                f"the server switched dim from {self._dim} to {matrix.shape[1]}")
        return matrix


async def _gather_in_order(jobs: list[Awaitable[np.ndarray]]) -> list[np.ndarray]:
    """Run jobs concurrently; on the first error cancel the rest and raise that error."""
    tasks = [asyncio.ensure_future(job) for job in jobs]
    try:
        return list(await asyncio.gather(*tasks))
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
