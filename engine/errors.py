"""The exceptions Cosmo raises, so callers catch what they mean.

CosmoError
 ├── CatalogError              a catalog file is unreadable or a row is invalid (file, line, field)
 ├── SnapshotError             an index snapshot is missing, damaged or from another model
 │    └── IndexModelMismatchError  the snapshot was built with another model or dim
 ├── NoIndexError              there is no usable snapshot: run a reindex
 ├── ReindexInProgressError    a reindex is already running (here or in another process)
 ├── InvalidQueryError         nothing searchable in the query
 ├── SearchWorkerError         a search worker process died or did not answer in time
 └── EmbeddingError            the embedding backend failed
      ├── EmbeddingAuthError       bad or unauthorised token (401/403)
      ├── ModelNotFoundError       unknown or private model (404), or a missing local model
      ├── RateLimitedError         still rate limited (429) after retries
      ├── ModelLoadingError        the model was still loading (503) after retries
      ├── BackendUnavailableError  5xx, timeouts or connection errors after retries
      │    └── CircuitOpenError     not asked: it failed repeatedly and is cooling down
      └── EmbeddingResponseError   the backend answered with a shape or values we cannot use

The three snapshot errors also subclass those of the snapshot store (index/errors.py), so a
handler of the store's errors catches the engine's too; the engine turns what the store raises
into its own (`engine.reindexer`).
"""

from __future__ import annotations

from index import errors as store_errors


class CosmoError(Exception):
    """Base of every error Cosmo raises on purpose."""


class CatalogError(CosmoError):
    """A catalog problem, located by file, line (or CSV row) and field."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None,
                 field: str | None = None) -> None:
        self.path = path
        self.line = line
        self.field = field
        self.reason = message
        where = ":".join(part for part in (path, str(line) if line else None) if part)
        prefix = f"{where}: " if where else ""
        field_part = f"field '{field}': " if field else ""
        super().__init__(f"{prefix}{field_part}{message}")


class SnapshotError(CosmoError, store_errors.SnapshotError):
    """An index snapshot could not be written or loaded."""


class IndexModelMismatchError(SnapshotError):
    """The snapshot's embeddings come from a different model than the active backend."""


class NoIndexError(CosmoError, store_errors.NoSnapshotError):
    """No usable snapshot exists yet."""


class ReindexInProgressError(CosmoError, store_errors.WriterLockedError):
    """Only one reindex runs at a time."""


class EmbeddingError(CosmoError):
    """The embedding backend could not produce vectors."""


class EmbeddingAuthError(EmbeddingError):
    """The token is missing, invalid or lacks access."""


class ModelNotFoundError(EmbeddingError):
    """The model does not exist, is private, or is not on disk."""


class RateLimitedError(EmbeddingError):
    """The backend kept answering 429."""


class ModelLoadingError(EmbeddingError):
    """The model was still loading when retries ran out."""


class BackendUnavailableError(EmbeddingError):
    """Server errors, timeouts or connection failures outlasted the retries."""


class CircuitOpenError(BackendUnavailableError):
    """The backend failed several times in a row, so it is not asked until its cool-down ends."""


class EmbeddingResponseError(EmbeddingError):
    """The backend's answer had an unexpected shape or non-finite values."""


class InvalidQueryError(CosmoError):
    """The query has nothing searchable in it (empty, whitespace, only symbols)."""


class SearchWorkerError(CosmoError):
    """The worker process ranking a search died or hung; it is replaced, the search is not
    answered (asking again works)."""


# What an outage of the backend looks like, as opposed to a configuration error (a wrong token,
# an unknown model): searches fall back to keyword results and the circuit breaker counts these.
OUTAGE_ERRORS = (BackendUnavailableError, RateLimitedError, ModelLoadingError)
