"""The errors of the snapshot store, so callers catch what they mean; the index knows nothing
of the engine above it (engine.errors subclasses these into its own tree).

IndexStoreError
 ├── SnapshotError       a snapshot is missing, damaged, or a path lies outside the store
 ├── NoSnapshotError     the store holds no snapshot yet
 └── WriterLockedError   another process is writing to the store
"""

from __future__ import annotations


class IndexStoreError(Exception):
    """Base of every error the snapshot store raises on purpose."""


class SnapshotError(IndexStoreError):
    """A snapshot could not be written, verified or read."""


class NoSnapshotError(IndexStoreError):
    """No snapshot exists yet."""


class WriterLockedError(IndexStoreError):
    """One writer at a time: another process holds the store's writer lock."""
