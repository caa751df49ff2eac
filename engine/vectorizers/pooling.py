"""Turn a feature-extraction JSON answer into an `(n, dim)` matrix of unit vectors.

Accepted shapes (see docs/embeddings.md):
- one text sent as a string: `[dim]`, `[tokens][dim]` or `[1][tokens][dim]`;
- `n` texts sent as a list: `[n][dim]` or `[n][tokens][dim]` (token counts may differ per text).
Token-level output is mean-pooled; everything else is rejected with `EmbeddingResponseError`.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from engine.errors import EmbeddingResponseError
from engine.vectorizers.base import normalize_rows


def embeddings_from_payload(payload: Any, n_texts: int, *, single: bool) -> np.ndarray:
    """Validate, pool and normalise `payload` for `n_texts` texts (`single`: sent as a string)."""
    if single:
        vector = _pool_single(payload)
        rows = [vector]
    else:
        if not isinstance(payload, list) or len(payload) != n_texts:
            got = len(payload) if isinstance(payload, list) else type(payload).__name__
            raise EmbeddingResponseError(
                f"expected {n_texts} embeddings in the response, got {got}")
        rows = [_pool_text(item) for item in payload]
    dims = {row.shape[0] for row in rows}
    if len(dims) != 1:
        raise EmbeddingResponseError(f"embeddings of different lengths in one response: {sorted(dims)}")
    return normalize_rows(np.stack(rows))


def mean_pool(token_vectors: np.ndarray) -> np.ndarray:
    """Average `(tokens, dim)` token vectors into one `(dim,)` vector."""
    if token_vectors.ndim != 2 or token_vectors.shape[0] == 0:
        raise EmbeddingResponseError(f"cannot pool token output of shape {token_vectors.shape}")
    return token_vectors.mean(axis=0)


def _pool_single(payload: Any) -> np.ndarray:
    array = _as_float_array(payload)
    if array.ndim == 3 and array.shape[0] == 1:
        array = array[0]
    if array.ndim == 2:
        return mean_pool(array)  # [tokens][dim]; a [1][dim] answer pools to itself
    if array.ndim == 1:
        return _check_vector(array)
    raise EmbeddingResponseError(f"unexpected embedding shape {array.shape} for one text")


def _pool_text(item: Any) -> np.ndarray:
    array = _as_float_array(item)
    if array.ndim == 1:
        return _check_vector(array)
    if array.ndim == 2:
        return mean_pool(array)
    raise EmbeddingResponseError(f"unexpected embedding shape {array.shape} for a text in a batch")


def _check_vector(vector: np.ndarray) -> np.ndarray:
    if vector.shape[0] == 0:
        raise EmbeddingResponseError("empty embedding vector")
    return vector


def _as_float_array(value: Any) -> np.ndarray:
    """Nested lists of real numbers to a float64 array; ragged lists, strings and nulls refused."""
    if isinstance(value, (int, float)) or not isinstance(value, list):
        raise EmbeddingResponseError(
            f"embedding response is a {type(value).__name__}, not a list of numbers")
    try:
        array = np.asarray(value)
    except (ValueError, TypeError):
        raise EmbeddingResponseError("embedding response is a ragged or malformed array") from None
    if array.size == 0:
        raise EmbeddingResponseError("embedding response is empty")
    if array.dtype.kind not in "iuf":
        raise EmbeddingResponseError("embedding response holds values that are not numbers")
    array = array.astype(np.float64, copy=False)
    if not np.all(np.isfinite(array)):
        raise EmbeddingResponseError("embedding contains NaN or infinite values")
    return array
