"""Engine errors in words: a friendly reply for users, a reason for the admin, in the
reader's language."""

from __future__ import annotations

from bot.texts import Texts
from engine.errors import (CatalogError, CosmoError, EmbeddingError, IndexModelMismatchError,
                           InvalidQueryError, NoIndexError, SearchWorkerError, SnapshotError)


def user_message_for(error: CosmoError, texts: Texts) -> str:
    """What a user sees when a search fails with `error`."""
    if isinstance(error, InvalidQueryError):
        return texts.INVALID_QUERY
    if isinstance(error, NoIndexError):
        return texts.NO_INDEX
    if isinstance(error, IndexModelMismatchError):
        return texts.INDEX_MISMATCH
    if isinstance(error, EmbeddingError):
        return texts.BACKEND_DOWN
    if isinstance(error, SearchWorkerError):
        return texts.SEARCH_INTERRUPTED
    return texts.UNEXPECTED


def reindex_failure_reason(error: BaseException, texts: Texts) -> str:
    """Why a reindex failed, for the admin (plain text; the caller escapes it)."""
    if isinstance(error, CatalogError):
        return texts.FAILURE_CATALOG.format(detail=error)
    if isinstance(error, EmbeddingError):
        return texts.FAILURE_EMBEDDING.format(detail=f"{type(error).__name__}: {error}")
    if isinstance(error, SnapshotError):
        return texts.FAILURE_SNAPSHOT.format(detail=error)
    return texts.FAILURE_UNEXPECTED.format(kind=type(error).__name__)
