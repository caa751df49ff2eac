"""Typed errors of the Hugging Face API backend, with messages an operator can act on.

Each message names the setting to check (operators read them in logs and in the admin's
reindex report; the bot words its replies to shoppers itself, in bot/texts/). Messages carry the
model id, the sanitised URL and the server's short `error` text, never the token.
"""

from __future__ import annotations

from engine.errors import (
    BackendUnavailableError,
    EmbeddingAuthError,
    EmbeddingError,
    EmbeddingResponseError,
    ModelLoadingError,
    ModelNotFoundError,
    RateLimitedError,
)
from engine.vectorizers.retry import FailureKind, TransientFailure

MAX_DETAIL_CHARS = 200


class BatchTooLargeError(EmbeddingError):
    """413 or 422: the server refused this many texts at once; the caller splits the batch."""


def error_for_status(status: int, detail: str, *, model: str, url: str,
                     has_token: bool) -> EmbeddingError:
    """The error to raise at once for a status that is never retried."""
    where = f"(model={model}, url={url}, HTTP {status}: {short(detail)})"
    if status == 401 and not has_token:
        return EmbeddingAuthError(
            "HF_TOKEN is not set: create a 'read' token at "
            f"https://huggingface.co/settings/tokens and set HF_TOKEN. {where}")
    if status == 401:
        return EmbeddingAuthError(
            "Hugging Face rejected the token: check HF_TOKEN (is it complete and not "
            f"revoked?). {where}")
    if status == 403:
        return EmbeddingAuthError(
            "The token has no access to this model: accept the model's terms on its page, or "
            f"check that HF_TOKEN belongs to an account with access. {where}")
    if status == 404:
        return ModelNotFoundError(
            "Model not found: check HF_MODEL_ID (or HF_API_URL) for typos, and that the model "
            f"is public and deployed for feature-extraction. {where}")
    return EmbeddingResponseError(
        "The server refused the request: check that the model supports feature-extraction "
        f"(embeddings). {where}")


def error_after_retries(failure: TransientFailure, attempts: int, *, model: str,
                        url: str) -> EmbeddingError:
    """The error to raise when a transient failure outlasted the retries or the deadline."""
    where = f"(model={model}, url={url}, {attempts} attempt(s): {short(failure.detail)})"
    if failure.kind is FailureKind.LOADING:
        return ModelLoadingError(
            "The model is still loading: try again in a minute or two, or raise "
            f"HF_MAX_LOADING_WAIT_S / HF_DEADLINE_S. {where}")
    if failure.kind is FailureKind.RATE_LIMITED:
        return RateLimitedError(
            "Rate limited by Hugging Face (429): wait a minute, lower HF_CONCURRENCY, or use "
            f"a PRO token or a dedicated Inference Endpoint (HF_API_URL). {where}")
    return BackendUnavailableError(
        "The embedding server is unavailable (server errors, timeouts or connection "
        "failures); try again later, or raise HF_TIMEOUT_S / HF_DEADLINE_S "
        f"(HF_QUERY_DEADLINE_S for searches). {where}")


def short(detail: str) -> str:
    """One line of at most MAX_DETAIL_CHARS characters."""
    line = " ".join(detail.split())
    return line if len(line) <= MAX_DETAIL_CHARS else line[:MAX_DETAIL_CHARS - 1] + "…"
