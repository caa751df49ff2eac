"""Typed errors of the Hugging Face API backend, with messages an operator can act on.

Each message is Korean, then English, and names the setting to check. Messages carry the
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
            "HF_TOKEN이 설정되지 않았습니다. https://huggingface.co/settings/tokens 에서 'read' 토큰을 "
            "만들어 HF_TOKEN에 넣어 주세요. / HF_TOKEN is not set: create a 'read' token at "
            f"https://huggingface.co/settings/tokens and set HF_TOKEN. {where}")
    if status == 401:
        return EmbeddingAuthError(
            "Hugging Face가 토큰을 거부했습니다. HF_TOKEN 값이 올바른지, 만료되지 않았는지 확인해 주세요. / "
            "Hugging Face rejected the token: check HF_TOKEN (is it complete and not revoked?). "
            f"{where}")
    if status == 403:
        return EmbeddingAuthError(
            "토큰에 이 모델을 쓸 권한이 없습니다. 모델 페이지에서 이용 약관에 동의했는지, HF_TOKEN이 "
            "올바른 계정의 토큰인지 확인해 주세요. / The token has no access to this model: accept "
            "the model's terms on its page, or check that HF_TOKEN belongs to an account with "
            f"access. {where}")
    if status == 404:
        return ModelNotFoundError(
            "모델을 찾을 수 없습니다. HF_MODEL_ID(또는 HF_API_URL)의 철자를 확인하고, 공개된 "
            "feature-extraction 모델인지 확인해 주세요. / Model not found: check HF_MODEL_ID (or "
            "HF_API_URL) for typos, and that the model is public and deployed for "
            f"feature-extraction. {where}")
    return EmbeddingResponseError(
        "서버가 요청을 거부했습니다. 모델이 feature-extraction(임베딩)을 지원하는지 확인해 주세요. / "
        "The server refused the request: check that the model supports feature-extraction "
        f"(embeddings). {where}")


def error_after_retries(failure: TransientFailure, attempts: int, *, model: str,
                        url: str) -> EmbeddingError:
    """The error to raise when a transient failure outlasted the retries or the deadline."""
    where = f"(model={model}, url={url}, {attempts} attempt(s): {short(failure.detail)})"
    if failure.kind is FailureKind.LOADING:
        return ModelLoadingError(
            "모델이 아직 로딩 중입니다. 1~2분 뒤에 다시 시도하거나 HF_MAX_LOADING_WAIT_S / "
            "HF_DEADLINE_S를 늘려 주세요. / The model is still loading: try again in a minute or "
            f"two, or raise HF_MAX_LOADING_WAIT_S / HF_DEADLINE_S. {where}")
    if failure.kind is FailureKind.RATE_LIMITED:
        return RateLimitedError(
            "요청 한도를 넘었습니다(429). 잠시 기다리거나 HF_CONCURRENCY를 줄이고, 계속되면 PRO "
            "토큰이나 전용 Inference Endpoint(HF_API_URL)를 사용해 주세요. / Rate limited by "
            "Hugging Face (429): wait a minute, lower HF_CONCURRENCY, or use a PRO token or a "
            f"dedicated Inference Endpoint (HF_API_URL). {where}")
    return BackendUnavailableError(
        "임베딩 서버가 응답하지 않습니다(서버 오류·시간 초과·연결 실패). 잠시 뒤 다시 시도해 주세요. / "
        "The embedding server is unavailable (server errors, timeouts or connection failures); "
        f"try again later, or raise HF_TIMEOUT_S / HF_DEADLINE_S. {where}")


def short(detail: str) -> str:
    """One line of at most MAX_DETAIL_CHARS characters."""
    line = " ".join(detail.split())
    return line if len(line) <= MAX_DETAIL_CHARS else line[:MAX_DETAIL_CHARS - 1] + "…"
