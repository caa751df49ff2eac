"""HTTP side of the Hugging Face backend: post `{"inputs": ...}`, classify answers, retry.

The vectorizer (`hf_api.py`) owns batching and pooling; this module only moves JSON and
decides, with `retry.RetryPolicy`, whether a failed attempt is worth another.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

import aiohttp
from pydantic import SecretStr
from yarl import URL

from engine.errors import EmbeddingResponseError
from engine.vectorizers.hf_errors import (
    BatchTooLargeError,
    error_after_retries,
    error_for_status,
    short,
)
from engine.vectorizers.retry import (
    FailureKind,
    RetryPolicy,
    TransientFailure,
    parse_estimated_time,
    parse_retry_after,
)

logger = logging.getLogger(__name__)

ROUTER_URL = "https://router.huggingface.co/hf-inference/models/{model}/pipeline/feature-extraction"
TOO_LARGE = frozenset({413, 422})


def default_api_url(model_id: str) -> str:
    """The serverless router URL of a model's feature-extraction pipeline."""
    return ROUTER_URL.format(model=model_id.strip().strip("/"))


def display_url(url: str) -> str:
    """The URL without user info, query or fragment, safe for logs and messages."""
    parsed = URL(url)
    return str(parsed.with_user(None).with_password(None).with_query(None).with_fragment(None))


class _Retry(Exception):
    """Internal: one attempt failed in a way worth retrying."""

    def __init__(self, failure: TransientFailure) -> None:
        super().__init__(failure.detail)
        self.failure = failure


class FeatureExtractionClient:
    """Posts inputs to one feature-extraction URL with bounded concurrency and retries."""

    def __init__(self, url: str, token: SecretStr | None, *, model_label: str,
                 policy: RetryPolicy, timeout_s: float, concurrency: int,
                 session: aiohttp.ClientSession | None = None) -> None:
        self._url = url
        self._token = token
        self._model_label = model_label
        self._policy = policy
        self._timeout_s = timeout_s
        self._concurrency = concurrency
        self._slots = asyncio.Semaphore(concurrency)
        self._session = session
        self._owns_session = session is None

    @property
    def safe_url(self) -> str:
        return display_url(self._url)

    def __repr__(self) -> str:
        return f"FeatureExtractionClient(url={self.safe_url!r}, model={self._model_label!r})"

    async def post_inputs(self, inputs: str | list[str], deadline_s: float | None = None) -> Any:
        """Return the decoded JSON answer for `inputs`, retrying transient failures within
        `deadline_s` (default: the policy's).

        The deadline clock starts when the first attempt gets a connection slot, so
        requests queued behind others are not punished for waiting.
        """
        loop = asyncio.get_running_loop()
        deadline: float | None = None
        retry_index = 0
        while True:
            async with self._slots:
                if deadline is None:
                    deadline = loop.time() + (deadline_s or self._policy.deadline_s)
                try:
                    return await self._attempt(inputs, deadline - loop.time())
                except _Retry as retry:
                    failure = retry.failure
            delay = self._policy.delay_before_retry(retry_index, failure, deadline - loop.time())
            if delay is None:
                raise error_after_retries(failure, retry_index + 1, model=self._model_label,
                                          url=self.safe_url)
            retry_index += 1
            logger.warning("HF API %s (%s); retry %d/%d in %.2fs",
                           failure.kind.value, short(failure.detail), retry_index,
                           self._policy.max_retries, delay)
            await asyncio.sleep(delay)

    async def aclose(self) -> None:
        if self._session is not None and self._owns_session:
            await self._session.close()
        self._session = None

    async def _attempt(self, inputs: str | list[str], remaining_s: float) -> Any:
        if remaining_s <= 0:
            raise _Retry(TransientFailure(FailureKind.TIMEOUT, detail="deadline reached"))
        timeout = aiohttp.ClientTimeout(total=min(self._timeout_s, remaining_s))
        try:
            async with self._get_session().post(self._url, json={"inputs": inputs},
                                                headers=self._headers(), timeout=timeout) as resp:
                body = await resp.read()
                return self._interpret(resp.status, resp.headers, body)
        except asyncio.TimeoutError:
            raise _Retry(TransientFailure(
                FailureKind.TIMEOUT, detail=f"no answer within {timeout.total:.1f}s")) from None
        except aiohttp.ClientError as exc:
            # Say only the type: some aiohttp errors carry the request headers.
            raise _Retry(TransientFailure(FailureKind.CONNECTION,
                                          detail=type(exc).__name__)) from None

    def _interpret(self, status: int, headers: Any, body: bytes) -> Any:
        if status == 200:
            try:
                return json.loads(body)
            except (UnicodeDecodeError, ValueError):
                raise EmbeddingResponseError(
                    f"the embedding server answered 200 with malformed JSON "
                    f"(url={self.safe_url}): {short(self._redact(body[:200]))}") from None
        detail = self._redact(_error_text(body)) or f"HTTP {status}"
        if status == 429:
            raise _Retry(TransientFailure(FailureKind.RATE_LIMITED,
                                          parse_retry_after(headers.get("Retry-After")), detail))
        if status == 503:
            estimate = parse_estimated_time(_json_or_none(body))
            kind = FailureKind.LOADING if estimate is not None else FailureKind.SERVER
            raise _Retry(TransientFailure(kind, estimate, detail))
        if status >= 500:
            raise _Retry(TransientFailure(FailureKind.SERVER, detail=f"HTTP {status}: {detail}"))
        if status in TOO_LARGE:
            raise BatchTooLargeError(f"HTTP {status}: {short(detail)}")
        raise error_for_status(status, detail, model=self._model_label, url=self.safe_url,
                               has_token=self._token is not None)

    def _headers(self) -> dict[str, str]:
        headers = {"X-Wait-For-Model": "true", "Accept": "application/json"}
        if self._token is not None:
            headers["Authorization"] = f"Bearer {self._token.get_secret_value()}"
        return headers

    def _redact(self, text: str | bytes) -> str:
        if isinstance(text, bytes):
            text = text.decode("utf-8", errors="replace")
        if self._token is not None and self._token.get_secret_value():
            text = text.replace(self._token.get_secret_value(), "***")
        return text

    def _get_session(self) -> aiohttp.ClientSession:
        if self._session is None:
            connector = aiohttp.TCPConnector(limit=self._concurrency)
            self._session = aiohttp.ClientSession(connector=connector)
            self._owns_session = True
        return self._session


def _json_or_none(body: bytes) -> Any:
    try:
        return json.loads(body)
    except (UnicodeDecodeError, ValueError):
        return None


def _error_text(body: bytes) -> str:
    """The `error` field of an error body, else the start of the body."""
    decoded = _json_or_none(body)
    if isinstance(decoded, dict) and "error" in decoded:
        error = decoded["error"]
        return error if isinstance(error, str) else json.dumps(error, ensure_ascii=False)
    return body[:200].decode("utf-8", errors="replace")
